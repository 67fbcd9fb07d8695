import { Schema, model, type InferSchemaType } from "mongoose";
import { RESPONDENT_LOCALES } from "../shared/locales";

/** The program's four channels of community initiative, and volunteering. */
export const INTERESTS = [
  "social",
  "education",
  "economy",
  "public-space",
  "volunteering",
] as const;
export type Interest = (typeof INTERESTS)[number];

export const SIGNUP_STATUSES = ["new", "contacted", "joined", "declined", "withdrawn"] as const;

/**
 * A resident who asked to be contacted about community initiatives. Kept apart
 * from survey answers and never linked to one: no response, submission or
 * contact id, and only the day it came in, so it cannot be matched to a
 * response by time either. The contact detail and name are encrypted.
 */
const signupSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true, index: true },
    waveId: { type: Schema.Types.ObjectId, ref: "Wave", required: true },
    channel: { type: String, enum: ["open-link", "sms", "kiosk"], required: true },
    locale: { type: String, enum: RESPONDENT_LOCALES, required: true },
    interests: { type: [String], enum: INTERESTS, required: true },
    contact: {
      kind: { type: String, enum: ["phone", "email"], required: true },
      sealed: { type: String },
    },
    name: { type: String },
    consentText: { type: String, required: true },
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    status: { type: String, enum: SIGNUP_STATUSES, default: "new" },
    statusChangedAt: { type: Date },
    withdrawTokenHash: { type: String, required: true, unique: true },
  },
  { versionKey: false },
);
export type SignupDoc = InferSchemaType<typeof signupSchema>;
export const Signup = model("Signup", signupSchema);

export const UPDATE_STATUSES = ["submitted", "approved", "rejected"] as const;

/**
 * A "you said, we did" entry: written by the authority's coordinator, public
 * only after a researcher approved it.
 */
const updateSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true, index: true },
    date: { type: Date, required: true },
    text: {
      he: { type: String, maxlength: 1000 },
      ar: { type: String, maxlength: 1000 },
      en: { type: String, maxlength: 1000 },
    },
    status: { type: String, enum: UPDATE_STATUSES, default: "submitted" },
    createdBy: { type: String, required: true },
    reviewedBy: { type: String },
    reviewedAt: { type: Date },
  },
  { timestamps: true, versionKey: false },
);
export type CommunityUpdateDoc = InferSchemaType<typeof updateSchema>;
export const CommunityUpdate = model("CommunityUpdate", updateSchema);
