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
import { cleanText } from "../privacy/text";
import { User } from "./model";
import { burnVerification, hashPassword, verifyPassword } from "./password";
import { TOTP_ROLES, type UserRole } from "./roles";
import { createSession } from "./sessions";
import { assertNotLocked, recordFailure, recordSuccess, throttleKeys } from "./throttle";
import { hashToken } from "./tokens";
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, verifyTotp } from "./totp";

export interface AuthDeps {
  config: Config;
  cipher: FieldCipher;
}

/** Where the sealed TOTP secret lives; bound into its ciphertext. */
const TOTP_CONTEXT = "users.totp.secret";

/**
 * Signs a person in. Refused attempts are counted per account and per address and
 * lock both after the configured number; the answer never says which of email,
 * password or code was wrong.
 */
export async function login(
  input: { email: string; password: string; totp?: string },
  ip: string | undefined,
  deps: AuthDeps,
) {
  const email = input.email.toLowerCase();
  const keys = throttleKeys(email, ip);
  await assertNotLocked(keys);
  const user = await User.findOne({ email, status: "active" }).lean();
  const passwordOk = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : (await burnVerification(input.password), false);
  if (!user || !passwordOk) {
    await recordFailure(keys, deps.config.login);
    throw new InvalidCredentialsError();
  }
  if (user.totp?.enabled && user.totp.secret) {
    if (!input.totp) throw new InvalidCredentialsError("TOTP_REQUIRED");
    const secret = base32Decode(deps.cipher.decrypt(user.totp.secret, TOTP_CONTEXT));
    const step = verifyTotp(secret, input.totp, Date.now() / 1000);
    if (step === null || step <= (user.totp.lastStep ?? 0)) {
      await recordFailure(keys, deps.config.login);
      throw new InvalidCredentialsError();
    }
    await User.updateOne({ _id: user._id }, { $set: { "totp.lastStep": step } });
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

/** Starts TOTP enrolment: a new secret, sealed at rest, shown once to scan. */
export async function startTotp(principal: UserPrincipal, deps: AuthDeps) {
  if (!TOTP_ROLES.has(principal.role)) throw new ForbiddenError();
  if (principal.totpEnabled) throw new ConflictError();
  const secret = newTotpSecret();
  const encoded = base32Encode(secret);
  await User.updateOne(
    { _id: principal.id },
    {
      $set: {
        "totp.secret": deps.cipher.encrypt(encoded, TOTP_CONTEXT),
        "totp.enabled": false,
        "totp.lastStep": 0,
      },
    },
  );
  return { secret: encoded, uri: otpauthUri(secret, principal.email) };
}

/** Finishes enrolment with a first valid code; from then on login asks for one. */
export async function enableTotp(
  principal: UserPrincipal,
  code: string,
  ip: string | undefined,
  deps: AuthDeps,
) {
  const user = await User.findById(principal.id).lean();
  if (!user?.totp?.secret || user.totp.enabled) throw new ConflictError();
  const secret = base32Decode(deps.cipher.decrypt(user.totp.secret, TOTP_CONTEXT));
  const step = verifyTotp(secret, code, Date.now() / 1000);
  if (step === null) throw new InvalidCredentialsError();
  await User.updateOne(
    { _id: user._id },
    { $set: { "totp.enabled": true, "totp.lastStep": step } },
  );
  await audit({
    action: "auth.totp-enabled",
    actor: principal,
    target: { kind: "user", id: principal.id },
    ip,
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
  user.passwordHash = await hashPassword(input.password);
  user.status = "active";
  if (input.name) user.name = cleanText(input.name).trim();
  user.set("invite.tokenHash", undefined);
  user.set("invite.expiresAt", undefined);
  await user.save();
  return { email: user.email };
}
