import mongoose, { type Types } from "mongoose";
import type { Config } from "../config";
import type { UserPrincipal } from "../access/principal";
import { audit } from "../audit/service";
import {
  ConflictError,
  ForbiddenError,
  InvalidCredentialsError,
  InviteInvalidError,
} from "../errors";
import type { FieldCipher } from "../privacy/crypto";
import { cleanText } from "../shared/text";
import { User } from "./model";
import { assertStrongPassword } from "./password-change";
import { burnVerification, hashPassword, verifyPassword } from "./password";
import { TOTP_ROLES, type UserRole } from "../shared/roles";
import { createSession } from "./sessions";
import {
  recordFailure,
  recordSuccess,
  releaseAttempt,
  reserveAttempt,
  throttleKeys,
} from "./throttle";
import { hashToken } from "./tokens";
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, verifyTotp } from "./totp";

export interface AuthDeps {
  config: Config;
  cipher: FieldCipher;
}

/** Where the sealed TOTP secret lives; bound into its ciphertext. */
export const TOTP_CONTEXT = "users.totp.secret";

/** Why a login was refused, as the audit log records it (never the email typed). */
type LoginFailure = "throttled" | "credentials" | "totp";

async function auditFailure(
  reason: LoginFailure,
  user: {
    _id: { toHexString(): string };
    role: string;
    authorityId?: Types.ObjectId | null;
  } | null,
  ip: string | undefined,
): Promise<void> {
  await audit({
    action: "auth.login-failed",
    actor: "anonymous",
    target: user ? { kind: "user", id: user._id.toHexString() } : { kind: "account" },
    authorityId: user?.authorityId ?? null,
    ip,
    details: { reason },
  });
}

/**
 * Signs a person in. The attempt first reserves its slot in the throttle (per
 * account and per address, atomically in the store), then the password is
 * checked through the bounded hash queue, then the TOTP code, whose time step is
 * taken once with a conditional update. Refusals are audited; the answer never
 * says which of email, password or code was wrong.
 */
export async function login(
  input: { email: string; password: string; totp?: string },
  ip: string | undefined,
  deps: AuthDeps,
) {
  const email = input.email.toLowerCase();
  const keys = throttleKeys(email, ip);
  try {
    await reserveAttempt(keys, deps.config.login);
  } catch (err) {
    await auditFailure("throttled", null, ip);
    throw err;
  }
  const user = await User.findOne({ email, status: "active" }).lean();
  let passwordOk: boolean;
  try {
    passwordOk = user?.passwordHash
      ? await verifyPassword(input.password, user.passwordHash)
      : (await burnVerification(input.password), false);
  } catch (err) {
    // Not checked (the hash queue was full): not a failure of this account.
    await releaseAttempt(keys);
    throw err;
  }
  if (!user || !passwordOk) {
    await auditFailure("credentials", user, ip);
    await recordFailure(keys, deps.config.login);
    throw new InvalidCredentialsError();
  }
  if (user.totp?.enabled && user.totp.secret) {
    if (!input.totp) {
      await releaseAttempt(keys);
      throw new InvalidCredentialsError("TOTP_REQUIRED");
    }
    if (!(await takeTotpStep(user._id, user.totp.secret, input.totp, deps))) {
      await auditFailure("totp", user, ip);
      await recordFailure(keys, deps.config.login);
      throw new InvalidCredentialsError();
    }
  }
  await recordSuccess(keys);
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  const session = await createSession(user._id, ip, deps.config);
  await audit({
    action: "auth.login",
    actor: { kind: "user", id: user._id.toHexString(), role: user.role as UserRole },
    target: { kind: "user", id: user._id.toHexString() },
    authorityId: user.authorityId,
    ip,
  });
  return { user, session };
}

/**
 * Checks a TOTP code and takes its time step, atomically: the update matches only
 * while the stored last step is below this one, so of concurrent logins with one
 * code exactly one gets it, in any process of the cluster.
 */
async function takeTotpStep(
  userId: Types.ObjectId,
  sealedSecret: string,
  code: string,
  deps: AuthDeps,
): Promise<boolean> {
  const secret = base32Decode(deps.cipher.decrypt(sealedSecret, TOTP_CONTEXT));
  const step = verifyTotp(secret, code, Date.now() / 1000);
  if (step === null) return false;
  const taken = await User.updateOne(
    { _id: userId, "totp.enabled": true, "totp.lastStep": mongoose.trusted({ $lt: step }) },
    { $set: { "totp.lastStep": step } },
  );
  return taken.modifiedCount === 1;
}

/**
 * Starts TOTP enrolment: a new secret, sealed at rest, shown once to scan. It
 * waits beside the current one (if any) until a code confirms it, so starting
 * over never switches the second factor off.
 */
export async function startTotp(principal: UserPrincipal, deps: AuthDeps) {
  if (!TOTP_ROLES.has(principal.role)) throw new ForbiddenError();
  const secret = newTotpSecret();
  const encoded = base32Encode(secret);
  await User.updateOne(
    { _id: principal.id },
    { $set: { "totp.pendingSecret": deps.cipher.encrypt(encoded, TOTP_CONTEXT) } },
  );
  return { secret: encoded, uri: otpauthUri(secret, principal.email) };
}

/**
 * Finishes enrolment with a first valid code of the new secret, which then
 * replaces any earlier one; from then on login asks for a code. The code's step
 * is taken as used.
 */
export async function enableTotp(
  principal: UserPrincipal,
  code: string,
  ip: string | undefined,
  deps: AuthDeps,
) {
  const user = await User.findById(principal.id).lean();
  const pending = user?.totp?.pendingSecret;
  if (!user || !pending) throw new ConflictError();
  const secret = base32Decode(deps.cipher.decrypt(pending, TOTP_CONTEXT));
  const step = verifyTotp(secret, code, Date.now() / 1000);
  if (step === null) throw new InvalidCredentialsError();
  // Conditional on the same pending secret: two confirmations race, one wins.
  const done = await User.updateOne(
    { _id: user._id, "totp.pendingSecret": pending },
    {
      $set: { "totp.secret": pending, "totp.enabled": true, "totp.lastStep": step },
      $unset: { "totp.pendingSecret": 1 },
    },
  );
  if (done.modifiedCount !== 1) throw new ConflictError();
  await audit({
    action: "auth.totp-enabled",
    actor: principal,
    target: { kind: "user", id: principal.id },
    authorityId: principal.authorityId,
    ip,
    details: { replaced: user.totp?.enabled === true },
  });
}

/** The invite behind a link, if it is still good. */
async function findInvite(token: string) {
  const user = await User.findOne({ "invite.tokenHash": hashToken(token), status: "invited" });
  if (!user?.invite?.expiresAt || user.invite.expiresAt.getTime() <= Date.now()) {
    throw new InviteInvalidError();
  }
  return user;
}

/** What the invite page shows before a password is chosen. */
export async function describeInvite(token: string) {
  const user = await findInvite(token);
  return { email: user.email, role: user.role };
}

/** Accepts an invite: sets the password, activates the account, burns the link. */
export async function acceptInvite(token: string, input: { password: string; name?: string }) {
  const user = await findInvite(token);
  assertStrongPassword(input.password, user.email, "body.password");
  user.passwordHash = await hashPassword(input.password);
  user.status = "active";
  if (input.name) user.name = cleanText(input.name).trim();
  user.set("invite.tokenHash", undefined);
  user.set("invite.expiresAt", undefined);
  await user.save();
  return { email: user.email };
}
