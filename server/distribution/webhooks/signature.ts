import crypto from "node:crypto";
import type { Request } from "express";

/** Headers a gateway signs its callbacks with. */
export const SIGNATURE_HEADER = "x-kp-signature";
export const TIMESTAMP_HEADER = "x-kp-timestamp";
/** A callback older or newer than this is refused, so a captured one cannot be replayed later. */
export const MAX_SKEW_SECONDS = 300;

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
export function sign(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = crypto
    .createHmac("sha256", secret)
    .update(`${timestamp}.`)
    .update(rawBody)
    .digest("hex");
  return `sha256=${mac}`;
}

/** The raw bytes of a JSON body, kept by the parser (see keepRawBody). */
export function rawBodyOf(req: Request): Buffer | undefined {
  return (req as Request & { rawBody?: Buffer }).rawBody;
}

/**
 * Keeps the exact bytes of a JSON body on the request: a signature is over the
 * bytes the gateway sent, which re-serialising the parsed body would not give back.
 */
export function keepRawBody(req: unknown, _res: unknown, buf: Buffer): void {
  (req as { rawBody?: Buffer }).rawBody = buf;
}

/** True when the request carries a valid, fresh signature of its body. */
export function verifySignature(
  req: Request,
  secret: string,
  nowSeconds = Date.now() / 1000,
): boolean {
  const timestamp = req.get(TIMESTAMP_HEADER) ?? "";
  const given = req.get(SIGNATURE_HEADER) ?? "";
  const raw = rawBodyOf(req);
  if (!raw || !/^\d{9,11}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(sign(secret, timestamp, raw));
  const actual = Buffer.from(given);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
