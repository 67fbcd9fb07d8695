import crypto from "node:crypto";

/**
 * Bearer secrets (session cookies, invite links, kiosk device tokens): 256 random
 * bits, and only their SHA-256 is stored, so a copy of the database opens no
 * session. A fast hash is right here: the input is random, not a password.
 */
export function newToken(prefix = ""): string {
  return `${prefix}${crypto.randomBytes(32).toString("base64url")}`;
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}
