import { z } from "zod";
import type { Principal } from "../access/principal";
import { createMarginSet } from "./margin-sets";
import { MARGIN_VARIABLES, marginInput } from "./margin-set-schema";

/** Body of PUT …/margins: population shares per weighting variable. */
export const marginsBody = z.object({
  margins: z.array(marginInput).max(MARGIN_VARIABLES.length),
});
export type MarginsBody = z.infer<typeof marginsBody>;

export const marginsResultSchema = z.object({
  authority: z.string(),
  margins: marginsBody.shape.margins,
  version: z.number().int().describe("The margin set version this created"),
});

/**
 * The shortcut of the time before versions: stores the shares as a new margin
 * set version (source "entered by hand", this year, valid from 1970, so for
 * every wave no later-dated set covers). An empty list makes such waves
 * unweighted. Shares of each variable must sum to 1 (±0.001).
 */
export async function setMargins(principal: Principal, slug: string, body: MarginsBody) {
  const set = await createMarginSet(principal, slug, {
    source: "entered by hand",
    year: new Date().getUTCFullYear(),
    universe: "18+",
    validFrom: "1970-01-01",
    margins: body.margins,
  });
  return { authority: slug, margins: body.margins, version: set.version };
}
