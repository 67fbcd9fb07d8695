import mongoose from "mongoose";
import type { Principal } from "../../access/principal";
import { authorityInScope } from "../../access/scope";
import { audit } from "../../audit/service";
import { ConflictError } from "../../errors";
import type { Locale } from "../../i18n/locales";
import type { FieldCipher } from "../../privacy/crypto";
import { waveInScope } from "../../waves/service";
import { linkUrl } from "../links";
import { maskPhone } from "../phone";
import { queueInvitations } from "../queue/enqueue";
import { SmsMessage } from "../queue/model";
import { OUTBOX_CONTEXT, OutboxMessage } from "./outbox";
import { countSegments } from "./segments";
import { renderSms, transparencyUrl, type SmsKind } from "./templates";

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

/**
 * Messages the local outbox provider stored for an authority, newest first. The
 * outbox stands in for residents' phones in development, so it shows the text
 * (with its link) and a masked number; reading it is audited.
 */
export async function listOutbox(
  principal: Principal,
  slug: string,
  cipher: FieldCipher,
  limit: number,
  ip: string | undefined,
) {
  const authority = await authorityInScope(principal, slug);
  const keys = await SmsMessage.find({ authorityId: authority._id }, { key: 1, status: 1, kind: 1 })
    .sort({ _id: -1 })
    .limit(limit)
    .lean();
  const messages = await OutboxMessage.find({
    reference: mongoose.trusted({ $in: keys.map((k) => k.key) }),
  })
    .sort({ at: -1 })
    .lean();
  const byKey = new Map(keys.map((k) => [k.key, k]));
  await audit({
    action: "sms.outbox-read",
    actor: principal,
    target: { kind: "outbox" },
    authorityId: authority._id,
    ip,
    details: { count: messages.length },
  });
  return messages.map((m) => ({
    reference: m.reference,
    kind: (byKey.get(m.reference)?.kind ?? "invitation") as SmsKind,
    status: byKey.get(m.reference)?.status ?? "sent",
    to: maskPhone(cipher.decrypt(m.toSealed, OUTBOX_CONTEXT.to)),
    text: cipher.decrypt(m.textSealed, OUTBOX_CONTEXT.text),
    at: m.at.toISOString(),
  }));
}
