import { z } from "zod";

export const sampleDesignParams = z.object({ waveId: z.string().regex(/^[0-9a-f]{24}$/) });

export const sampleDesignBody = z.object({
  probability: z
    .boolean()
    .describe("True: the wave was drawn as a probability sample, reported with intervals"),
});

export const sampleDesignSchema = z.object({ waveId: z.string(), probability: z.boolean() });
