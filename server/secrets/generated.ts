import crypto from "node:crypto";

/**
 * The secrets a development or test platform runs with when the environment sets none:
 * random for each data directory (server/secrets/secrets-file.ts keeps them), so no
 * secret, key or password of the platform is a constant anyone can read in the source.
 */
export interface DevSecrets {
  sessionSecret: string;
  /** A one-key keyring, `d1:<32 random bytes in base64>` (see DATA_ENCRYPTION_KEY). */
  dataEncryptionKey: string;
  linkSecret: string;
  smsWebhookSecret: string;
  /** The first admin's password (ADMIN_PASSWORD), printed by `npm start`. */
  adminPassword: string;
  /** The demo accounts' password, printed by `npm start`. */
  demoPassword: string;
}

/** The names a secrets file must hold, in a stable order. */
export const DEV_SECRET_NAMES = [
  "sessionSecret",
  "dataEncryptionKey",
  "linkSecret",
  "smsWebhookSecret",
  "adminPassword",
  "demoPassword",
] as const satisfies ReadonlyArray<keyof DevSecrets>;

const random = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");

/**
 * Passwords a person types from the console: 4 groups of 5 letters and digits (about
 * 100 bits), without the look-alikes 0/O and 1/l/I.
 */
function typeablePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => alphabet[crypto.randomInt(alphabet.length)]).join(""),
  );
  return groups.join("-");
}

/** A fresh, random set of development secrets. */
export function generateDevSecrets(): DevSecrets {
  return {
    sessionSecret: random(32),
    dataEncryptionKey: `d1:${crypto.randomBytes(32).toString("base64")}`,
    linkSecret: random(32),
    smsWebhookSecret: random(32),
    adminPassword: typeablePassword(),
    demoPassword: typeablePassword(),
  };
}
