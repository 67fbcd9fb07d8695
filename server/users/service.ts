import mongoose, { type Types } from "mongoose";
import type { Config } from "../config";
import type { UserPrincipal } from "../access/principal";
import { objectIdOr404 } from "../access/scope";
import { audit } from "../audit/service";
import { Authority } from "../authorities/model";
import { User } from "../auth/model";
import { hashPassword } from "../auth/password";
import { AUTHORITY_ROLES, type UserRole } from "../shared/roles";
import { resetAccount } from "../auth/account-reset";
import { revokeAllSessions } from "../auth/sessions";
import { hashToken, newToken } from "../auth/tokens";
import { ConflictError, NotFoundError, ValidationError } from "../errors";

interface UserLean {
  _id: Types.ObjectId;
  email: string;
  name?: string | null;
  role: string;
  authorityId?: Types.ObjectId | null;
  status: string;
  totp?: { enabled?: boolean | null } | null;
  lastLoginAt?: Date | null;
}

/** The admin's view of an account: no hashes, no secrets. */
async function present(users: UserLean[]) {
  const ids = users.flatMap((u) => (u.authorityId ? [u.authorityId] : []));
  const authorities = new Map(
    (await Authority.find({ _id: mongoose.trusted({ $in: ids }) }, { slug: 1 }).lean()).map((a) => [
      a._id.toHexString(),
      a.slug,
    ]),
  );
  return users.map((u) => ({
    id: u._id.toHexString(),
    email: u.email,
    name: u.name ?? "",
    role: u.role as UserRole,
    authoritySlug: u.authorityId ? (authorities.get(u.authorityId.toHexString()) ?? null) : null,
    status: u.status as "invited" | "active" | "disabled",
    totpEnabled: u.totp?.enabled === true,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  }));
}

/** Authority roles need exactly one authority; program-wide roles have none. */
async function authorityFor(role: UserRole, slug: string | undefined | null) {
  if (!AUTHORITY_ROLES.has(role)) {
    if (slug) throw new ValidationError([{ path: "body.authoritySlug", code: "not_allowed" }]);
    return null;
  }
  if (!slug) throw new ValidationError([{ path: "body.authoritySlug", code: "required" }]);
  const authority = await Authority.findOne({ slug }, { _id: 1 }).lean();
  if (!authority) throw new ValidationError([{ path: "body.authoritySlug", code: "unknown" }]);
  return authority._id;
}

/** Every account (staff emails are personal data: the read is audited). */
export async function listUsers(actor: UserPrincipal, ip: string | undefined) {
  const users = await User.find({}).sort({ email: 1 }).lean();
  await audit({
    action: "users.read",
    actor,
    target: { kind: "users" },
    ip,
    details: { count: users.length },
  });
  return present(users);
}

/**
 * Invites a person: the account exists as `invited` with a one-time link, shown
 * to the admin (no mail server here) and valid for INVITE_TTL_HOURS.
 */
export async function inviteUser(
  actor: UserPrincipal,
  input: { email: string; role: UserRole; authoritySlug?: string; name?: string },
  ip: string | undefined,
  config: Pick<Config, "inviteTtlHours" | "publicUrl">,
) {
  const authorityId = await authorityFor(input.role, input.authoritySlug);
  const email = input.email.toLowerCase();
  if (await User.exists({ email }))
    throw new ConflictError([{ path: "body.email", code: "taken" }]);
  const token = newToken();
  const expiresAt = new Date(Date.now() + config.inviteTtlHours * 3_600_000);
  const user = await User.create({
    email,
    name: input.name ?? "",
    role: input.role,
    authorityId: authorityId ?? undefined,
    status: "invited",
    invite: { tokenHash: hashToken(token), expiresAt },
  });
  await audit({
    action: "user.invited",
    actor,
    target: { kind: "user", id: user._id.toHexString() },
    authorityId,
    ip,
    details: { role: input.role },
  });
  const [presented] = await present([user.toObject()]);
  return {
    user: presented!,
    inviteUrl: `${config.publicUrl ?? ""}/invite/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * Changes an account's role, authority or status. Every change of role or
 * authority is audited with old and new values, and ends the user's sessions
 * so the new rights apply at once.
 */
export async function updateUser(
  actor: UserPrincipal,
  id: string,
  input: { role?: UserRole; authoritySlug?: string | null; status?: "active" | "disabled" },
  ip: string | undefined,
) {
  const user = await User.findById(objectIdOr404(id));
  if (!user) throw new NotFoundError();
  if (user._id.toHexString() === actor.id && (input.role || input.status)) {
    // An admin cannot demote or disable themselves and lock the platform out.
    throw new ConflictError([{ path: "params.id", code: "self" }]);
  }
  const before = { role: user.role, authorityId: user.authorityId?.toHexString() ?? null };
  const role = (input.role ?? user.role) as UserRole;
  if (input.role !== undefined || input.authoritySlug !== undefined) {
    const slug =
      input.authoritySlug !== undefined
        ? input.authoritySlug
        : AUTHORITY_ROLES.has(role) && user.authorityId
          ? ((await Authority.findById(user.authorityId, { slug: 1 }).lean())?.slug ?? null)
          : null;
    const authorityId = await authorityFor(role, slug);
    user.role = role;
    user.set("authorityId", authorityId ?? undefined);
  }
  if (input.status) {
    if (user.status === "invited")
      throw new ConflictError([{ path: "body.status", code: "invited" }]);
    user.status = input.status;
  }
  await user.save();
  const after = { role: user.role, authorityId: user.authorityId?.toHexString() ?? null };
  if (before.role !== after.role || before.authorityId !== after.authorityId) {
    await audit({
      action: "user.role-changed",
      actor,
      target: { kind: "user", id },
      authorityId: user.authorityId,
      ip,
      details: { from: before, to: after },
    });
  }
  if (input.status) {
    await audit({
      action: "user.status-changed",
      actor,
      target: { kind: "user", id },
      ip,
      details: { status: input.status },
    });
  }
  await revokeAllSessions(user._id);
  const [presented] = await present([user.toObject()]);
  return presented!;
}

/** Ends every session of a user (a lost laptop). */
export async function revokeUserSessions(actor: UserPrincipal, id: string, ip: string | undefined) {
  const user = await User.findById(objectIdOr404(id), { _id: 1 }).lean();
  if (!user) throw new NotFoundError();
  const revoked = await revokeAllSessions(user._id);
  await audit({
    action: "user.sessions-revoked",
    actor,
    target: { kind: "user", id },
    ip,
    details: { revoked },
  });
  return { revoked };
}

/**
 * Resets an account's authenticator (a lost phone): TOTP is off, so the next
 * sign-in enrols a new one before anything else opens, and every session ends.
 * An admin cannot reset their own: another admin must, as for a role change.
 */
export async function resetUserTotp(actor: UserPrincipal, id: string, ip: string | undefined) {
  if (id === actor.id) throw new ConflictError([{ path: "params.id", code: "self" }]);
  return resetAccount(
    actor,
    id,
    ip,
    {
      $set: { "totp.enabled": false, "totp.lastStep": 0 },
      $unset: { "totp.secret": 1, "totp.pendingSecret": 1 },
    },
    "user.totp-reset",
  );
}

/**
 * First start: creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin
 * exists yet. Later changes of those variables do not touch an existing account.
 */
export async function ensureAdmin(
  config: Pick<Config, "admin">,
): Promise<{ created: boolean; email: string }> {
  if (await User.exists({ role: "admin" })) return { created: false, email: config.admin.email };
  const user = await User.create({
    email: config.admin.email,
    name: "Administrator",
    role: "admin",
    status: "active",
    passwordHash: await hashPassword(config.admin.password),
  });
  await audit({
    action: "user.role-changed",
    actor: undefined,
    target: { kind: "user", id: user._id.toHexString() },
    details: { from: null, to: { role: "admin", authorityId: null }, reason: "first start" },
  });
  return { created: true, email: user.email };
}
