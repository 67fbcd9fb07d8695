import { Schema, model } from "mongoose";

/**
 * A device that has answered an open link's wave: the SHA-256 of its device
 * token, and nothing else. It is kept apart from responses on purpose (no
 * response points here and no time is kept), so a device token found on a phone
 * cannot be used to find that resident's answers.
 */
const openLinkDeviceSchema = new Schema(
  {
    _id: { type: String, required: true },
  },
  { versionKey: false },
);

export const OpenLinkDevice = model("OpenLinkDevice", openLinkDeviceSchema);
