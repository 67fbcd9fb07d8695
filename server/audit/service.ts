import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { Authority } from "../authorities/model";
import { User } from "../auth/model";
import { AuditEvent, type AuditEventDoc } from "./model";

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
  "audit.exported",
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
  "exports.analyst-access-changed",
  "signups.read",
  "signups.exported",
  "signups.status-changed",
  "signups.confirmation-sent",
  "signups.confirmation-failed",
  "user.totp-reset",
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
 * Appends one event to the audit log and answers its id. Awaited by callers on
 * purpose: a read of personal data whose audit record cannot be written does not happen.
 */
export async function audit(input: AuditInput): Promise<Types.ObjectId> {
  const event = await AuditEvent.create({
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
  return event._id;
}

/**
 * Reads and exports of personal data (residents' contacts, answers, sign-ups,
 * staff accounts): what an auditor asks "who looked at whom" about.
 */
export const PERSONAL_DATA_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  "users.read",
  // The log's own file: staff emails and addresses, taken out of the platform.
  "audit.exported",
  "contacts.read",
  "contacts.exported",
  "contacts.imported",
  "contacts.revealed",
  "sms.outbox-read",
  "responses.exported",
  "signups.read",
  "signups.exported",
  // The number a resident just gave, handed to the SMS gateway with their withdrawal link.
  "signups.confirmation-sent",
]);

/** What the audit log may be filtered by; `before` and `beforeId` page from the last event seen. */
export interface AuditFilter {
  action?: AuditAction;
  actorId?: string;
  authorityId?: Types.ObjectId | null;
  from?: Date;
  to?: Date;
  personal?: boolean;
  before?: Date;
  beforeId?: Types.ObjectId;
  limit: number;
}

/** The store filter of an AuditFilter (its `limit` aside). */
export function filterOf(query: Omit<AuditFilter, "limit">): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (query.action) and.push({ action: query.action });
  if (query.personal !== undefined)
    and.push({
      action: mongoose.trusted({ [query.personal ? "$in" : "$nin"]: [...PERSONAL_DATA_ACTIONS] }),
    });
  if (query.actorId) and.push({ "actor.id": query.actorId });
  if (query.authorityId !== undefined) and.push({ authorityId: query.authorityId });
  if (query.from) and.push({ at: mongoose.trusted({ $gte: query.from }) });
  if (query.to) and.push({ at: mongoose.trusted({ $lt: query.to }) });
  if (query.before) {
    // Events of the same moment are ordered by id, so a page never skips one.
    and.push(
      query.beforeId
        ? {
            $or: [
              { at: mongoose.trusted({ $lt: query.before }) },
              { at: query.before, _id: mongoose.trusted({ $lt: query.beforeId }) },
            ],
          }
        : { at: mongoose.trusted({ $lt: query.before }) },
    );
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0]! : mongoose.trusted({ $and: and });
}

/**
 * The newest events first, filtered (see AuditFilter), each with its actor's
 * email and its authority's slug so the screen names people and places.
 */
export async function listAuditEvents(query: AuditFilter) {
  if (query.authorityId === null) return [];
  const events = await AuditEvent.find(filterOf(query))
    .sort({ at: -1, _id: -1 })
    .limit(query.limit)
    .lean();
  return presentAuditEvents(events);
}

/** A stored event, as the store answers it. */
export type StoredAuditEvent = AuditEventDoc & { _id: Types.ObjectId };

/** Events in their public shape, with the actors' emails and the authorities' slugs looked up once. */
export async function presentAuditEvents(events: readonly StoredAuditEvent[]) {
  const userIds = [
    ...new Set(events.flatMap((e) => (e.actor?.kind === "user" && e.actor.id ? [e.actor.id] : []))),
  ].filter((id) => OBJECT_ID.test(id));
  const authorityIds = [...new Set(events.flatMap((e) => (e.authorityId ? [e.authorityId] : [])))];
  const [users, authorities] = await Promise.all([
    User.find({ _id: mongoose.trusted({ $in: userIds }) }, { email: 1 }).lean(),
    Authority.find({ _id: mongoose.trusted({ $in: authorityIds }) }, { slug: 1 }).lean(),
  ]);
  const emailOf = new Map(users.map((u) => [u._id.toHexString(), u.email]));
  const slugOf = new Map(authorities.map((a) => [a._id.toHexString(), a.slug]));
  return events.map((e) => ({
    id: e._id.toHexString(),
    at: e.at.toISOString(),
    action: e.action,
    personal: PERSONAL_DATA_ACTIONS.has(e.action as AuditAction),
    actor: {
      kind: e.actor?.kind ?? "system",
      id: e.actor?.id ?? null,
      role: e.actor?.role ?? null,
      email: (e.actor?.id && emailOf.get(e.actor.id)) ?? null,
    },
    target: { kind: e.target?.kind ?? "unknown", id: e.target?.id ?? null },
    authorityId: e.authorityId?.toHexString() ?? null,
    authoritySlug: (e.authorityId && slugOf.get(e.authorityId.toHexString())) ?? null,
    ip: e.ip ?? null,
    details: (e.details as Record<string, unknown> | undefined) ?? {},
  }));
}

const OBJECT_ID = /^[0-9a-f]{24}$/;
