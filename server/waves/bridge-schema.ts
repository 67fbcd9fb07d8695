import { z } from "zod";
import { localizedTextSchema } from "../i18n/localized-text.schema";
import { objectId } from "../shared/schemas";

/** Zod shapes of a wave's split-ballot bridge and its comparison (server/waves/bridge-routes.ts). */

const versionRef = z.object({
  id: z.string(),
  key: z.string(),
  version: z.number().int(),
  edition: z.number().int().describe("The item bank's edition the version was published from"),
});

export const bridgeInputSchema = z.object({
  bridge: z
    .object({
      instrumentVersionId: objectId.describe("An earlier published version of the same instrument"),
      share: z
        .number()
        .gt(0)
        .lt(1)
        .default(0.5)
        .describe("The share of responses asked the earlier version (0.5: half)"),
    })
    .nullable()
    .describe("null removes the bridge"),
});
export type BridgeInput = z.infer<typeof bridgeInputSchema>;

export const bridgeViewSchema = z.object({
  waveId: z.string(),
  status: z.string(),
  /** The wave's own version (the new wording). */
  version: versionRef,
  bridge: z.object({ old: versionRef, share: z.number() }).nullable(),
  /** The versions a bridge may name: earlier versions of the same instrument. */
  candidates: z.array(versionRef),
  editable: z.boolean().describe("A bridge is set or removed only while the wave is a draft"),
});
export type BridgeView = z.infer<typeof bridgeViewSchema>;

const armMean = z.object({
  n: z.number().int(),
  mean: z
    .number()
    .nullable()
    .describe("0-100 points of the scale's range; null below the cell size"),
});

export const bridgeComparisonSchema = z.object({
  waveId: z.string(),
  bridged: z.boolean(),
  share: z.number().nullable(),
  minCell: z.number().int(),
  arms: z.object({
    bridge: z.object({ version: z.number().int().nullable(), n: z.number().int() }),
    main: z.object({ version: z.number().int(), n: z.number().int() }),
  }),
  items: z.array(
    z.object({
      oldId: z.string(),
      newId: z.string(),
      constructId: z.string().nullable(),
      change: z.string().nullable(),
      text: z.object({ old: localizedTextSchema, new: localizedTextSchema }),
      bridge: armMean,
      main: armMean,
      difference: z
        .object({ estimate: z.number(), low: z.number(), high: z.number() })
        .nullable()
        .describe("New wording minus old, 0-100 points, Welch 95% interval"),
    }),
  ),
});
export type BridgeComparison = z.infer<typeof bridgeComparisonSchema>;
