import crypto from "node:crypto";
import mongoose, { type Types } from "mongoose";
import type { Config } from "../config";
import { hashToken, newToken } from "./tokens";
import { Session, User } from "./model";
import type { UserPrincipal } from "../access/principal";
import type { UserRole } from "../shared/roles";
import { pendingSetup } from "./setup";

type SessionConfig = Pick<Config, "session" | "sessionSecret">;

/** Only refresh lastSeenAt this often, so reads do not turn into a write each. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The CSRF token of a session: an HMAC of the session's token hash under the
 * server secret. Stateless (nothing more to store), bound to this one session, and
 * unguessable without the cookie, which scripts on other origins cannot read.
 */
export function csrfTokenFor(tokenHash: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`csrf|${tokenHash}`).digest("base64url");
}

/** Opens a session for a user; returns the cookie token (never stored) and its CSRF token. */
export async function createSession(
  userId: Types.ObjectId,
  ip: string | undefined,
  config: SessionConfig,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.session.ttlHours * 3_600_000);
  const tokenHash = hashToken(token);
  await Session.create({ tokenHash, userId, createdAt: now, lastSeenAt: now, expiresAt, ip });
  return { token, csrfToken: csrfTokenFor(tokenHash, config.sessionSecret), expiresAt };
}

/**
 * The signed-in user behind a cookie token, or null when the session is unknown,
 * revoked, past its absolute expiry, idle too long, or its user is not active.
 */
export async function resolveSession(
  token: string,
  config: SessionConfig,
): Promise<UserPrincipal | null> {
  const tokenHash = hashToken(token);
  const session = await Session.findOne({ tokenHash }).lean();
  const now = Date.now();
  if (!session || session.revokedAt) return null;
  const idleLimit = session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || idleLimit <= now) return null;
  const user = await User.findById(session.userId).lean();
  if (!user || user.status !== "active") return null;
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await Session.updateOne({ _id: session._id }, { $set: { lastSeenAt: new Date(now) } });
  }
  return {
    kind: "user",
    id: user._id.toHexString(),
    email: user.email,
    name: user.name ?? "",
    role: user.role as UserRole,
    authorityId: user.authorityId ?? null,
    totpEnabled: user.totp?.enabled === true,
    setup: pendingSetup(user),
    sessionId: session._id.toHexString(),
    csrfToken: csrfTokenFor(tokenHash, config.sessionSecret),
  };
}

/** Ends one session (logout). */
export async function revokeSession(sessionId: string): Promise<void> {
  await Session.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
}

/** Ends every session of a user: after a role change, a disable, or on request. */
export async function revokeAllSessions(userId: Types.ObjectId | string): Promise<number> {
  const result = await Session.updateMany(
    { userId, revokedAt: mongoose.trusted({ $exists: false }) },
    { $set: { revokedAt: new Date() } },
  );
  return result.modifiedCount;
}

/**
 * After a password change: every session of the user ends, the current one too,
 * and a new session replaces the current one (a new token and CSRF token), so a
 * cookie taken before the change opens nothing after it.
 */
export async function rotateSessions(
  userId: Types.ObjectId,
  ip: string | undefined,
  config: SessionConfig,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  await revokeAllSessions(userId);
  return createSession(userId, ip, config);
}
