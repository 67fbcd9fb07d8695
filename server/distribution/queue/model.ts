import { Schema, model, type InferSchemaType } from "mongoose";
import { stampedWrites } from "../../db/stamped-writes";

export const MESSAGE_STATUSES = [
  "queued",
  "sending",
  "sent",
  "delivered",
  "failed",
  "bounced",
  "cancelled",
] as const;

/**
 * One SMS to send: an invitation or the nth reminder of one invitation. Its
 * `key` is unique, so the same message can never be queued twice, and only a
 * worker that moved it from queued to sending (atomically) may hand it to the
 * gateway. The text is not stored: it is rendered at send time from the wave's
 * template and the invitation's link, so no link sits here in the clear.
 */
const smsMessageSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    invitationId: { type: Schema.Types.ObjectId, ref: "Invitation", required: true },
    contactId: { type: Schema.Types.ObjectId, ref: "Contact", required: true },
    kind: { type: String, enum: ["invitation", "reminder"], required: true },
    /** 0 for the invitation, n for the nth reminder. */
    seq: { type: Number, required: true },
    key: { type: String, required: true, unique: true },
    status: { type: String, enum: MESSAGE_STATUSES, required: true, default: "queued" },
    notBefore: { type: Date, required: true },
    leaseUntil: { type: Date },
    attempts: { type: Number, required: true, default: 0 },
    providerId: { type: String },
    segments: { type: Number },
    lastError: { type: String },
    cancelReason: { type: String },
    /** Why a queued message waits: night, shabbat, holiday, paused (cleared once it moves on). */
    heldReason: { type: String, enum: ["night", "shabbat", "holiday", "paused"] },
    sentAt: { type: Date },
    deliveredAt: { type: Date },
  },
  { timestamps: true },
);
smsMessageSchema.index({ status: 1, notBefore: 1 });
smsMessageSchema.index({ providerId: 1 }, { sparse: true });
smsMessageSchema.index({ waveId: 1, status: 1 });
smsMessageSchema.index({ contactId: 1, status: 1 });
smsMessageSchema.plugin(stampedWrites);

export type SmsMessageDoc = InferSchemaType<typeof smsMessageSchema>;
export const SmsMessage = model("SmsMessage", smsMessageSchema);
