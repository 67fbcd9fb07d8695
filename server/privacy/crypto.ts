import crypto from "node:crypto";
import type { DataKey } from "../config";

/**
 * Field encryption for personal data at rest: AES-256-GCM with a fresh 96-bit IV
 * per value, the key's id written into the ciphertext so keys can be rotated, and
 * the field's name bound in as associated data so a ciphertext copied into
 * another field (or another record kind) fails to decrypt.
 *
 * Format: `v1.<keyId>.<iv>.<ciphertext>.<tag>`, parts in base64url.
 */
export interface FieldCipher {
  /** Encrypts with the newest key. `context` names the field, e.g. "contacts.phone". */
  encrypt(plain: string, context: string): string;
  /** Decrypts with whichever key the value names; throws on tampering or an unknown key. */
  decrypt(sealed: string, context: string): string;
  /** True when the value was made with an older key and should be re-encrypted. */
  needsRotation(sealed: string): boolean;
  /** Re-encrypts with the newest key (no-op when it already is). */
  rotate(sealed: string, context: string): string;
  /**
   * A keyed, deterministic digest for finding a value without decrypting every row
   * (e.g. a phone number already imported). Never reversible.
   */
  blindIndex(plain: string, context: string): string;
}

/** Thrown when a sealed value cannot be opened: wrong key, wrong field, or tampered. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

const VERSION = "v1";
const IV_BYTES = 12;

/** Builds the cipher over a keyring (newest key first). */
export function createFieldCipher(keys: readonly DataKey[]): FieldCipher {
  if (keys.length === 0) throw new Error("at least one data key is needed");
  const current = keys[0]!;
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  // The blind index has its own key, derived from the newest one, never used for encryption.
  const indexKey = Buffer.from(
    crypto.hkdfSync("sha256", current.key, "kehila-pulse", "blind-index", 32),
  );

  const encrypt = (plain: string, context: string): string => {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv("aes-256-gcm", current.key, iv);
    cipher.setAAD(Buffer.from(`${VERSION}|${current.id}|${context}`));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return [VERSION, current.id, iv, body, cipher.getAuthTag()]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  };

  const parse = (sealed: string) => {
    const parts = sealed.split(".");
    if (parts.length !== 5 || parts[0] !== VERSION) throw new DecryptionError("not a sealed value");
    return { keyId: parts[1]!, iv: parts[2]!, body: parts[3]!, tag: parts[4]! };
  };

  const decrypt = (sealed: string, context: string): string => {
    const { keyId, iv, body, tag } = parse(sealed);
    const key = byId.get(keyId);
    if (!key) throw new DecryptionError(`unknown key id ${keyId}`);
    try {
      const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(`${VERSION}|${keyId}|${context}`));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(body, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new DecryptionError("authentication failed");
    }
  };

  return {
    encrypt,
    decrypt,
    needsRotation: (sealed) => parse(sealed).keyId !== current.id,
    rotate: (sealed, context) =>
      parse(sealed).keyId === current.id ? sealed : encrypt(decrypt(sealed, context), context),
    blindIndex: (plain, context) =>
      crypto.createHmac("sha256", indexKey).update(`${context}|${plain}`).digest("base64url"),
  };
}
