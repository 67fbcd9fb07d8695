import mongoose from "mongoose";
import type { Principal } from "../../access/principal";
import { scopeFor } from "../../access/scope";
import { Authority } from "../../authorities/model";
import type { Locale } from "../../shared/locales";
import { SurveyResponse } from "../../responses/model";
import { ExcludedResponse } from "../../take/flagged-responses";
import { Wave } from "../../waves/model";
import { waveInScope } from "../../waves/service";
import { Contact } from "../contacts/model";
import { Invitation } from "../invitations/model";
import { ISRAEL_TZ } from "../queue/quiet-hours";
import type { ProgramStatus } from "./schema";
import { smsOutcome } from "../../results/outcomes";
import { acrossWaves } from "./across-waves";

const STAGES = [
  "contacts",
  "invited",
  "opened",
  "started",
  "completed",
  "optedOut",
  "bounced",
] as const;
type Stage = (typeof STAGES)[number];
type Funnel = Record<Stage, number>;

const empty = (): Funnel => Object.fromEntries(STAGES.map((s) => [s, 0])) as Funnel;
const day = new Intl.DateTimeFormat("en-CA", {
  timeZone: ISRAEL_TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
/** The Israel calendar day of an instant, as YYYY-MM-DD. */
const israelDay = (d: Date) => day.format(d);

/**
 * The response funnel of one wave, for steering fieldwork while it runs:
 * personal-link contacts from invitation to completion (with opt-outs and
 * bounces) in total, by language and by Israel calendar day, and completed
 * responses of every channel. Counts only: no answer, no number, no name.
 */
export async function waveMonitoring(
  principal: Principal,
  slug: string,
  waveId: string,
  locale: Locale,
) {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const optedOut = new Set(
    (
      await Contact.find(
        { authorityId: authority._id, optedOutAt: mongoose.trusted({ $exists: true }) },
        { _id: 1 },
      ).lean()
    ).map((c) => c._id.toHexString()),
  );
  const sms = empty();
  const byLanguage: Record<string, Funnel> = {};
  const byDay: Record<string, Partial<Record<Stage | "responses", number>>> = {};
  const bump = (date: Date | null | undefined, stage: Stage | "responses") => {
    if (!date) return;
    const row = (byDay[israelDay(date)] ??= {});
    row[stage] = (row[stage] ?? 0) + 1;
  };
  const cursor = Invitation.find(
    { waveId: wave._id },
    {
      contactId: 1,
      locale: 1,
      invitedAt: 1,
      openedAt: 1,
      startedAt: 1,
      completedAt: 1,
      bouncedAt: 1,
    },
  )
    .lean()
    .cursor({ batchSize: 5000 });
  for await (const inv of cursor) {
    const lang = (byLanguage[inv.locale] ??= empty());
    const flags: Array<[Stage, Date | null | undefined | boolean]> = [
      ["contacts", true],
      ["invited", inv.invitedAt],
      ["opened", inv.openedAt],
      ["started", inv.startedAt],
      ["completed", inv.completedAt],
      ["bounced", inv.bouncedAt],
      ["optedOut", optedOut.has(inv.contactId.toHexString())],
    ];
    for (const [stage, value] of flags) {
      if (!value) continue;
      sms[stage] += 1;
      lang[stage] += 1;
      if (value instanceof Date) bump(value, stage);
    }
  }
  const byChannel: Record<string, number> = {};
  const responsesByLanguage: Record<string, number> = {};
  const responses = SurveyResponse.find(
    { waveId: wave._id },
    { channel: 1, locale: 1, submittedAt: 1, flags: 1, _id: 0 },
  )
    .lean()
    .cursor({ batchSize: 5000 });
  let completes = 0;
  let flagged = 0;
  for await (const r of responses) {
    completes += 1;
    if (r.flags && r.flags.length > 0) flagged += 1;
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    responsesByLanguage[r.locale] = (responsesByLanguage[r.locale] ?? 0) + 1;
    bump(r.submittedAt, "responses");
  }
  const aapor = await smsOutcome(wave);
  return {
    wave: { id: wave._id.toHexString(), name: wave.name[locale], status: wave.status },
    authority: { slug: authority.slug, name: authority.name[locale] },
    target: wave.targetCompletes ?? null,
    completes,
    flagged,
    flaggedExcluded: await ExcludedResponse.countDocuments({ waveId: wave._id }),
    sms,
    responseRate: aapor?.rates.RR1 ?? null,
    aapor,
    byLanguage,
    byChannel,
    responsesByLanguage,
    byDay: Object.entries(byDay)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, c]) => ({
        date,
        invited: c.invited ?? 0,
        opened: c.opened ?? 0,
        started: c.started ?? 0,
        completed: c.completed ?? 0,
        bounced: c.bounced ?? 0,
        responses: c.responses ?? 0,
      })),
    updatedAt: new Date().toISOString(),
  };
}

const STATUS_FILTER: Record<ProgramStatus, Array<"open" | "paused" | "closed">> = {
  running: ["open", "paused"],
  open: ["open"],
  paused: ["paused"],
  closed: ["closed"],
};

/**
 * The program's waves in a status (running: open or paused) with completes
 * against target and the head of the SMS funnel, one row per authority × wave,
 * and those waves summed per day and per channel. A coordinator gets their own
 * authority's rows only.
 */
export async function programMonitoring(
  principal: Principal,
  status: ProgramStatus,
  locale: Locale,
) {
  const waves = await Wave.find({
    status: mongoose.trusted({ $in: STATUS_FILTER[status] }),
    ...scopeFor(principal),
  }).lean();
  const authorities = await Authority.find(
    { _id: mongoose.trusted({ $in: waves.map((w) => w.authorityId) }) },
    { slug: 1, name: 1 },
  ).lean();
  const byId = new Map(authorities.map((a) => [a._id.toHexString(), a]));
  const rows = await Promise.all(
    waves.map(async (w) => {
      const a = byId.get(w.authorityId.toHexString());
      const [completes, flagged, contacts, invited, completed] = await Promise.all([
        SurveyResponse.countDocuments({ waveId: w._id }),
        SurveyResponse.countDocuments({
          waveId: w._id,
          flags: mongoose.trusted({ $exists: true }),
        }),
        Invitation.countDocuments({ waveId: w._id }),
        Invitation.countDocuments({
          waveId: w._id,
          invitedAt: mongoose.trusted({ $exists: true }),
        }),
        Invitation.countDocuments({
          waveId: w._id,
          completedAt: mongoose.trusted({ $exists: true }),
        }),
      ]);
      const aapor = contacts > 0 ? await smsOutcome(w) : null;
      return {
        authority: { slug: a?.slug ?? "", name: a?.name[locale] ?? "" },
        wave: { id: w._id.toHexString(), name: w.name[locale], status: w.status },
        target: w.targetCompletes ?? null,
        completes,
        flagged,
        sms: { contacts, invited, completed },
        responseRate: aapor?.rates.RR1 ?? null,
        aapor,
      };
    }),
  );
  rows.sort(
    (x, y) =>
      x.authority.name.localeCompare(y.authority.name, locale) ||
      x.wave.name.localeCompare(y.wave.name, locale),
  );
  const summed = await acrossWaves(waves.map((w) => w._id));
  return { rows, ...summed, updatedAt: new Date().toISOString() };
}
