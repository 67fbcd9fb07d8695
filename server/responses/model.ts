import { Schema, model, type InferSchemaType, type Types } from "mongoose";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { CHANNELS } from "../waves/model";
import { exportKeyOf } from "./export-key";

/**
 * One completed response. It holds answers and their construct scores only:
 * nothing that identifies the resident lives here.
 */
const responseSchema = new Schema(
  {
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    instrumentVersionId: { type: Schema.Types.ObjectId, ref: "InstrumentVersion", required: true },
    /**
     * In a wave with a split-ballot bridge: the arm the response was asked
     * (server/instruments/bridge.ts), so the two wordings can be compared.
     */
    arm: { type: String, enum: ["bridge", "main"] },
    channel: { type: String, enum: CHANNELS, required: true },
    locale: { type: String, enum: RESPONDENT_LOCALES, required: true },
    /** Client-made id of the submission attempt: a retried submission is stored once. */
    submissionId: { type: String, required: true, unique: true },
    answers: { type: Schema.Types.Mixed, required: true },
    scores: { type: Schema.Types.Mixed, required: true },
    submittedAt: { type: Date, required: true },
    /** The kiosk a response was made at (channel "kiosk"). */
    deviceId: { type: Schema.Types.ObjectId, ref: "KioskDevice" },
    /**
     * A personal link's response: its invitation's frame cell (the list's
     * language and neighbourhood, server/responses/frame.ts), for the
     * non-response adjustment; never a contact, phone or invitation id.
     */
    frame: {
      type: new Schema(
        { language: { type: String }, neighbourhood: { type: String } },
        { _id: false },
      ),
      default: undefined,
    },
    /** A consented panel member's pseudonym, for paired comparisons; never a phone or a contact id. */
    panelId: { type: String },
    /** Why an open-link response looked like stuffing (server/take/stuffing-guard.ts); absent when it did not. */
    flags: { type: [String], default: undefined },
    /**
     * The order of the responses export (server/responses/export-key.ts): set on
     * insert through mongoose; the export fills it in where a write left it out.
     */
    exportKey: {
      type: String,
      default: function (this: { _id?: Types.ObjectId }) {
        return this._id ? exportKeyOf(this._id) : undefined;
      },
    },
    /**
     * True once the response is folded into its wave's statistics
     * (server/results/aggregate-cache.ts); absent until then, so every write
     * path leaves new responses to be folded without knowing about it.
     */
    aggregated: { type: Boolean },
  },
  { minimize: false },
);
// A wave's responses, and its panel members' among them (panelId > "" skips the rest).
responseSchema.index({ waveId: 1, panelId: 1 });
responseSchema.index({ authorityId: 1, waveId: 1 });
// The export streams a wave in export-key order from this index (no sort in memory).
responseSchema.index({ waveId: 1, exportKey: 1 });
responseSchema.index({ panelId: 1 }, { sparse: true });
// Responses not yet folded into their wave's statistics (aggregated absent), and per wave.
responseSchema.index({ aggregated: 1, waveId: 1 });

export type ResponseDoc = InferSchemaType<typeof responseSchema>;
export const SurveyResponse = model("Response", responseSchema);
