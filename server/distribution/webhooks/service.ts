import mongoose from "mongoose";
import { audit } from "../../audit/service";
import type { FieldCipher } from "../../privacy/crypto";
import { Contact, OptOut, SEALED } from "../contacts/model";
import { Invitation } from "../invitations/model";
import { normalizeIsraeliMobile } from "../phone";
import { SmsMessage } from "../queue/model";

/**
 * Words that opt a resident out, in the three languages and their usual
 * variants: STOP, הסר / הסרה, إلغاء / الغاء. Compared after trimming,
 * lower-casing and removing diacritics and punctuation.
 */
const STOP_WORDS = new Set([
  "stop",
  "unsubscribe",
  "remove",
  "הסר",
  "הסרה",
  "להסיר",
  "הסירו",
  "إلغاء",
  "الغاء",
  "الغاء الاشتراك",
  "إلغاء الاشتراك",
  "توقف",
  "ايقاف",
  "إيقاف",
]);

/** True when an inbound text asks to stop. */
export function isStopText(text: string): boolean {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0591-\u05C7\u064B-\u065F\u0670]/g, "") // Hebrew points, Arabic harakat
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, " ")
    .trim()
    .replace(/\s+/g, " ");
  return STOP_WORDS.has(plain) || STOP_WORDS.has(plain.split(" ")[0] ?? "");
}

/**
 * Records an opt-out for a number: the number is kept out of every later send
 * in every authority, contacts with it are marked, and messages still queued
 * for them are cancelled.
 */
export async function optOutNumber(
  cipher: FieldCipher,
  e164: string,
  source: "sms" | "staff",
): Promise<{ contacts: number }> {
  const phoneIndex = cipher.blindIndex(e164, SEALED.phoneIndex);
  const at = new Date();
  // The number's record without an authority: it keeps the number out everywhere.
  await OptOut.updateOne(
    { phoneIndex, source },
    { $setOnInsert: { phoneIndex, at, source } },
    { upsert: true },
  );
  const contacts = await Contact.find({ phoneIndex }, { _id: 1, authorityId: 1 }).lean();
  const ids = contacts.map((c) => c._id);
  await Contact.updateMany(
    { _id: mongoose.trusted({ $in: ids }), optedOutAt: mongoose.trusted({ $exists: false }) },
    { $set: { optedOutAt: at } },
  );
  await SmsMessage.updateMany(
    { contactId: mongoose.trusted({ $in: ids }), status: "queued" },
    { $set: { status: "cancelled", cancelReason: "opted-out" } },
  );
  for (const authorityId of new Set(contacts.map((c) => c.authorityId.toHexString())))
    await audit({
      action: "contacts.opted-out",
      actor: undefined,
      target: { kind: "contact" },
      authorityId: new mongoose.Types.ObjectId(authorityId),
      details: { source },
    });
  return { contacts: contacts.length };
}

/** Handles an inbound SMS: a stop word opts the sender out; anything else is ignored. */
export async function handleInbound(cipher: FieldCipher, from: string, text: string) {
  const phone = normalizeIsraeliMobile(from);
  if (!phone.ok || !isStopText(text)) return { optedOut: false };
  await optOutNumber(cipher, phone.e164, "sms");
  return { optedOut: true };
}

const RECEIPT_STATUS = {
  delivered: "delivered",
  failed: "failed",
  undeliverable: "bounced",
} as const;

/**
 * Applies a delivery receipt to the message it names (our reference or the
 * gateway's id). A final state is never walked back by a late receipt.
 */
export async function handleReceipt(input: {
  reference?: string;
  providerId?: string;
  status: keyof typeof RECEIPT_STATUS;
}): Promise<{ matched: boolean }> {
  const filter = input.reference ? { key: input.reference } : { providerId: input.providerId };
  const status = RECEIPT_STATUS[input.status];
  const message = await SmsMessage.findOneAndUpdate(
    { ...filter, status: mongoose.trusted({ $in: ["sent", "sending"] }) },
    { $set: { status, ...(status === "delivered" ? { deliveredAt: new Date() } : {}) } },
    { returnDocument: "after" },
  ).lean();
  if (!message) return { matched: false };
  if (status === "bounced")
    await Invitation.updateOne({ _id: message.invitationId }, { $set: { bouncedAt: new Date() } });
  return { matched: true };
}
