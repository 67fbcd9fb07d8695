import mongoose, { Types } from "mongoose";
import type { Principal } from "../../access/principal";
import { authorityInScope } from "../../authorities/in-scope";
import { audit } from "../../audit/service";
import { ConflictError } from "../../errors";
import type { Locale } from "../../shared/locales";
import type { FieldCipher } from "../../privacy/crypto";
import { waveInScope } from "../../waves/service";
import { assertTemplatesComplete } from "../../waves/sms-proposal";
import { linkUrl, maskLinks } from "../links";
import { maskPhone } from "../phone";
import { queueInvitations } from "../queue/enqueue";
import { Contact, SEALED } from "../contacts/model";
import { MESSAGE_STATUSES, SmsMessage } from "../queue/model";
import { OUTBOX_CONTEXT, OutboxMessage } from "./outbox";
import { sendSchedule } from "./schedule";
import type { QuietHours } from "../queue/quiet-hours";
import { countSegments } from "../../shared/sms/segments";
import { renderSms, transparencyUrl, type SmsKind } from "../../shared/sms/templates";

type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Queues the invitation SMS of every contact of an open SMS wave not yet invited. */
export async function sendInvitations(principal: Principal, slug: string, waveId: string) {
  const { wave } = await waveInScope(principal, slug, waveId);
  if (wave.status !== "open" || !wave.channels.includes("sms"))
    throw new ConflictError([{ path: "wave", code: "not_open_for_sms" }]);
  const queued = await queueInvitations(wave);
  const pending = await SmsMessage.countDocuments({ waveId: wave._id, status: "queued" });
  return { queued, pending };
}

/**
 * A template as a resident would receive it, with a link as long as a real one,
 * and its SMS parts: what the workspace shows beside the template editor.
 */
export async function previewSms(
  principal: Principal,
  slug: string,
  waveId: string,
  input: { kind: SmsKind; locale: Locale; text?: string },
  publicBase: string,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  // An unsaved text is held to the rules a saved one is: no preview without the link
  // and the opt-out line (the saved texts and the defaults carry both).
  if (input.text)
    assertTemplatesComplete({ [input.kind]: { [input.locale]: input.text } }, authority, wave);
  const custom = input.text
    ? { [input.locale]: input.text }
    : (wave.smsTemplates as Record<SmsKind, Partial<Record<Locale, string>>> | undefined)?.[
        input.kind
      ];
  const text = renderSms(input.kind, input.locale, custom, {
    link: linkUrl(publicBase, "x".repeat(43)),
    authority: authority.name[input.locale],
    wave: wave.name[input.locale],
    transparency: transparencyUrl(publicBase, authority.slug),
  });
  return { text, ...countSegments(text) };
}

/** Filters and page of the outbox listing. */
export interface OutboxFilter {
  waveId?: string;
  status?: MessageStatus;
  page: number;
  limit: number;
}

/**
 * An authority's SMS messages, newest first, with their delivery status (the
 * queue's record, so queued and failed messages show too) and masked number;
 * optionally one wave's only and one status only, a page at a time. Where the
 * local outbox provider stored a message (development and demos, standing in for
 * residents' phones), its text with the personal link masked: staff never hold
 * a resident's token. Reading is audited.
 */
export async function listOutbox(
  principal: Principal,
  slug: string,
  cipher: FieldCipher,
  filter: OutboxFilter,
  ip: string | undefined,
) {
  const authority = filter.waveId
    ? (await waveInScope(principal, slug, filter.waveId)).authority
    : await authorityInScope(principal, slug);
  const base = {
    authorityId: authority._id,
    ...(filter.waveId ? { waveId: new Types.ObjectId(filter.waveId) } : {}),
  };
  const query = { ...base, ...(filter.status ? { status: filter.status } : {}) };
  const [rows, total, ...counts] = await Promise.all([
    SmsMessage.find(query)
      .sort({ _id: -1 })
      .skip((filter.page - 1) * filter.limit)
      .limit(filter.limit)
      .lean(),
    SmsMessage.countDocuments(query),
    ...MESSAGE_STATUSES.map((status) => SmsMessage.countDocuments({ ...base, status })),
  ]);
  const [contacts, stored] = await Promise.all([
    Contact.find(
      { _id: mongoose.trusted({ $in: rows.map((m) => m.contactId) }) },
      { phoneSealed: 1 },
    ).lean(),
    OutboxMessage.find(
      { reference: mongoose.trusted({ $in: rows.map((m) => m.key) }) },
      { reference: 1, textSealed: 1 },
    ).lean(),
  ]);
  const phones = new Map(
    contacts.map((c) => [
      c._id.toHexString(),
      maskPhone(cipher.decrypt(c.phoneSealed, SEALED.phone)),
    ]),
  );
  const texts = new Map(
    stored.map((m) => [m.reference, maskLinks(cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text))]),
  );
  await audit({
    action: "sms.outbox-read",
    actor: principal,
    target: { kind: "outbox", ...(filter.waveId ? { id: filter.waveId } : {}) },
    authorityId: authority._id,
    ip,
    details: { count: rows.length, status: filter.status ?? null, page: filter.page },
  });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    messages: rows.map((m) => ({
      reference: m.key,
      kind: m.kind as SmsKind,
      seq: m.seq,
      status: m.status as MessageStatus,
      to: phones.get(m.contactId.toHexString()) ?? "",
      text: texts.get(m.key) ?? null,
      queuedAt: (m.createdAt ?? m.notBefore).toISOString(),
      notBefore: m.notBefore.toISOString(),
      sentAt: iso(m.sentAt),
      deliveredAt: iso(m.deliveredAt),
      attempts: m.attempts,
      segments: m.segments ?? null,
      cancelReason: m.cancelReason ?? null,
      heldReason: m.status === "queued" ? (m.heldReason ?? null) : null,
    })),
    total,
    page: filter.page,
    limit: filter.limit,
    byStatus: Object.fromEntries(MESSAGE_STATUSES.map((s, i) => [s, counts[i] ?? 0])) as Record<
      MessageStatus,
      number
    >,
  };
}

/** The schedule a send started now would follow, for the send dialog (ISO times). */
export async function waveSendSchedule(principal: Principal, slug: string, waveId: string) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const s = sendSchedule(
    new Date(),
    {
      population: authority.population,
      observedHolidays: authority.observedHolidays,
      location: authority.location,
      ...(wave.quietHours as QuietHours),
    },
    wave.reminderDays ?? [],
  );
  const iso = <T extends { at: Date }>(slot: T) => ({ ...slot, at: slot.at.toISOString() });
  return { invitation: iso(s.invitation), reminders: s.reminders.map(iso) };
}
