import { Schema, model, type InferSchemaType } from "mongoose";
import { RESPONDENT_LOCALES } from "../../shared/locales";
import { stampedWrites } from "../../db/stamped-writes";

/**
 * A resident who may be invited by SMS, kept per authority. The phone and name
 * are sealed with the field cipher (server/privacy/crypto.ts); `phoneIndex` is a
 * keyed blind index, so a number already imported or opted out is found without
 * decrypting anything. Answers never point here: a consented panel member's
 * responses carry `panelId`, a random pseudonym, and nothing else of this record.
 */
const contactSchema = new Schema(
  {
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority", required: true },
    phoneSealed: { type: String, required: true },
    phoneIndex: { type: String, required: true },
    nameSealed: { type: String },
    locale: { type: String, enum: RESPONDENT_LOCALES, required: true },
    neighbourhood: { type: String, maxlength: 80 },
    /** Consent to be followed across waves, recorded apart from the invitation itself. */
    panelConsent: {
      given: { type: Boolean, required: true, default: false },
      recordedAt: { type: Date },
    },
    panelId: { type: String },
    /**
     * A parent's or guardian's consent for a minor, recorded by the authority
     * before the invitation: a survey for minors opens only with it (server/take/asked-version.ts).
     */
    parentalConsent: {
      given: { type: Boolean },
      recordedAt: { type: Date },
    },
    optedOutAt: { type: Date },
  },
  { timestamps: true },
);
contactSchema.index({ authorityId: 1, phoneIndex: 1 }, { unique: true });
contactSchema.index({ phoneIndex: 1 });
contactSchema.plugin(stampedWrites);

export type ContactDoc = InferSchemaType<typeof contactSchema>;
export const Contact = model("Contact", contactSchema);

/**
 * A number kept out of sends, by blind index apart from contacts, so it stays out
 * when a later file imports it again. A resident's own STOP (`source: "sms"`, no
 * authority) reaches every authority; an opt-out staff record on a resident's
 * request (`source: "staff"`) belongs to their authority alone: another
 * authority's staff could otherwise silence a resident they merely imported.
 * One record per number and authority; a STOP is the number's record with none.
 */
const optOutSchema = new Schema(
  {
    phoneIndex: { type: String, required: true },
    at: { type: Date, required: true },
    source: { type: String, enum: ["sms", "staff"], required: true },
    /** For a staff opt-out: the authority it keeps the number out of, and who recorded it. */
    authorityId: { type: Schema.Types.ObjectId, ref: "Authority" },
    actor: { type: String },
  },
  { timestamps: true },
);
optOutSchema.index({ phoneIndex: 1, authorityId: 1 }, { unique: true });
optOutSchema.plugin(stampedWrites);

export const OptOut = model("OptOut", optOutSchema);

/** Field names bound into each ciphertext, so a sealed value cannot be moved to another field. */
export const SEALED = {
  phone: "contacts.phone",
  name: "contacts.name",
  phoneIndex: "contacts.phone",
} as const;
