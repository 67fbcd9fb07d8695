import { z } from "zod";
import type { Config } from "../../config";
import { SignatureError } from "../../errors";
import { defineRoute } from "../../http/route";
import type { FieldCipher } from "../../privacy/crypto";
import { handleInbound, handleReceipt } from "./service";
import { verifySignature } from "./signature";

const receiptSchema = z
  .object({
    reference: z
      .string()
      .regex(/^[0-9a-f]{24}:\d{1,2}$/)
      .optional()
      .describe("Our reference, sent with the message"),
    providerId: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\w.:-]+$/)
      .optional(),
    status: z.enum(["delivered", "failed", "undeliverable"]),
  })
  .refine((r) => r.reference || r.providerId, "reference or providerId");

const inboundSchema = z.object({
  from: z
    .string()
    .min(3)
    .max(40)
    .regex(/^[+\d\s-]+$/),
  text: z.string().max(1000),
});

/**
 * Gateway callbacks. Public (the gateway has no session) but signed: each must
 * carry X-KP-Timestamp and X-KP-Signature = sha256=HMAC(SMS_WEBHOOK_SECRET,
 * "<timestamp>.<raw body>"); a bad or stale signature is a 401 and changes nothing.
 */
export function webhookRoutes(config: Config, cipher: FieldCipher) {
  const check = (req: Parameters<typeof verifySignature>[0]) => {
    if (!verifySignature(req, config.sms.webhookSecret)) throw new SignatureError();
  };
  return [
    defineRoute({
      method: "post",
      path: "/api/webhooks/sms/receipts",
      summary: "Delivery receipt from the SMS gateway (signed)",
      tags: ["webhooks"],
      auth: "public",
      body: receiptSchema,
      response: { status: 200, schema: z.object({ matched: z.boolean() }), description: "Applied" },
      errors: [400, 401, 413, 415, 429],
      handler: async ({ body, req }) => {
        check(req);
        return { status: 200, body: await handleReceipt(body) };
      },
    }),
    defineRoute({
      method: "post",
      path: "/api/webhooks/sms/inbound",
      summary: "An SMS a resident sent back (STOP / הסר / إلغاء opts out; signed)",
      tags: ["webhooks"],
      auth: "public",
      body: inboundSchema,
      response: {
        status: 200,
        schema: z.object({ optedOut: z.boolean() }),
        description: "Handled",
      },
      errors: [400, 401, 413, 415, 429],
      handler: async ({ body, req }) => {
        check(req);
        return { status: 200, body: await handleInbound(cipher, body.from, body.text) };
      },
    }),
  ];
}
