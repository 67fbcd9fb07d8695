import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { AuditEvent } from "./model";

/** Actions written to the audit log. A new kind of personal-data access adds one here. */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login-failed",
  "auth.logout",
  "auth.totp-enabled",
  "auth.password-changed",
  "user.password-reset",
  "access.denied",
  "wave.created",
  "wave.updated",
  "wave.status-changed",
  "sms.templates-changed",
  "sms.proposal-submitted",
  "sms.proposal-approved",
  "sms.proposal-rejected",
  "sms.invitations-sent",
  "sms.reminders-queued",
  "user.invited",
  "user.role-changed",
  "user.status-changed",
  "user.sessions-revoked",
  "users.read",
  "audit.read",
  "kiosk.created",
  "kiosk.revoked",
  "contacts.read",
  "contacts.exported",
  "contacts.imported",
  "contacts.revealed",
  "contacts.opted-out",
  "contacts.opt-out-undone",
  "contacts.link-resent",
  "contacts.link-reissued",
  "sms.outbox-read",
  "kiosk.pairing-code",
  "kiosk.paired",
  "responses.exported",
  "results.exported",
  "signups.read",
  "signups.exported",
  "signups.status-changed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  action: AuditAction;
  /**
   * Who did it; undefined for the system itself (first start, retention jobs),
   * "anonymous" for a caller not signed in (a failed login).
   */
  actor: Pick<Principal, "kind" | "id" | "role"> | "anonymous" | undefined;
  target: { kind: string; id?: string };
  authorityId?: Types.ObjectId | null;
  ip?: string;
  /** Small, non-personal facts: counts, old and new role. Never a phone number or a name. */
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the audit log. Awaited by callers on purpose: a read of
 * personal data whose audit record cannot be written does not happen.
 */
export async function audit(input: AuditInput): Promise<void> {
  await AuditEvent.create({
    at: new Date(),
    action: input.action,
    actor:
      input.actor === "anonymous"
        ? { kind: "anonymous" }
        : input.actor
          ? { kind: input.actor.kind, id: input.actor.id, role: input.actor.role }
          : { kind: "system" },
    target: input.target,
    authorityId: input.authorityId ?? undefined,
    ip: input.ip,
    details: input.details,
  });
}

/** The newest events first, optionally of one action, before a moment (paging). */
export async function listAuditEvents(query: {
  action?: AuditAction;
  before?: Date;
  limit: number;
}) {
  const filter: Record<string, unknown> = {};
  if (query.action) filter.action = query.action;
  if (query.before) filter.at = mongoose.trusted({ $lt: query.before });
  const events = await AuditEvent.find(filter).sort({ at: -1 }).limit(query.limit).lean();
  return events.map((e) => ({
    id: e._id.toHexString(),
    at: e.at.toISOString(),
    action: e.action,
    actor: {
      kind: e.actor?.kind ?? "system",
      id: e.actor?.id ?? null,
      role: e.actor?.role ?? null,
    },
    target: { kind: e.target?.kind ?? "unknown", id: e.target?.id ?? null },
    authorityId: e.authorityId?.toHexString() ?? null,
    ip: e.ip ?? null,
    details: (e.details as Record<string, unknown> | undefined) ?? {},
  }));
}
