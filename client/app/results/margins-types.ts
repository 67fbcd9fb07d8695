import type { z } from "zod";
import type {
  marginSetListSchema,
  marginSetSchema,
  marginsCsvCheckSchema,
} from "../../../server/results/margin-set-schema";

/** GET …/margin-sets: the versions and which one each wave is raked to. */
export type MarginSetList = z.infer<typeof marginSetListSchema>;
/** One stored version of an authority's margins. */
export type MarginSetView = z.infer<typeof marginSetSchema>;
/** POST …/margin-sets/upload/check: what a file holds and every problem in it. */
export type MarginsCheck = z.infer<typeof marginsCsvCheckSchema>;

/** The margins API of one authority. */
export const marginsApi = (slug: string) =>
  `/api/results/authorities/${encodeURIComponent(slug)}/margin-sets`;
