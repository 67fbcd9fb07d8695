import crypto from "node:crypto";
import type { Types } from "mongoose";
import { hashToken } from "../auth/tokens";

/**
 * Personal link tokens. A token is HMAC-SHA256(LINK_SECRET, invitation id and
 * link version): 256 bits no one can guess, never stored (only its SHA-256, for
 * lookup), and made again from the invitation whenever a reminder needs the same
 * link, so no recoverable copy sits in the database.
 */
export function linkToken(secret: string, invitationId: Types.ObjectId, version: number): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`${invitationId.toHexString()}:${version}`)
    .digest("base64url");
}

/** What is stored to find an invitation by its token. */
export function linkTokenHash(token: string): string {
  return hashToken(token);
}

/** The shape of a token in a path: 43 base64url characters (256 bits). */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The short link a resident receives. */
export function linkUrl(publicBase: string, token: string): string {
  return `${publicBase.replace(/\/$/, "")}/r/${token}`;
}

/** A personal link's token inside a text, in any case (routes match any case). */
const LINK_IN_TEXT = /\/r\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/gi;

/**
 * A message as staff may read it: every personal link's token replaced by dots,
 * so the text, its length class and where the link points stay visible while
 * nobody who reads it can open the resident's link (their saved answers, their
 * one response).
 */
export function maskLinks(text: string): string {
  return text.replace(LINK_IN_TEXT, "/r/\u2022\u2022\u2022\u2022\u2022\u2022");
}
