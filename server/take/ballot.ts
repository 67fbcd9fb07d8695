import crypto from "node:crypto";

/**
 * The ballot of a resident in a split-ballot wave (server/instruments/bridge.ts):
 * a random key the arm is drawn from, signed so that a page cannot pick its own
 * arm by trying keys until one falls in the arm it wants. The survey hands it
 * out with the questionnaire of its arm; the page sends it back with the
 * answers (and when it reloads), so the answers are checked against, and stored
 * with, the version that was asked. A personal link needs none: its invitation
 * is the key.
 */

const KEY = /^[A-Za-z0-9_-]{16}$/;

/** The shape of a ballot (key "." signature), for the schemas that take one. */
export const BALLOT_PATTERN = /^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}$/;

/** A fresh ballot key: 96 random bits. */
export function newBallotKey(): string {
  return crypto.randomBytes(12).toString("base64url");
}

/** Signs and reads ballots with one secret. */
export interface Ballots {
  /** The ballot a page keeps: the key and its signature. */
  sign(key: string): string;
  /** The key of a ballot this server signed; null for anything else. */
  keyOf(ballot: string | undefined): string | null;
}

/** Ballots signed with a key derived from `secret` (the link secret), apart from its other uses. */
export function createBallots(secret: string): Ballots {
  const hmacKey = crypto.createHmac("sha256", secret).update("split-ballot").digest();
  const signature = (key: string) =>
    crypto.createHmac("sha256", hmacKey).update(key).digest("base64url").slice(0, 22);
  return {
    sign: (key) => `${key}.${signature(key)}`,
    keyOf(ballot) {
      if (!ballot) return null;
      const [key, sig, extra] = ballot.split(".");
      if (extra !== undefined || !key || !sig || !KEY.test(key)) return null;
      const want = Buffer.from(signature(key));
      const got = Buffer.from(sig);
      return got.length === want.length && crypto.timingSafeEqual(got, want) ? key : null;
    },
  };
}
