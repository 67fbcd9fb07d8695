import { Schema, model, type InferSchemaType } from "mongoose";
import { localizedTextMongoose } from "../i18n/localized-text.schema";

export const WAVE_KINDS = ["baseline", "follow-up"] as const;
export const WAVE_STATUSES = ["draft", "open", "paused", "closed"] as const;
export const CHANNELS = ["open-link", "sms", "kiosk"] as const;
export type Channel = (typeof CHANNELS)[number];

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
  },
  { timestamps: true },
);
waveSchema.index({ authorityId: 1, opensAt: 1 });
waveSchema.index(
  { openLinkSlug: 1 },
  { unique: true, partialFilterExpression: { openLinkSlug: { $type: "string" } } },
);

export type WaveDoc = InferSchemaType<typeof waveSchema>;
export const Wave = model("Wave", waveSchema);
