import { Schema, model, type InferSchemaType } from "mongoose";
import { TRAPD_STAGES } from "../shared/trapd-stages";

/**
 * One string of an instrument in one target language as it goes through TRAPD
 * (translate, review, adjudicate, pretest, document): two independent
 * translations, the reviewer's notes, the adjudicated final, the pretest notes,
 * and every step taken. Keyed by the instrument's key, so the record follows the
 * draft from version to version; publishing copies it onto the version.
 */
const stepSchema = new Schema(
  {
    from: { type: String, enum: TRAPD_STAGES, required: true },
    to: { type: String, enum: TRAPD_STAGES, required: true },
    note: { type: String, default: "" },
    by: { type: Schema.Types.ObjectId, ref: "User" },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const translationReviewSchema = new Schema(
  {
    key: { type: String, required: true },
    path: { type: String, required: true },
    locale: { type: String, required: true },
    stage: { type: String, enum: TRAPD_STAGES, required: true },
    translationA: { type: String, default: "" },
    translationB: { type: String, default: "" },
    reviewNote: { type: String, default: "" },
    final: { type: String, default: "" },
    /** The Hebrew the final was adjudicated against: a later change of it is flagged. */
    sourceAtFinal: { type: String, default: "" },
    pretestNote: { type: String, default: "" },
    history: { type: [stepSchema], default: [] },
  },
  { timestamps: true, minimize: false },
);
translationReviewSchema.index({ key: 1, path: 1, locale: 1 }, { unique: true });

export type TranslationReviewDoc = InferSchemaType<typeof translationReviewSchema>;
export const TranslationReview = model("TranslationReview", translationReviewSchema);
