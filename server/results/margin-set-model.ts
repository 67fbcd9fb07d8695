import { Schema, model, type InferSchemaType } from "mongoose";
import { stampedWrites } from "../db/stamped-writes";

/**
 * One version of an authority's population margins: where they come from
 * (source and year, e.g. the CBS locality table of 2022), whom they describe
 * (the universe, residents 18+), and which waves they are for. Versions are
 * never edited: a correction is a new version, so a result can always say
 * which margins weighted it. A wave is raked to the set pinned to it, else to
 * the latest set valid from on or before the day it opened
 * (margin-set-choice.ts).
 */
const marginSetSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    /** 1, 2, … per authority, in order of creation. */
    version: { type: Number, required: true, min: 1 },
    source: { type: String, required: true },
    year: { type: Number, required: true },
    universe: { type: String, enum: ["18+"], required: true },
    /** The set applies to waves that opened on or after this day (until a later set). */
    validFrom: { type: Date, required: true },
    /** Pinned to one wave instead: that wave uses this set whatever its dates. */
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", default: null },
    /** The largest weight allowed (mean 1); null: 5 × the median raked weight. */
    trimCap: { type: Number, default: null },
    margins: [
      {
        _id: false,
        /** A demographics question id, e.g. dem_age_band or dem_education. */
        variable: { type: String, required: true },
        /** Answer value (as text) → population share, as an array so no answer is a field name. */
        shares: [{ _id: false, value: { type: String, required: true }, share: Number }],
      },
    ],
    createdBy: { type: String, required: true },
  },
  { timestamps: true, collection: "margin_sets" },
);
marginSetSchema.index({ authorityId: 1, version: 1 }, { unique: true });
// Every write stamped and the stamp indexed: the dashboards reload margins by it.
marginSetSchema.plugin(stampedWrites);

export type MarginSetDoc = InferSchemaType<typeof marginSetSchema>;
export const MarginSet = model("MarginSet", marginSetSchema);
