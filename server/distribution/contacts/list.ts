import mongoose, { type Types } from "mongoose";
import type { RespondentLocale } from "../../shared/locales";
import type { Principal } from "../../access/principal";
import { audit } from "../../audit/service";
import type { FieldCipher } from "../../privacy/crypto";
import { waveInScope } from "../../waves/service";
import { Invitation } from "../invitations/model";
import { normalizeIsraeliMobile } from "../phone";
import { CONTACT_STATUSES, type ContactStatus } from "../../shared/contact-access";
import { Contact, OptOut, SEALED } from "./model";
import { optOutsOf } from "./opt-out-scope";

export { CONTACT_STATUSES, type ContactStatus };

interface InvitationView {
  queuedAt?: Date | null;
  invitedAt?: Date | null;
  openedAt?: Date | null;
  startedAt?: Date | null;
  completedAt?: Date | null;
  bouncedAt?: Date | null;
}

/** One status per contact: an opt-out outranks everything, then the furthest step of the funnel. */
export function statusOf(inv: InvitationView, optedOut: boolean): ContactStatus {
  if (optedOut) return "opted-out";
  if (inv.bouncedAt) return "bounced";
  if (inv.completedAt) return "completed";
  if (inv.startedAt) return "started";
  if (inv.openedAt) return "opened";
  if (inv.invitedAt) return "invited";
  if (inv.queuedAt) return "queued";
  return "not-invited";
}

const exists = (yes: boolean) => mongoose.trusted({ $exists: yes });

/** The invitation filter of each status (opted-out contacts are filtered by id, see below). */
function statusFilter(status: Exclude<ContactStatus, "opted-out">): Record<string, unknown> {
  const none = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, exists(false)]));
  switch (status) {
    case "bounced":
      return { bouncedAt: exists(true) };
    case "completed":
      return { completedAt: exists(true), ...none("bouncedAt") };
    case "started":
      return { startedAt: exists(true), ...none("bouncedAt", "completedAt") };
    case "opened":
      return { openedAt: exists(true), ...none("bouncedAt", "completedAt", "startedAt") };
    case "invited":
      return {
        invitedAt: exists(true),
        ...none("bouncedAt", "completedAt", "startedAt", "openedAt"),
      };
    case "queued":
      return {
        queuedAt: exists(true),
        ...none("bouncedAt", "completedAt", "startedAt", "openedAt", "invitedAt"),
      };
    case "not-invited":
      return none("queuedAt", "bouncedAt", "completedAt", "startedAt", "openedAt", "invitedAt");
  }
}

/** "050-***-**67": the operator prefix and the last two digits, enough to tell people apart. */
export function maskLocal(e164: string): string {
  const national = e164.replace(/^\+972/, "");
  return `0${national.slice(0, 2)}-***-**${national.slice(-2)}`;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface ContactQuery {
  limit: number;
  skip: number;
  /** A whole mobile number (found by its blind index), or part of a neighbourhood's name. */
  q?: string;
  status?: ContactStatus;
}

/**
 * The wave's contacts as staff see them: masked number, language, neighbourhood,
 * status, and who made an opt-out. A search by number goes through the blind
 * index (numbers are sealed, so only a whole number can be found); anything else
 * is looked for in neighbourhoods. Reading the list is audited like any read of
 * personal data.
 */
export async function listContacts(
  principal: Principal,
  slug: string,
  waveId: string,
  cipher: FieldCipher,
  query: ContactQuery,
  ip: string | undefined,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const filter: Record<string, unknown> = { waveId: wave._id };
  const q = query.q?.trim() ?? "";
  let byNumber: Types.ObjectId[] | null = null;
  if (q) {
    const phone = normalizeIsraeliMobile(q);
    if (phone.ok) {
      const index = cipher.blindIndex(phone.e164, SEALED.phoneIndex);
      const found = await Contact.find(
        { authorityId: authority._id, phoneIndex: index },
        { _id: 1 },
      ).lean();
      byNumber = found.map((c) => c._id);
    } else {
      filter.neighbourhood = mongoose.trusted({
        $regex: escapeRegex(q.slice(0, 80)),
        $options: "i",
      });
    }
  }
  // An authority's opted-out contacts are few (hundreds at most): filtered by id.
  const optedOutIds = query.status
    ? (
        await Contact.find(
          { authorityId: authority._id, optedOutAt: exists(true) },
          { _id: 1 },
        ).lean()
      ).map((c) => c._id)
    : [];
  const ids: Record<string, unknown> = {};
  if (byNumber) ids.$in = byNumber;
  if (query.status === "opted-out") {
    const out = new Set(optedOutIds.map((id) => id.toHexString()));
    ids.$in = (byNumber ?? optedOutIds).filter((id) => out.has(id.toHexString()));
  } else if (query.status) {
    Object.assign(filter, statusFilter(query.status));
    if (optedOutIds.length > 0) ids.$nin = optedOutIds;
  }
  if (Object.keys(ids).length > 0) filter.contactId = mongoose.trusted(ids);

  const [total, invitations] = await Promise.all([
    Invitation.countDocuments(filter),
    Invitation.find(filter).sort({ _id: 1 }).skip(query.skip).limit(query.limit).lean(),
  ]);
  const contacts = await Contact.find(
    { _id: mongoose.trusted({ $in: invitations.map((i) => i.contactId) }) },
    { phoneSealed: 1, phoneIndex: 1, panelConsent: 1, optedOutAt: 1 },
  ).lean();
  const byId = new Map(contacts.map((c) => [c._id.toHexString(), c]));
  const outIndexes = contacts.filter((c) => c.optedOutAt).map((c) => c.phoneIndex);
  const optOuts =
    outIndexes.length > 0
      ? await OptOut.find(
          {
            phoneIndex: mongoose.trusted({ $in: outIndexes }),
            authorityId: optOutsOf(authority._id),
          },
          { phoneIndex: 1, source: 1, authorityId: 1 },
        ).lean()
      : [];
  // A STOP wins over this authority's own staff record of the same number.
  const optOutOf = new Map<string, (typeof optOuts)[number]>();
  for (const o of optOuts)
    if (o.source === "sms" || !optOutOf.has(o.phoneIndex)) optOutOf.set(o.phoneIndex, o);
  await audit({
    action: "contacts.read",
    actor: principal,
    target: { kind: "wave", id: wave._id.toHexString() },
    authorityId: authority._id,
    ip,
    details: { count: invitations.length, ...(q ? { search: byNumber ? "number" : "text" } : {}) },
  });
  const iso = (d?: Date | null) => (d ? d.toISOString() : null);
  return {
    total,
    contacts: invitations.map((inv) => {
      const c = byId.get(inv.contactId.toHexString());
      const optedOut = Boolean(c?.optedOutAt);
      const optOut = c && optedOut ? optOutOf.get(c.phoneIndex) : undefined;
      return {
        id: inv.contactId.toHexString(),
        phone: c ? maskLocal(cipher.decrypt(c.phoneSealed, SEALED.phone)) : "",
        locale: inv.locale as RespondentLocale,
        neighbourhood: inv.neighbourhood ?? null,
        panelConsent: Boolean(c?.panelConsent?.given),
        status: statusOf(inv, optedOut),
        optedOut,
        optOutBy: optedOut ? optOutSource(optOut, authority._id) : null,
        // When a resident opened, started or answered is not shown: next to a
        // number, a time would tie them to their row of the export. The status says how far.
        invitedAt: iso(inv.invitedAt),
        bouncedAt: iso(inv.bouncedAt),
        resentAt: iso(inv.resentAt),
        linkReissuedAt: iso(inv.linkReissuedAt),
      };
    }),
  };
}

/**
 * Who opted a number out, as this authority's staff see it: the resident
 * (a STOP reply), this authority's staff (which they may undo), or someone else.
 */
export function optOutSource(
  optOut: { source?: string | null; authorityId?: Types.ObjectId | null } | undefined,
  authorityId: Types.ObjectId,
): "resident" | "staff" | "other-authority" {
  if (!optOut || optOut.source === "sms") return "resident";
  return optOut.authorityId?.equals(authorityId) ? "staff" : "other-authority";
}
