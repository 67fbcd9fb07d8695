import mongoose, { type Types } from "mongoose";
import { Invitation } from "../distribution/invitations/model";
import { WaveNotReadyError } from "../errors";
import { LOCALES, type Locale } from "../shared/locales";
import { InstrumentVersion } from "../instruments/model";
import { KioskDevice } from "../kiosk/model";
import type { Channel } from "./model";
import type { ReadinessCheck } from "./schema";
import { draftSms, sampleLink } from "../shared/sms/sms-draft";
import { currentBank } from "../bank/bank-cache";
import { trapdGaps } from "../bank/trapd-gate";
import { trapdUnitViewSchema } from "../bank/trapd-schema";
import { z } from "zod";
import { offeredLanguages, offeredStoredLocales } from "../shared/wave-languages";

/**
 * The checklist a wave must pass before it opens: each item a stable code, whether
 * it holds, and the counts behind it, so the workspace can say what is missing and
 * where it is fixed. Opening a wave that fails it is refused (409 WAVE_NOT_READY).
 */

interface WaveForCheck {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  instrumentVersionId: Types.ObjectId;
  channels: Channel[];
  openLinkSlug?: string | null;
  /** The languages offered to residents; absent on waves stored before the setting. */
  languages?: readonly string[] | null;
  closesAt?: Date | null;
  reminderDays?: number[] | null;
  name: Record<Locale, string>;
  smsTemplates?: {
    invitation?: Partial<Record<Locale, string | null>> | null;
    reminder?: Partial<Record<Locale, string | null>> | null;
  } | null;
}

interface AuthorityForCheck {
  slug: string;
  population: string;
  name: Record<Locale, string>;
}

/** A text the designer left empty, or filled with another language (marked ⚠) for a preview. */
const untranslated = (s: unknown) => typeof s !== "string" || s.trim() === "" || s.startsWith("⚠");

/**
 * Missing texts of a published snapshot per locale: every {he, ar, en} object in
 * it (titles, questions, scale labels, consent and thank-you texts) is one text.
 */
export function missingTexts(snapshot: unknown): Record<Locale, number> {
  const out: Record<Locale, number> = { he: 0, ar: 0, en: 0 };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (LOCALES.every((l) => l in o) && LOCALES.some((l) => typeof o[l] === "string")) {
      for (const l of LOCALES) if (untranslated(o[l])) out[l] += 1;
      return;
    }
    Object.values(o).forEach(walk);
  };
  walk(snapshot);
  return out;
}

/** The first day (Israel time) a date falls on, as YYYY-MM-DD. */
const israelDay = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jerusalem" }).format(d);

/** The readiness checklist of a wave, in the order the workspace shows it. */
export async function readinessOf(
  wave: WaveForCheck,
  authority: AuthorityForCheck,
  publicBase: string,
  now = new Date(),
): Promise<ReadinessCheck[]> {
  const sms = wave.channels.includes("sms");
  const kiosk = wave.channels.includes("kiosk");
  const [version, invited, devices] = await Promise.all([
    InstrumentVersion.findById(wave.instrumentVersionId, {
      snapshot: 1,
      translationReview: 1,
    }).lean(),
    sms ? Invitation.countDocuments({ waveId: wave._id }) : Promise.resolve(0),
    kiosk
      ? KioskDevice.find(
          {
            waveId: wave._id,
            authorityId: wave.authorityId,
            revokedAt: mongoose.trusted({ $exists: false }),
          },
          { pairedAt: 1 },
        ).lean()
      : Promise.resolve([]),
  ]);
  // Every language the wave's pages offer: a contact imported in another one is sent
  // the authority's default (server/distribution/contacts/check.ts).
  const offered = offeredLanguages(wave.languages);
  const locales = offeredStoredLocales(offered);
  const checks: ReadinessCheck[] = [];

  const missing = version ? missingTexts(version.snapshot) : { he: 1, ar: 1, en: 1 };
  checks.push({
    code: "translations",
    ok: locales.every((l) => missing[l] === 0),
    detail: Object.fromEntries(locales.map((l) => [l, missing[l]])),
  });

  // A version published from the designer keeps its TRAPD review; one from the bank's
  // files (no review) ships the bank's reviewed wording.
  if (version?.translationReview) {
    const units = z.array(trapdUnitViewSchema).parse(version.translationReview);
    const gaps = trapdGaps(currentBank(), units, offered);
    const byLocale: Record<string, number> = {};
    for (const g of gaps) byLocale[g.locale] = (byLocale[g.locale] ?? 0) + 1;
    checks.push({ code: "translation_review", ok: gaps.length === 0, detail: byLocale });
  }

  if (sms) checks.push({ code: "sms_contacts", ok: invited > 0, detail: { contacts: invited } });

  if (kiosk) {
    const paired = devices.filter((d) => d.pairedAt).length;
    checks.push({
      code: "kiosk_paired",
      ok: paired > 0,
      detail: { paired, unpaired: devices.length - paired },
    });
  }

  if (wave.channels.includes("open-link"))
    checks.push({ code: "open_link_slug", ok: Boolean(wave.openLinkSlug), detail: {} });

  const closesAt = wave.closesAt ?? null;
  checks.push({
    code: "closes_after_today",
    ok: closesAt === null || israelDay(closesAt) > israelDay(now),
    detail: {},
  });

  if (sms) {
    const kinds =
      (wave.reminderDays ?? []).length > 0 ? ["invitation", "reminder"] : ["invitation"];
    let problems = 0;
    let longest = 0;
    for (const kind of kinds as Array<"invitation" | "reminder">) {
      for (const l of locales) {
        const d = draftSms(kind, l, wave.smsTemplates?.[kind]?.[l] ?? undefined, {
          link: sampleLink(publicBase),
          authority: authority.name[l],
          wave: wave.name[l],
          transparency: `${publicBase.replace(/\/$/, "")}/p/${authority.slug}`,
        });
        problems += d.problems.length;
        longest = Math.max(longest, d.segments);
      }
    }
    checks.push({ code: "templates_render", ok: problems === 0, detail: { problems, longest } });
  }
  return checks;
}

/** Throws WAVE_NOT_READY, listing each failing item, unless every check holds. */
export function assertReady(checks: readonly ReadinessCheck[]): void {
  const failing = checks.filter((c) => !c.ok);
  if (failing.length > 0) throw new WaveNotReadyError(failing.map((c) => c.code));
}
