import { Schema, model, type InferSchemaType } from "mongoose";
import { stampedWrites } from "../db/stamped-writes";

/**
 * Known population shares of one authority (e.g. from the CBS): one document per
 * authority with the categories of each weighting variable. When an authority has
 * them, each of its waves is raked to them and its results are weighted.
 */
const populationMarginsSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true, unique: true },
    margins: [
      {
        _id: false,
        /** A demographics question id, e.g. dem_age_band or dem_sex. */
        variable: { type: String, required: true },
        /** Answer value (as text) → population share; shares of a variable sum to 1. */
        shares: { type: Map, of: Number, required: true },
      },
    ],
  },
  { timestamps: true },
);

// Every write stamped and the stamp indexed: the dashboards reload margins by it.
populationMarginsSchema.plugin(stampedWrites);

export type PopulationMarginsDoc = InferSchemaType<typeof populationMarginsSchema>;
export const PopulationMargins = model("PopulationMargins", populationMarginsSchema);
