import { Schema, model, type InferSchemaType } from "mongoose";
import { OBSERVED_HOLIDAYS } from "../distribution/queue/observed-holidays";
import { localizedTextMongoose, residentNameMongoose } from "../i18n/localized-text.schema";

/** Whether an authority is in the program or only surveyed for comparison. */
export const PROGRAM_STATUSES = ["treated", "comparison"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/**
 * A local authority surveyed by the platform: one of the program's localities
 * (treated) or a comparison locality, surveyed the same way but not in the
 * program. Comparison localities are matched on the CBS socio-economic
 * cluster, the periphery index cluster, population group and size, and never
 * enter the program benchmark.
 */
const authoritySchema = new Schema(
  {
    slug: { type: String, required: true, unique: true, match: /^[a-z0-9-]{2,60}$/ },
    /** The name in he/ar/en, and in Russian once an admin gives it (resident pages). */
    name: { type: residentNameMongoose, required: true },
    /** Population group: Jewish, Arab or mixed locality. */
    population: { type: String, enum: ["jewish", "arab", "mixed"], required: true },
    /**
     * The closed list residents choose their neighbourhood from (server/authorities/
     * neighbourhoods.ts): a breakdown group is one of these keys or "other", never typed text.
     */
    neighbourhoods: {
      type: [
        new Schema(
          { key: { type: String, required: true }, name: { type: localizedTextMongoose } },
          { _id: false },
        ),
      ],
      default: undefined,
    },
    programStatus: { type: String, enum: PROGRAM_STATUSES, default: "treated", required: true },
    /** CBS socio-economic cluster, 1 (lowest) to 10. */
    socioEconomicCluster: { type: Number, min: 1, max: 10 },
    /** CBS periphery index cluster, 1 (most peripheral) to 10. */
    peripheryCluster: { type: Number, min: 1, max: 10 },
    /** Residents, for weighting authorities by population when pooling. */
    populationSize: { type: Number, min: 0 },
    /**
     * Holidays kept beyond those of the population group (Christmas in a Christian
     * locality): no SMS goes out on them (server/distribution/queue/rest-calendar.ts).
     */
    observedHolidays: { type: [{ type: String, enum: OBSERVED_HOLIDAYS }], default: undefined },
    /** Where the locality is: Shabbat ends at its own nightfall, not Jerusalem's. */
    location: {
      type: new Schema(
        {
          latitude: { type: Number, min: 29, max: 34, required: true },
          longitude: { type: Number, min: 34, max: 36, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /**
     * Who takes residents' accessibility requests (IS 5568 statement): the role or
     * office in every language, and an email and/or phone, as the authority gave them.
     */
    accessibilityContact: {
      type: new Schema(
        { role: { type: localizedTextMongoose }, email: String, phone: String },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { timestamps: true },
);

export type AuthorityDoc = InferSchemaType<typeof authoritySchema>;
export const Authority = model("Authority", authoritySchema);
