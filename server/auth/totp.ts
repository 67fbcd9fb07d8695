import crypto from "node:crypto";

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), written on
 * node:crypto so there is no dependency to trust with second factors.
 */
export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export interface TotpOptions {
  digits?: number;
  stepSeconds?: number;
  algorithm?: TotpAlgorithm;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, the form authenticator apps read. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case and padding tolerant); throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, "").replace(/\s+/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP value of one counter. */
export function hotp(
  secret: Buffer,
  counter: number,
  digits = 6,
  algorithm: TotpAlgorithm = "sha1",
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The time step a moment falls in. */
export function totpStep(unixSeconds: number, stepSeconds = 30): number {
  return Math.floor(unixSeconds / stepSeconds);
}

/** RFC 6238 TOTP value at a moment (unix seconds). */
export function totp(secret: Buffer, unixSeconds: number, options: TotpOptions = {}): string {
  return hotp(
    secret,
    totpStep(unixSeconds, options.stepSeconds),
    options.digits ?? 6,
    options.algorithm,
  );
}

/**
 * Checks a code against the current step and one on each side (clock drift).
 * Returns the matching step, so the caller can refuse a code used before (replay).
 */
export function verifyTotp(
  secret: Buffer,
  code: string,
  unixSeconds: number,
  options: TotpOptions = {},
): number | null {
  const digits = options.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return null;
  const now = totpStep(unixSeconds, options.stepSeconds);
  for (const step of [now, now - 1, now + 1]) {
    const expected = Buffer.from(hotp(secret, step, digits, options.algorithm));
    if (crypto.timingSafeEqual(expected, Buffer.from(code))) return step;
  }
  return null;
}

/** A new 160-bit secret, as RFC 4226 recommends. */
export function newTotpSecret(): Buffer {
  return crypto.randomBytes(20);
}

/** The `otpauth://` URI an authenticator app scans. */
export function otpauthUri(secret: Buffer, account: string, issuer = "Kehila Pulse"): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: "SHA1",
    digits: "6",
    period: "30",
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
