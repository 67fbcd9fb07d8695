import mongoose from "mongoose";
import type { Principal } from "../access/principal";
import { authorityInScope } from "../authorities/in-scope";
import { NEIGHBOURHOOD_KEY } from "../authorities/neighbourhoods";
import { ValidationError, type ErrorDetail } from "../errors";
import { Wave } from "../waves/model";
import type { Margin } from "../analytics/raking";
import { chooseMarginSet, type LoadedMarginSet, type WaveDates } from "./margin-set-choice";
import { MarginSet } from "./margin-set-model";
import { parseCbsMargins } from "./cbs-margins";
import type { CbsImportBody, MarginSetBody } from "./margin-set-schema";
import { PopulationMargins } from "./margins-model";

/** Published tables round; beyond this a share sum is a typo. */
const SHARE_SUM_SLACK = 1e-3;
const CODE = /^[0-9]{1,3}$/;

/** Problems zod cannot see: sums, repeated variables, categories of the wrong kind. */
function marginProblems(body: MarginSetBody): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  body.margins.forEach((m, i) => {
    const path = `body.margins.${i}`;
    if (seen.has(m.variable)) details.push({ path, code: "duplicate_variable" });
    seen.add(m.variable);
    const sum = Object.values(m.shares).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_SLACK)
      details.push({ path: `${path}.shares`, code: "sum_not_1" });
    const pattern = m.variable === "dem_neighbourhood" ? NEIGHBOURHOOD_KEY : CODE;
    for (const key of Object.keys(m.shares))
      if (!pattern.test(key)) details.push({ path: `${path}.shares.${key}`, code: "bad_category" });
  });
  return details;
}

/** One stored set in its public shape. */
function present(d: InstanceType<typeof MarginSet> | Record<string, unknown>) {
  const doc = d as unknown as {
    _id: mongoose.Types.ObjectId;
    version: number;
    source: string;
    year: number;
    validFrom: Date;
    waveId?: mongoose.Types.ObjectId | null;
    trimCap?: number | null;
    margins: Array<{ variable: string; shares: Array<{ value: string; share: number }> }>;
    createdAt: Date;
  };
  return {
    id: doc._id.toHexString(),
    version: doc.version,
    source: doc.source,
    year: doc.year,
    universe: "18+" as const,
    validFrom: doc.validFrom.toISOString().slice(0, 10),
    waveId: doc.waveId ? doc.waveId.toHexString() : null,
    trimCap: doc.trimCap ?? null,
    margins: doc.margins.map((m) => ({
      variable: m.variable,
      shares: Object.fromEntries(m.shares.map((s) => [s.value, s.share])),
    })),
    createdAt: doc.createdAt.toISOString(),
  };
}

/**
 * Stores a new version of an authority's margins (never changes an old one).
 * An empty list of margins is a valid version: the waves it covers are then
 * unweighted, and say so. A pinned wave must be one of the authority's.
 */
export async function createMarginSet(principal: Principal, slug: string, body: MarginSetBody) {
  const authority = await authorityInScope(principal, slug);
  const details = marginProblems(body);
  if (body.waveId) {
    const wave = await Wave.exists({
      _id: new mongoose.Types.ObjectId(body.waveId),
      authorityId: authority._id,
    });
    if (!wave) details.push({ path: "body.waveId", code: "wave_not_in_authority" });
  }
  if (details.length > 0) throw new ValidationError(details);
  const last = await MarginSet.findOne({ authorityId: authority._id }, { version: 1 })
    .sort({ version: -1 })
    .lean();
  const doc = await MarginSet.create({
    authorityId: authority._id,
    version: (last?.version ?? 0) + 1,
    source: body.source,
    year: body.year,
    universe: body.universe,
    validFrom: new Date(`${body.validFrom}T00:00:00.000Z`),
    waveId: body.waveId ? new mongoose.Types.ObjectId(body.waveId) : null,
    trimCap: body.trimCap ?? null,
    margins: body.margins.map((m) => ({
      variable: m.variable,
      shares: Object.entries(m.shares).map(([value, share]) => ({ value, share })),
    })),
    createdBy: principal.id,
  });
  return present(doc.toObject());
}

/** Every version of an authority's margins, newest first, and which one each wave uses. */
export async function listMarginSets(principal: Principal, slug: string) {
  const authority = await authorityInScope(principal, slug);
  const [docs, waves, loaded] = await Promise.all([
    MarginSet.find({ authorityId: authority._id }).sort({ version: -1 }).lean(),
    Wave.find({ authorityId: authority._id }, { opensAt: 1, name: 1, status: 1 })
      .sort({ opensAt: 1 })
      .lean(),
    loadMarginSets(),
  ]);
  const sets = loaded.get(authority._id.toHexString())?.sets ?? [];
  return {
    authority: authority.slug,
    authorityName: { he: authority.name.he, ar: authority.name.ar, en: authority.name.en },
    sets: docs.map((d) => present(d)),
    waves: waves.map((w) => ({
      id: w._id.toHexString(),
      opensAt: w.opensAt.toISOString(),
      name: { he: w.name.he, ar: w.name.ar, en: w.name.en },
      status: w.status,
      version: chooseMarginSet(sets, w)?.version ?? null,
    })),
  };
}

/**
 * Every authority's margin sets, with the time of the latest change (for the
 * aggregates' fingerprint). `margins` is the set valid today, for callers that
 * predate versions; a wave's own set is marginsForWave's.
 */
export type LoadedMargins = Map<
  string,
  { at: number; sets: LoadedMarginSet[]; readonly margins: Margin[] }
>;

/** The margins and trimming cap one wave is weighted with (null margins: unweighted). */
export function marginsForWave(
  loaded: LoadedMargins,
  wave: WaveDates & { authorityId: { toHexString(): string } },
): { margins: Margin[] | null; trimCap: number | null; set: LoadedMarginSet | null } {
  const set = chooseMarginSet(loaded.get(wave.authorityId.toHexString())?.sets ?? [], wave);
  return { margins: set?.margins ?? null, trimCap: set?.trimCap ?? null, set };
}

/**
 * All margin sets as the engine takes them, per authority. Margins stored
 * before versions existed (population_margins) count as version 0, valid for
 * every wave, so an upgrade does not silently unweight a weighted authority.
 */
export async function loadMarginSets(): Promise<LoadedMargins> {
  // Read from the primary: an analyst who just saved margins sees them at once.
  const [docs, legacy] = await Promise.all([
    MarginSet.find({}).lean(),
    PopulationMargins.find({}).lean(),
  ]);
  const out: LoadedMargins = new Map();
  const add = (authorityId: string, at: number, set: LoadedMarginSet) => {
    const entry = out.get(authorityId) ?? {
      at: 0,
      sets: [] as LoadedMarginSet[],
      get margins(): Margin[] {
        const now = { _id: { toHexString: () => "" }, opensAt: new Date() };
        return chooseMarginSet(this.sets, now)?.margins ?? [];
      },
    };
    entry.at = Math.max(entry.at, at);
    entry.sets.push(set);
    out.set(authorityId, entry);
  };
  for (const d of legacy) {
    const at = (d.updatedAt as Date | undefined) ?? new Date(0);
    add(d.authorityId.toHexString(), at.getTime(), {
      id: d._id.toHexString(),
      version: 0,
      source: "entered by hand",
      year: at.getUTCFullYear(),
      validFrom: new Date(0),
      waveId: null,
      trimCap: null,
      margins: d.margins.map((m) => ({
        variable: m.variable,
        shares: new Map(
          Object.entries(
            m.shares instanceof Map ? Object.fromEntries(m.shares) : (m.shares as object),
          ).map(([k, v]) => [k, Number(v)]),
        ),
      })),
    });
  }
  for (const d of docs)
    add(d.authorityId.toHexString(), (d.createdAt as Date | undefined)?.getTime() ?? 0, {
      id: d._id.toHexString(),
      version: d.version,
      source: d.source,
      year: d.year,
      validFrom: d.validFrom,
      waveId: d.waveId ? d.waveId.toHexString() : null,
      trimCap: d.trimCap ?? null,
      margins: d.margins.map((m) => ({
        variable: m.variable,
        shares: new Map(m.shares.map((s) => [s.value, Number(s.share)])),
      })),
    });
  return out;
}

/** Imports a CBS locality table (CSV) as a new margin set version of the authority. */
export async function importCbsMargins(principal: Principal, slug: string, body: CbsImportBody) {
  await authorityInScope(principal, slug);
  const { csv, localityCode, ...meta } = body;
  return createMarginSet(principal, slug, { ...meta, margins: parseCbsMargins(csv, localityCode) });
}
