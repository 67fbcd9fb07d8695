import { Schema, model, type InferSchemaType } from "mongoose";
import { LOCALES } from "../../i18n/locales";

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
    locale: { type: String, enum: LOCALES, required: true },
    neighbourhood: { type: String, maxlength: 80 },
    /** Consent to be followed across waves, recorded apart from the invitation itself. */
    panelConsent: {
      given: { type: Boolean, required: true, default: false },
      recordedAt: { type: Date },
    },
    panelId: { type: String },
    optedOutAt: { type: Date },
  },
  { timestamps: true },
);
contactSchema.index({ authorityId: 1, phoneIndex: 1 }, { unique: true });
contactSchema.index({ phoneIndex: 1 });

export type ContactDoc = InferSchemaType<typeof contactSchema>;
export const Contact = model("Contact", contactSchema);

/**
 * A number that asked not to be sent to again (STOP, הסר, إلغاء). Kept by blind
 * index apart from contacts, so a number opted out stays out when a later file
 * imports it again, in any authority.
 */
const optOutSchema = new Schema({
  phoneIndex: { type: String, required: true, unique: true },
  at: { type: Date, required: true },
  source: { type: String, enum: ["sms", "staff"], required: true },
  /** For an opt-out staff made on a resident's request: their authority and account (to undo it). */
  authorityId: { type: Schema.Types.ObjectId, ref: "Authority" },
  actor: { type: String },
});

/**
 * A resident's own STOP always wins: when a STOP reply finds the number already
 * opted out by staff, the record becomes the resident's, so staff can no longer
 * undo it. (The STOP handler upserts with `$setOnInsert`, which would otherwise
 * leave the staff's record as it was.)
 */
optOutSchema.pre("updateOne", function () {
  const update = this.getUpdate() as {
    $set?: Record<string, unknown>;
    $setOnInsert?: Record<string, unknown>;
    $unset?: Record<string, unknown>;
  } | null;
  const onInsert = update?.$setOnInsert;
  if (!update || onInsert?.source !== "sms") return;
  const { source, ...restOnInsert } = onInsert;
  this.setUpdate({
    ...update,
    $setOnInsert: restOnInsert,
    $set: { ...update.$set, source },
    $unset: { ...update.$unset, authorityId: 1, actor: 1 },
  });
});

export const OptOut = model("OptOut", optOutSchema);

/** Field names bound into each ciphertext, so a sealed value cannot be moved to another field. */
export const SEALED = {
  phone: "contacts.phone",
  name: "contacts.name",
  phoneIndex: "contacts.phone",
} as const;
