import { z } from "zod";
import { objectId } from "../shared/schemas";

/** The demographics questions a wave can be raked on. */
export const MARGIN_VARIABLES = [
  "dem_age_band",
  "dem_sex",
  "dem_population_group",
  "dem_education",
  "dem_neighbourhood",
] as const;
export type MarginVariable = (typeof MARGIN_VARIABLES)[number];

/** A category: a codebook value (1–3 digits), or a neighbourhood key of the authority's list. */
const category = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const marginInput = z.object({
  variable: z.enum(MARGIN_VARIABLES),
  shares: z
    .record(category, z.number().gt(0).lte(1))
    .refine((s) => Object.keys(s).length >= 2, "at least two categories"),
});

/** Fields every margin set states, whether typed in or imported from the CBS. */
export const marginSetMeta = z.object({
  source: z.string().trim().min(2).max(200).describe('Where the figures are from, e.g. "CBS 2022"'),
  year: z.number().int().min(1948).max(2100).describe("The year the figures describe"),
  universe: z.literal("18+").describe("Whom the figures count: residents aged 18 and over"),
  validFrom: z.iso.date().describe("Waves that opened on or after this day use the set"),
  waveId: objectId
    .nullable()
    .optional()
    .describe("Pin the set to one wave of the authority instead of a date"),
  trimCap: z
    .number()
    .gt(1)
    .max(50)
    .nullable()
    .optional()
    .describe("Largest weight (mean 1); absent: 5 × the median raked weight"),
});

/** Body of POST …/margin-sets. */
export const marginSetBody = marginSetMeta.extend({
  margins: z.array(marginInput).max(MARGIN_VARIABLES.length),
});
export type MarginSetBody = z.infer<typeof marginSetBody>;

/** Body of POST …/margin-sets/cbs: a CBS locality table as CSV text (docs/methods.md, 3). */
export const cbsImportBody = marginSetMeta.extend({
  localityCode: z
    .string()
    .regex(/^[0-9]{1,4}$/)
    .describe("The CBS locality code (semel yishuv) whose rows are taken"),
  csv: z.string().min(1).max(2_000_000).describe("locality_code,variable,category,count"),
});
export type CbsImportBody = z.infer<typeof cbsImportBody>;

export const marginSetSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  source: z.string(),
  year: z.number().int(),
  universe: z.literal("18+"),
  validFrom: z.iso.date(),
  waveId: z.string().nullable(),
  trimCap: z.number().nullable(),
  margins: z.array(z.object({ variable: z.string(), shares: z.record(z.string(), z.number()) })),
  createdAt: z.iso.datetime(),
});

export const marginSetListSchema = z.object({
  authority: z.string(),
  authorityName: z.object({ he: z.string(), ar: z.string(), en: z.string() }),
  sets: z.array(marginSetSchema).describe("Newest version first"),
  waves: z
    .array(
      z.object({
        id: z.string(),
        opensAt: z.iso.datetime(),
        name: z.object({ he: z.string(), ar: z.string(), en: z.string() }),
        status: z.string(),
        version: z.number().int().nullable(),
      }),
    )
    .describe("Which version each wave of the authority is raked to (null: none)"),
});

/**
 * Body of POST …/margin-sets/upload (and …/upload/check): a researcher's margins
 * file as CSV text, `source,year,variable,category,share`, one version per file.
 */
export const marginsCsvBody = marginSetMeta.omit({ source: true, year: true }).extend({
  // A margins file is tens of rows (a few variables' categories); 64 KiB holds a
  // thousand, and anything longer is not a margins file.
  csv: z.string().min(1).max(65_536).describe("source,year,variable,category,share"),
});
export type MarginsCsvBody = z.infer<typeof marginsCsvBody>;

/** What a check of a margins file found: the set it would store, and every problem. */
export const marginsCsvCheckSchema = z.object({
  source: z.string().nullable(),
  year: z.number().int().nullable(),
  margins: z.array(z.object({ variable: z.string(), shares: z.record(z.string(), z.number()) })),
  problems: z
    .array(
      z.object({
        path: z.string().describe("row.N (the header is row 1), variable.X, header.X or file"),
        row: z.number().int().nullable(),
        variable: z.string().nullable(),
        code: z.string(),
      }),
    )
    .describe("Empty when the file can be stored as it is"),
});
