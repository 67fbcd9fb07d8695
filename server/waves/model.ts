import { Schema, model, type InferSchemaType } from "mongoose";
import { localizedTextMongoose } from "../i18n/localized-text.schema";
import { RESPONDENT_LOCALES } from "../shared/locales";
import { stampedWrites } from "../db/stamped-writes";

export const WAVE_KINDS = ["baseline", "follow-up"] as const;
export const WAVE_STATUSES = ["draft", "open", "paused", "closed"] as const;
export const CHANNELS = ["open-link", "sms", "kiosk"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Invitation and reminder texts; empty locales fall back to the defaults in locales/. */
const smsTemplatesMongoose = new Schema(
  {
    invitation: { he: String, ar: String, en: String },
    reminder: { he: String, ar: String, en: String },
  },
  { _id: false },
);

/**
 * When no SMS goes out, in Israel time: nights every day, and (by default in
 * Jewish and mixed localities) from Friday afternoon to Saturday night.
 */
const quietHoursMongoose = new Schema(
  {
    nightStart: { type: String, match: /^\d{2}:\d{2}$/, default: "21:00" },
    nightEnd: { type: String, match: /^\d{2}:\d{2}$/, default: "08:00" },
    weekendRest: { type: Boolean, default: true },
    weekendStart: { type: String, match: /^\d{2}:\d{2}$/, default: "14:00" },
    weekendEnd: { type: String, match: /^\d{2}:\d{2}$/, default: "20:00" },
  },
  { _id: false },
);

/** A wave of one authority, pinned to one published instrument version. */
const waveSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    instrumentVersionId: { type: Schema.Types.ObjectId, ref: "InstrumentVersion", required: true },
    name: { type: localizedTextMongoose, required: true },
    kind: { type: String, enum: WAVE_KINDS, required: true },
    status: { type: String, enum: WAVE_STATUSES, required: true, default: "draft" },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date },
    channels: { type: [String], enum: CHANNELS, default: ["open-link"] },
    openLinkSlug: { type: String, match: /^[a-z0-9-]{2,60}$/ },
    /**
     * The languages offered to residents (server/shared/wave-languages.ts). Absent on
     * waves stored before the setting: they read as offering all four, as they did.
     */
    languages: { type: [String], enum: RESPONDENT_LOCALES, default: undefined },
    /** The questions with quota cells (server/quotas/), so a wave without them costs nothing. */
    quotaQuestions: { type: [String], default: undefined },
    /** Completed responses the wave aims for (about 400 per locality). */
    targetCompletes: { type: Number, min: 0 },
    smsTemplates: { type: smsTemplatesMongoose, default: () => ({}) },
    /**
     * A coordinator's new SMS texts for a wave that has opened: kept here, never sent,
     * until a researcher or an admin approves them (server/waves/sms-proposal.ts).
     */
    smsProposal: {
      type: new Schema(
        {
          templates: { type: smsTemplatesMongoose, required: true },
          proposedBy: { type: String, required: true },
          proposedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /**
     * Split-ballot bridge on a new instrument version: this share of the responses
     * (half by default) is asked the earlier version's wording for this wave only
     * (server/instruments/bridge.ts assigns them, deterministically per response).
     */
    bridge: {
      type: new Schema(
        {
          instrumentVersionId: {
            type: Schema.Types.ObjectId,
            ref: "InstrumentVersion",
            required: true,
          },
          share: { type: Number, required: true, min: 0, max: 1, default: 0.5 },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /** Reminders to those who have not finished, days after the invitation went out. */
    reminderDays: { type: [Number], default: [] },
    quietHours: { type: quietHoursMongoose, default: () => ({}) },
    statusChangedAt: { type: Date },
  },
  { timestamps: true },
);
// Every write stamped and the stamp indexed: the dashboards hold waves by it.
waveSchema.plugin(stampedWrites);
waveSchema.index({ authorityId: 1, opensAt: 1 });
waveSchema.index(
  { openLinkSlug: 1 },
  { unique: true, partialFilterExpression: { openLinkSlug: { $type: "string" } } },
);

export type WaveDoc = InferSchemaType<typeof waveSchema>;
export const Wave = model("Wave", waveSchema);
