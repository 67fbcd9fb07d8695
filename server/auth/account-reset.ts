import type { UpdateQuery } from "mongoose";
import type { UserPrincipal } from "../access/principal";
import { objectIdOr404 } from "../access/scope";
import { audit, type AuditAction } from "../audit/service";
import { NotFoundError } from "../errors";
import { User } from "./model";
import { revokeAllSessions } from "./sessions";

/**
 * An administrator's reset of an account (a new password required, an
 * authenticator dropped): applies `update`, ends every session the account
 * has, and records `action` with how many sessions ended.
 */
export async function resetAccount(
  actor: UserPrincipal,
  id: string,
  ip: string | undefined,
  update: UpdateQuery<unknown>,
  action: AuditAction,
): Promise<{ revoked: number }> {
  const user = await User.findOneAndUpdate({ _id: objectIdOr404(id) }, update, {
    projection: { _id: 1, authorityId: 1 },
  }).lean();
  if (!user) throw new NotFoundError();
  const revoked = await revokeAllSessions(user._id);
  await audit({
    action,
    actor,
    target: { kind: "user", id },
    authorityId: user.authorityId,
    ip,
    details: { revoked },
  });
  return { revoked };
}
