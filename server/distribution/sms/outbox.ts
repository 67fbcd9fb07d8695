import { Schema, model, type Types } from "mongoose";
import type { FieldCipher } from "../../privacy/crypto";
import type { OutgoingSms, SmsProvider } from "./provider";

/**
 * The local provider for development, demos and tests: it "sends" by storing the
 * message, which the workspace lists (GET /api/authorities/:slug/sms-outbox)
 * with the personal link masked: staff see what was sent, never a resident's
 * token. Number and text are sealed like any personal data; a reference seen
 * before is not stored twice.
 */
const outboxSchema = new Schema({
  authorityId: { type: Schema.Types.ObjectId, ref: "Authority" },
  reference: { type: String, required: true, unique: true },
  toSealed: { type: String, required: true },
  textSealed: { type: String, required: true },
  sender: { type: String, required: true },
  at: { type: Date, required: true },
});
outboxSchema.index({ authorityId: 1, at: -1 });

export const OutboxMessage = model("OutboxMessage", outboxSchema);

export const OUTBOX_CONTEXT = { to: "outbox.to", text: "outbox.text" } as const;

/** Options of the outbox provider; `fail` lets tests make a send fail. */
export interface OutboxOptions {
  cipher: FieldCipher;
  /** Looks up the authority a message belongs to (for listing per authority). */
  authorityOf?: (reference: string) => Types.ObjectId | undefined;
  fail?: (message: OutgoingSms) => Error | undefined;
}

/** The provider that stores instead of sending. */
export function outboxProvider(options: OutboxOptions): SmsProvider {
  return {
    name: "outbox",
    async send(message) {
      const failure = options.fail?.(message);
      if (failure) throw failure;
      const doc = await OutboxMessage.findOneAndUpdate(
        { reference: message.reference },
        {
          $setOnInsert: {
            reference: message.reference,
            authorityId: options.authorityOf?.(message.reference),
            toSealed: options.cipher.encrypt(message.to, OUTBOX_CONTEXT.to),
            textSealed: options.cipher.encrypt(message.text, OUTBOX_CONTEXT.text),
            sender: message.sender,
            at: new Date(),
          },
        },
        { upsert: true, returnDocument: "after" },
      ).lean();
      return { providerId: `outbox-${doc!._id.toHexString()}` };
    },
  };
}
