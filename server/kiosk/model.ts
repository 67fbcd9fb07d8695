import { Schema, model, type InferSchemaType } from "mongoose";

/**
 * A tablet in a community centre or lobby, bound to one authority and one wave.
 * It holds a device token (stored here only as a hash) that lets it fetch that
 * wave's survey and submit answers, and nothing else.
 */
const kioskDeviceSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true, index: true },
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    label: { type: String, required: true },
    tokenHash: { type: String, required: true, unique: true },
    revokedAt: { type: Date },
    /** When the tablet last called the server (a heartbeat, its survey, an answer). */
    lastSeenAt: { type: Date },
    /**
     * Answers waiting in the tablet's offline queue, as it last reported them,
     * and when: a kiosk with answers that do not go down has a network problem.
     */
    queuedAnswers: { type: Number, min: 0 },
    queueReportedAt: { type: Date },
    /**
     * A short code the coordinator reads off the workspace and types on the tablet,
     * which then receives its device token (POST /api/kiosk/pair). Hashed, single
     * use, and valid for minutes only.
     */
    pairingCodeHash: { type: String },
    pairingExpiresAt: { type: Date },
    pairedAt: { type: Date },
  },
  { timestamps: true },
);

kioskDeviceSchema.index({ pairingCodeHash: 1 }, { sparse: true });

export type KioskDeviceDoc = InferSchemaType<typeof kioskDeviceSchema>;
export const KioskDevice = model("KioskDevice", kioskDeviceSchema);
