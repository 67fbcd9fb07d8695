import { Schema, model } from "mongoose";

/**
 * One cell of a wave's quota: the responses with `value` as their answer to
 * `question`, aimed at `target`. `count` is what the cell holds and `remaining`
 * what it still takes: a submission reserves a place by taking one from
 * `remaining` only while it is above zero, in one conditional update, so two
 * residents racing for the last place cannot both get it (server/quotas/service.ts).
 */
const quotaCellSchema = new Schema(
  {
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    question: { type: String, required: true },
    value: { type: Number, required: true },
    target: { type: Number, required: true, min: 1 },
    count: { type: Number, required: true, min: 0, default: 0 },
    remaining: { type: Number, required: true, min: 0 },
  },
  { timestamps: true },
);
quotaCellSchema.index({ waveId: 1, question: 1, value: 1 }, { unique: true });

export const QuotaCell = model("QuotaCell", quotaCellSchema);
