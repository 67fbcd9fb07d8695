import type { UserPrincipal } from "../access/principal";
import { audit } from "../audit/service";
import { resetAccount } from "./account-reset";
import { ConflictError, CurrentPasswordError, NotFoundError, WeakPasswordError } from "../errors";
import { User } from "./model";
import { hashPassword, verifyPassword } from "./password";
import { passwordWeakness } from "./password-rules";
import type { AuthDeps } from "./service";
import { rotateSessions } from "./sessions";
import {
  recordFailure,
  recordSuccess,
  releaseAttempt,
  reserveAttempt,
  throttleKeys,
} from "./throttle";

/** Refuses a new password that breaks the shared rule (server/auth/password-rules.ts). */
export function assertStrongPassword(password: string, email: string, path: string): void {
  const weakness = passwordWeakness(password, email);
  if (weakness) throw new WeakPasswordError(path, weakness);
}

/**
 * Changes the signed-in user's password. The current one is checked as a login
 * is (its attempt throttled per account and address, so a borrowed session cannot
 * guess it). Then every session of the user ends and the caller gets a new one:
 * the cookie and CSRF token in use before the change open nothing after it.
 */
export async function changePassword(
  principal: UserPrincipal,
  input: { currentPassword: string; newPassword: string },
  ip: string | undefined,
  deps: AuthDeps,
) {
  const user = await User.findById(principal.id).lean();
  if (!user?.passwordHash) throw new NotFoundError();
  assertStrongPassword(input.newPassword, user.email, "body.newPassword");
  const keys = throttleKeys(user.email, ip);
  await reserveAttempt(keys, deps.config.login);
  let ok: boolean;
  try {
    ok = await verifyPassword(input.currentPassword, user.passwordHash);
  } catch (err) {
    await releaseAttempt(keys);
    throw err;
  }
  if (!ok) {
    await recordFailure(keys, deps.config.login);
    throw new CurrentPasswordError();
  }
  await recordSuccess(keys);
  if (input.newPassword.normalize("NFC") === input.currentPassword.normalize("NFC"))
    throw new WeakPasswordError("body.newPassword", "unchanged");
  const passwordHash = await hashPassword(input.newPassword);
  // Conditional on the hash just checked: of two changes racing, the second is refused.
  const changed = await User.updateOne(
    { _id: user._id, passwordHash: user.passwordHash },
    { $set: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() } },
  );
  if (changed.modifiedCount !== 1) throw new ConflictError();
  const session = await rotateSessions(user._id, ip, deps.config);
  await audit({
    action: "auth.password-changed",
    actor: principal,
    target: { kind: "user", id: principal.id },
    authorityId: principal.authorityId,
    ip,
    details: { forced: user.mustChangePassword === true },
  });
  return { user: { ...user, mustChangePassword: false }, session };
}

/**
 * An administrator's reset: the account must choose a new password at its next
 * sign-in (its current one still opens that one session, for that only), and
 * every session it has now ends.
 */
export async function forcePasswordReset(
  actor: UserPrincipal,
  id: string,
  ip: string | undefined,
): Promise<{ revoked: number }> {
  return resetAccount(actor, id, ip, { $set: { mustChangePassword: true } }, "user.password-reset");
}
