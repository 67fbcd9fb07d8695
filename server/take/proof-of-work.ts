import crypto from "node:crypto";

/**
 * The small proof of work a device shows when an open link is busy: a `proof`
 * (a decimal counter) such that SHA-256 of "<device token>.<proof>" starts with
 * `bits` zero bits. The respondent page finds it in the browser (WebCrypto, no
 * third party, no network); the server checks it with one hash. Bound to the
 * device token, which answers once, so a proof cannot be used twice.
 */
export const PROOF_PATTERN = /^[0-9]{1,12}$/;

/** How many zero bits the digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** True when `proof` solves the device token's puzzle at `bits` of difficulty. */
export function proofHolds(token: string, proof: string | undefined, bits: number): boolean {
  if (proof === undefined || !PROOF_PATTERN.test(proof)) return false;
  const digest = crypto.createHash("sha256").update(`${token}.${proof}`).digest();
  return leadingZeroBits(digest) >= bits;
}
