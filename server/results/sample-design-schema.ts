import { z } from "zod";
import { objectId } from "../shared/schemas";

export const sampleDesignParams = z.object({ waveId: objectId });

export const sampleDesignBody = z.object({
  probability: z
    .boolean()
    .describe("True: the wave was drawn as a probability sample, reported with intervals"),
});

export const sampleDesignSchema = z.object({ waveId: z.string(), probability: z.boolean() });
