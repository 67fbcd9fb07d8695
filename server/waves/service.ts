import mongoose, { Types } from "mongoose";
import type { Principal } from "../access/principal";
import { objectIdOr404, scopeFor } from "../access/scope";
import { authorityInScope } from "../authorities/in-scope";
import { Authority } from "../authorities/model";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { InstrumentVersion } from "../instruments/model";
import { cleanStrings } from "../shared/text";
import { ALL_WAVE_LANGUAGES, offeredLanguages } from "../shared/wave-languages";
import { assertTransition, defaultQuietHours, type WaveStatus } from "./lifecycle";
import { Wave } from "./model";
import { readinessWarnings } from "./open-follow-ups";
import { assertReady, readinessOf } from "./readiness";
import {
  assertTemplatesComplete,
  auditProposal,
  needsApproval,
  type SmsTemplatesInput,
} from "./sms-proposal";
import type { NewWaves, Readiness, WaveUpdate, WaveView } from "./schema";

type WaveLean = NonNullable<Awaited<ReturnType<typeof findWave>>>;

async function findWave(authorityId: Types.ObjectId, waveId: string) {
  return Wave.findOne({ _id: objectIdOr404(waveId), authorityId }).lean();
}

/** A wave of an authority in the caller's scope; anything else is a 404. */
export async function waveInScope(principal: Principal, slug: string, waveId: string) {
  const authority = await authorityInScope(principal, slug);
  const wave = await findWave(authority._id, waveId);
  if (!wave) throw new NotFoundError();
  return { authority, wave };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type InstrumentRef = { _id: Types.ObjectId; key: string; version: number } | null | undefined;
type AuthorityRef = { slug: string; name: { he: string; ar: string; en: string } };

/** The public shape of a wave: everything staff edit, nothing about residents. */
function toView(wave: WaveLean, authority: AuthorityRef, instrument: InstrumentRef): WaveView {
  const q = { ...defaultQuietHours("jewish"), ...(wave.quietHours ?? {}) };
  const texts = (t: Record<string, unknown> | null | undefined) =>
    Object.fromEntries(
      Object.entries(t ?? {}).filter(([k, v]) => typeof v === "string" && k.length === 2),
    ) as Record<string, string>;
  return {
    id: wave._id.toHexString(),
    authority: {
      id: wave.authorityId.toHexString(),
      slug: authority.slug,
      name: { he: authority.name.he, ar: authority.name.ar, en: authority.name.en },
    },
    name: { he: wave.name.he, ar: wave.name.ar, en: wave.name.en },
    kind: wave.kind,
    status: wave.status,
    instrument: {
      id: wave.instrumentVersionId.toHexString(),
      key: instrument?.key ?? "",
      version: instrument?.version ?? 0,
    },
    opensAt: wave.opensAt.toISOString(),
    closesAt: iso(wave.closesAt),
    channels: wave.channels,
    openLinkSlug: wave.openLinkSlug ?? null,
    targetCompletes: wave.targetCompletes ?? null,
    languages: offeredLanguages(wave.languages),
    smsTemplates: {
      invitation: texts(wave.smsTemplates?.invitation),
      reminder: texts(wave.smsTemplates?.reminder),
    },
    smsProposal: wave.smsProposal
      ? {
          invitation: texts(wave.smsProposal.templates?.invitation),
          reminder: texts(wave.smsProposal.templates?.reminder),
          proposedAt: wave.smsProposal.proposedAt.toISOString(),
        }
      : null,
    reminderDays: wave.reminderDays ?? [],
    quietHours: {
      nightStart: q.nightStart,
      nightEnd: q.nightEnd,
      weekendRest: q.weekendRest,
      weekendStart: q.weekendStart,
      weekendEnd: q.weekendEnd,
    },
    statusChangedAt: iso(wave.statusChangedAt),
    createdAt: iso((wave as { createdAt?: Date }).createdAt) ?? new Date(0).toISOString(),
  };
}

/** Public shapes of many waves, with one read of their authorities and instrument versions. */
export async function presentWaves(waves: WaveLean[]): Promise<WaveView[]> {
  const ids = (key: "instrumentVersionId" | "authorityId") => [
    ...new Set(waves.map((w) => w[key].toHexString())),
  ];
  const $in = (hex: string[]) => mongoose.trusted({ $in: hex.map((h) => new Types.ObjectId(h)) });
  const [versions, authorities] = await Promise.all([
    InstrumentVersion.find({ _id: $in(ids("instrumentVersionId")) }, { key: 1, version: 1 }).lean(),
    Authority.find({ _id: $in(ids("authorityId")) }, { slug: 1, name: 1 }).lean(),
  ]);
  const versionOf = new Map(versions.map((v) => [v._id.toHexString(), v]));
  const authorityOf = new Map(authorities.map((a) => [a._id.toHexString(), a]));
  return waves.map((w) =>
    toView(
      w,
      authorityOf.get(w.authorityId.toHexString())!,
      versionOf.get(w.instrumentVersionId.toHexString()),
    ),
  );
}

/** The public shape of one wave. */
export async function presentWave(wave: WaveLean): Promise<WaveView> {
  const [view] = await presentWaves([wave]);
  return view!;
}

/** Waves of one authority, newest opening first. */
export async function listWaves(principal: Principal, slug: string): Promise<WaveView[]> {
  const authority = await authorityInScope(principal, slug);
  const waves = await Wave.find({ authorityId: authority._id, ...scopeFor(principal) })
    .sort({ opensAt: -1 })
    .lean();
  return presentWaves(waves);
}

/** Runs a write; another wave holding the same open-link slug becomes a 409 pointing at the field. */
async function slugTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000)
      throw new ConflictError([{ path: "body.openLinkSlug", code: "taken" }]);
    throw err;
  }
}

function checkDates(opensAt: Date, closesAt: Date | null | undefined): void {
  if (closesAt && closesAt.getTime() <= opensAt.getTime())
    throw new ValidationError([{ path: "body.closesAt", code: "before_opens_at" }]);
}

/**
 * Creates a draft wave in each named authority (a baseline for all sixteen at
 * once, say), pinned to one published instrument version.
 */
export async function createWaves(input: NewWaves): Promise<WaveView[]> {
  const version = await InstrumentVersion.findById(objectIdOr404(input.instrumentVersionId), {
    _id: 1,
  }).lean();
  if (!version)
    throw new ValidationError([{ path: "body.instrumentVersionId", code: "not_published" }]);
  if (input.openLinkSlug && input.authorities.length > 1)
    throw new ValidationError([{ path: "body.openLinkSlug", code: "one_authority_only" }]);
  const slugs = [...new Set(input.authorities)];
  const authorities = await Authority.find({ slug: mongoose.trusted({ $in: slugs }) }).lean();
  if (authorities.length !== slugs.length) throw new NotFoundError();
  const opensAt = new Date(input.opensAt);
  const closesAt = input.closesAt ? new Date(input.closesAt) : undefined;
  checkDates(opensAt, closesAt);
  const docs = await slugTaken(() =>
    Wave.insertMany(
      authorities.map((a) => ({
        authorityId: a._id,
        instrumentVersionId: version._id,
        name: cleanStrings(input.name),
        kind: input.kind,
        status: "draft",
        opensAt,
        closesAt,
        channels: [...new Set(input.channels)],
        openLinkSlug: input.openLinkSlug ?? undefined,
        targetCompletes: input.targetCompletes,
        languages: offeredLanguages(input.languages ?? ALL_WAVE_LANGUAGES),
        smsTemplates: assertTemplatesComplete(cleanStrings(input.smsTemplates ?? {}), a, {
          name: cleanStrings(input.name),
        }),
        reminderDays: [...input.reminderDays].sort((x, y) => x - y),
        quietHours: { ...defaultQuietHours(a.population), ...(input.quietHours ?? {}) },
        statusChangedAt: new Date(),
      })),
    ),
  );
  return presentWaves(docs.map((d) => d.toObject() as WaveLean));
}

/** Changes a wave's settings. The instrument and kind are fixed at creation. */
export async function updateWave(
  principal: Principal,
  slug: string,
  waveId: string,
  input: WaveUpdate,
): Promise<WaveView> {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  if (wave.status === "closed") throw new ConflictError([{ path: "status", code: "closed" }]);
  const opensAt = input.opensAt ? new Date(input.opensAt) : wave.opensAt;
  const closesAt =
    input.closesAt === undefined ? wave.closesAt : input.closesAt ? new Date(input.closesAt) : null;
  checkDates(opensAt, closesAt);
  const set: Record<string, unknown> = {};
  if (input.name) set.name = cleanStrings(input.name);
  if (input.opensAt) set.opensAt = opensAt;
  if (input.closesAt !== undefined) set.closesAt = closesAt;
  if (input.channels) set.channels = [...new Set(input.channels)];
  if (input.openLinkSlug !== undefined) set.openLinkSlug = input.openLinkSlug;
  if (input.targetCompletes !== undefined) set.targetCompletes = input.targetCompletes;
  if (input.languages) set.languages = offeredLanguages(input.languages);
  if (input.reminderDays) set.reminderDays = [...input.reminderDays].sort((x, y) => x - y);
  let proposal: SmsTemplatesInput | undefined;
  if (input.smsTemplates) {
    const templates = cleanStrings(input.smsTemplates);
    assertTemplatesComplete(templates, authority, wave);
    // A coordinator's texts for a wave that has opened wait for a researcher's approval.
    if (needsApproval(principal, wave.status)) {
      proposal = templates;
      set.smsProposal = { templates, proposedBy: principal.id, proposedAt: new Date() };
    } else set.smsTemplates = templates;
  }
  if (input.quietHours)
    set.quietHours = {
      ...defaultQuietHours(authority.population),
      ...wave.quietHours,
      ...input.quietHours,
    };
  const unset = set.openLinkSlug === null ? { openLinkSlug: 1 } : {};
  if (set.openLinkSlug === null) delete set.openLinkSlug;
  const updated = await slugTaken(() =>
    Wave.findOneAndUpdate(
      { _id: wave._id },
      { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
      { returnDocument: "after", runValidators: true },
    ).lean(),
  );
  if (proposal) await auditProposal(principal, updated!, "sms.proposal-submitted", proposal);
  return presentWave(updated!);
}

/** The readiness checklist of a wave in the caller's scope. */
export async function waveReadiness(
  principal: Principal,
  slug: string,
  waveId: string,
  publicBase: string,
): Promise<Readiness> {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  const [checks, warnings] = await Promise.all([
    readinessOf(wave, authority, publicBase),
    readinessWarnings(wave),
  ]);
  return { ready: checks.every((c) => c.ok), checks, warnings };
}

/**
 * Moves a wave along its life cycle; opening (or resuming) needs the readiness
 * checklist to hold. The step is checked against the stored status atomically.
 */
export async function changeWaveStatus(
  principal: Principal,
  slug: string,
  waveId: string,
  to: WaveStatus,
  publicBase: string,
): Promise<WaveView> {
  const { authority, wave } = await waveInScope(principal, slug, waveId);
  assertTransition(wave.status, to);
  if (to === "open") assertReady(await readinessOf(wave, authority, publicBase));
  const updated = await Wave.findOneAndUpdate(
    { _id: wave._id, status: wave.status },
    { $set: { status: to, statusChangedAt: new Date() } },
    { returnDocument: "after" },
  ).lean();
  // Someone else moved it meanwhile: say so rather than apply a step from a stale state.
  if (!updated) throw new ConflictError([{ path: "status", code: "changed_meanwhile" }]);
  return presentWave(updated);
}
