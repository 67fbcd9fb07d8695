import crypto from "node:crypto";
import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { objectIdOr404, scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import { Authority } from "../authorities/model";
import { audit } from "../audit/service";
import { NotFoundError, SurveyClosedError, WavePausedError } from "../errors";
import type { FieldCipher } from "../privacy/crypto";
import { csvRow } from "../privacy/csv-safe";
import { storedLocaleOf, type RespondentLocale } from "../shared/locales";
import { cleanText } from "../shared/text";
import { Wave } from "../waves/model";
import { INTERESTS, Signup, type Interest } from "./model";
import type { SignupInput } from "./schema";

const CONTACT_CONTEXT = "signups.contact";
const NAME_CONTEXT = "signups.name";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Today in Israel, as a date: the only time a sign-up keeps. */
function israeliDay(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jerusalem" }).format(now);
}

/**
 * Stores a resident's wish to be contacted. It refers to the wave (for counts)
 * and the authority (for its coordinator), never to a response.
 */
export async function createSignup(
  cipher: FieldCipher,
  waveId: string,
  channel: "open-link" | "sms" | "kiosk",
  input: SignupInput,
  consentText: string,
): Promise<{
  withdrawPath: string;
  transparencyPath: string;
  /** For the confirmation sent after it; not for the resident's reply. */
  id: mongoose.Types.ObjectId;
  authorityId: mongoose.Types.ObjectId;
}> {
  const wave = await Wave.findById(objectIdOr404(waveId), {
    authorityId: 1,
    status: 1,
    closesAt: 1,
  }).lean();
  if (!wave || wave.status === "draft") throw new NotFoundError();
  // Past its closing time a wave is closed, whether or not its status has caught up.
  if (wave.status === "closed" || (wave.closesAt && wave.closesAt.getTime() <= Date.now()))
    throw new SurveyClosedError();
  // Paused is for now: "closed" would tell residents not to come back.
  if (wave.status === "paused") throw new WavePausedError();
  const authority = await Authority.findById(wave.authorityId, { slug: 1 }).lean();
  if (!authority) throw new NotFoundError();
  const token = crypto.randomBytes(24).toString("base64url");
  const created = await Signup.create({
    authorityId: wave.authorityId,
    waveId: wave._id,
    channel,
    locale: input.locale,
    interests: [...new Set(input.interests)],
    contact: {
      kind: input.contact.kind,
      sealed: cipher.encrypt(input.contact.value, CONTACT_CONTEXT),
    },
    name: input.name ? cipher.encrypt(cleanText(input.name), NAME_CONTEXT) : undefined,
    consentText,
    day: israeliDay(),
    withdrawTokenHash: hashToken(token),
  });
  return {
    withdrawPath: `/w/${token}`,
    transparencyPath: `/p/${authority.slug}`,
    id: created._id,
    authorityId: wave.authorityId,
  };
}

/** The resident takes it back: the contact detail and name are erased at once. */
export async function withdrawSignup(token: string): Promise<void> {
  const updated = await Signup.findOneAndUpdate(
    { withdrawTokenHash: hashToken(token) },
    {
      $set: { status: "withdrawn", statusChangedAt: new Date() },
      $unset: { "contact.sealed": 1, name: 1 },
    },
  ).lean();
  if (!updated) throw new NotFoundError();
}

/** An authority's sign-ups for its coordinator, decrypted; the read is audit-logged first. */
export async function listSignups(
  cipher: FieldCipher,
  principal: Principal,
  slug: string,
  ip?: string,
) {
  const authority = await authorityInScope(principal, slug);
  const rows = await Signup.find({
    authorityId: authority._id,
    status: mongoose.trusted({ $ne: "withdrawn" }),
  })
    .sort({ day: -1 })
    .lean();
  const waves = new Map(
    (await Wave.find({ authorityId: authority._id }, { name: 1 }).lean()).map((w) => [
      w._id.toHexString(),
      w.name,
    ]),
  );
  await audit({
    action: "signups.read",
    actor: principal,
    target: { kind: "authority", id: authority._id.toHexString() },
    authorityId: authority._id,
    ip,
    details: { count: rows.length },
  });
  return rows.map((s) => ({
    id: s._id.toHexString(),
    interests: s.interests as Interest[],
    contact: {
      kind: s.contact!.kind as "phone" | "email",
      value: s.contact?.sealed ? cipher.decrypt(s.contact.sealed, CONTACT_CONTEXT) : "",
    },
    name: s.name ? cipher.decrypt(s.name, NAME_CONTEXT) : null,
    locale: s.locale as RespondentLocale,
    day: s.day,
    wave: waves.get(s.waveId.toHexString())?.[storedLocaleOf(s.locale as RespondentLocale)] ?? "",
    status: s.status as "new" | "contacted" | "joined" | "declined" | "withdrawn",
  }));
}

/** The coordinator tracks what came of a sign-up. */
export async function setSignupStatus(
  principal: Principal,
  id: string,
  status: "new" | "contacted" | "joined" | "declined",
) {
  const updated = await Signup.findOneAndUpdate(
    {
      _id: objectIdOr404(id),
      ...scopeFor(principal),
      status: mongoose.trusted({ $ne: "withdrawn" }),
    },
    { $set: { status, statusChangedAt: new Date() } },
  ).lean();
  if (!updated) throw new NotFoundError();
  await audit({
    action: "signups.status-changed",
    actor: principal,
    target: { kind: "signup", id },
    authorityId: updated.authorityId,
    details: { from: updated.status, to: status },
  });
}

/** The facilitator's list as CSV (UTF-8 with BOM for Excel, formula-safe cells); audit-logged. */
export async function exportSignups(
  cipher: FieldCipher,
  principal: Principal,
  slug: string,
  ip?: string,
): Promise<string> {
  const rows = await listSignups(cipher, principal, slug, ip);
  await audit({
    action: "signups.exported",
    actor: principal,
    target: { kind: "authority", id: slug },
    ip,
    details: { count: rows.length },
  });
  const lines = [csvRow(["day", "wave", "language", "name", "contact", ...INTERESTS, "status"])];
  for (const r of rows) {
    lines.push(
      csvRow([
        r.day,
        r.wave,
        r.locale,
        r.name,
        r.contact.value,
        ...INTERESTS.map((i) => (r.interests.includes(i) ? 1 : 0)),
        r.status,
      ]),
    );
  }
  // csvRow ends each row with CRLF already: joining with another gave a blank line per row.
  return `\uFEFF${lines.join("")}`;
}

/** Sign-ups per authority × wave × channel × interest: numbers only, for the program's involvement indicators. */
export async function signupCounts() {
  const rows = await Signup.aggregate<{
    _id: { a: mongoose.Types.ObjectId; w: mongoose.Types.ObjectId; c: string; i: Interest };
    n: number;
  }>([
    { $match: { status: { $ne: "withdrawn" } } },
    { $unwind: "$interests" },
    {
      $group: {
        _id: { a: "$authorityId", w: "$waveId", c: "$channel", i: "$interests" },
        n: { $sum: 1 },
      },
    },
  ]);
  const authorities = new Map(
    (await Authority.find({}, { slug: 1 }).lean()).map((a) => [a._id.toHexString(), a.slug]),
  );
  return rows
    .map((r) => ({
      authority: authorities.get(r._id.a.toHexString()) ?? "",
      wave: r._id.w.toHexString(),
      channel: r._id.c,
      interest: r._id.i,
      signups: r.n,
    }))
    .sort(
      (a, b) =>
        a.authority.localeCompare(b.authority) ||
        a.wave.localeCompare(b.wave) ||
        a.interest.localeCompare(b.interest),
    );
}
