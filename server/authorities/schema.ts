import { z } from "zod";
import { OBSERVED_HOLIDAYS } from "../distribution/queue/observed-holidays";
import { PROGRAM_STATUSES } from "./model";

const cluster = z.number().int().min(1).max(10);

/** The attributes of an authority that matching and pooling use. */
export const authorityAttributesSchema = z.object({
  population: z.enum(["jewish", "arab", "mixed"]).describe("Population group"),
  programStatus: z
    .enum(PROGRAM_STATUSES)
    .describe("treated: in the program; comparison: surveyed for comparison only"),
  socioEconomicCluster: cluster.nullable().describe("CBS socio-economic cluster, 1-10"),
  peripheryCluster: cluster.nullable().describe("CBS periphery index cluster, 1-10"),
  populationSize: z.number().int().min(0).nullable().describe("Residents"),
  observedHolidays: z
    .array(z.enum(OBSERVED_HOLIDAYS))
    .max(OBSERVED_HOLIDAYS.length)
    .describe("Holidays kept beyond the population group's (no SMS on them)"),
  location: z
    .object({
      latitude: z.number().min(29).max(34),
      longitude: z.number().min(34).max(36),
    })
    .strict()
    .nullable()
    .describe("The locality's coordinates (Israel): Shabbat ends at its own nightfall"),
  russianName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .nullable()
    .describe("The name residents reading Russian see (null: they see the Hebrew name)"),
});
export type AuthorityAttributes = z.infer<typeof authorityAttributesSchema>;

/** Body of PATCH /api/authorities/:slug: any of the attributes; null clears a cluster or size. */
export const authorityAttributesBody = authorityAttributesSchema
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "at least one attribute");

export const authorityListSchema = z.array(
  z
    .object({ id: z.string(), slug: z.string(), name: z.string() })
    .extend(authorityAttributesSchema.shape),
);

/** The attributes of a stored authority, with absent ones as null. */
export function attributesOf(a: {
  population: "jewish" | "arab" | "mixed";
  programStatus?: "treated" | "comparison" | null;
  socioEconomicCluster?: number | null;
  peripheryCluster?: number | null;
  populationSize?: number | null;
  observedHolidays?: readonly string[] | null;
  location?: { latitude: number; longitude: number } | null;
  name?: { ru?: string | null } | null;
}): AuthorityAttributes {
  return {
    population: a.population,
    programStatus: a.programStatus ?? "treated",
    socioEconomicCluster: a.socioEconomicCluster ?? null,
    peripheryCluster: a.peripheryCluster ?? null,
    populationSize: a.populationSize ?? null,
    observedHolidays: [
      ...new Set(a.observedHolidays ?? []),
    ] as AuthorityAttributes["observedHolidays"],
    location: a.location
      ? { latitude: a.location.latitude, longitude: a.location.longitude }
      : null,
    russianName: a.name?.ru?.trim() ? a.name.ru : null,
  };
}
