import { z } from "zod";
import type { Principal } from "../access/principal";
import { authorityInScope } from "../access/scope";
import { ValidationError } from "../errors";
import { PopulationMargins } from "./margins-model";

/** Body of PUT …/margins: population shares per weighting variable. */
export const marginsBody = z.object({
  margins: z
    .array(
      z.object({
        variable: z.enum(["dem_age_band", "dem_sex", "dem_population_group"]),
        shares: z
          .record(z.string().regex(/^[0-9]{1,3}$/), z.number().gt(0).lte(1))
          .refine((s) => Object.keys(s).length >= 2, "at least two categories"),
      }),
    )
    .max(3),
});
export type MarginsBody = z.infer<typeof marginsBody>;

export const marginsResultSchema = z.object({
  authority: z.string(),
  margins: marginsBody.shape.margins,
});

/**
 * Stores an authority's population margins (an empty list removes them). Shares
 * of each variable must sum to 1 (±0.001, as published tables round). From the
 * next dashboard view on, that authority's waves are raked to them.
 */
export async function setMargins(principal: Principal, slug: string, body: MarginsBody) {
  const authority = await authorityInScope(principal, slug);
  const details = body.margins.flatMap((m, i) => {
    const sum = Object.values(m.shares).reduce((a, b) => a + b, 0);
    return Math.abs(sum - 1) > 1e-3
      ? [{ path: `body.margins.${i}.shares`, code: "sum_not_1" }]
      : [];
  });
  const variables = body.margins.map((m) => m.variable);
  if (new Set(variables).size !== variables.length)
    details.push({ path: "body.margins", code: "duplicate_variable" });
  if (details.length > 0) throw new ValidationError(details);
  if (body.margins.length === 0) await PopulationMargins.deleteOne({ authorityId: authority._id });
  else
    await PopulationMargins.findOneAndUpdate(
      { authorityId: authority._id },
      { authorityId: authority._id, margins: body.margins },
      { upsert: true },
    );
  return { authority: authority.slug, margins: body.margins };
}
