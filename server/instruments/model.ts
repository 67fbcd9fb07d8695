import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A published, immutable instrument version. The snapshot holds everything needed
 * to render, validate and score it, so later edits of the item bank never change
 * what a wave asked.
 */
const instrumentVersionSchema = new Schema(
  {
    key: { type: String, required: true },
    version: { type: Number, required: true, min: 1 },
    contentHash: { type: String, required: true },
    snapshot: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, required: true },
    /**
     * The designer's TRAPD record of every string (server/bank/trapd.ts) as it stood
     * when this version was published: documentation of how its wording was
     * translated, not part of what is asked (so not in the snapshot or its hash).
     */
    translationReview: { type: Schema.Types.Mixed, required: false },
    translationReviewAt: { type: Date, required: false },
  },
  { minimize: false },
);
instrumentVersionSchema.index({ key: 1, version: 1 }, { unique: true });

export type InstrumentVersionDoc = InferSchemaType<typeof instrumentVersionSchema>;
export const InstrumentVersion = model("InstrumentVersion", instrumentVersionSchema);
