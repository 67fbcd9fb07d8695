import crypto from "node:crypto";
import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { benchmarkShown, isSmallCell } from "../analytics/suppression";
import { Authority } from "../authorities/model";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { constructsOf, type ConstructInfo } from "../surveys/scoring";
import { Wave, WAVE_KINDS } from "../waves/model";
import { freshAggregates } from "./aggregate-cache";
import { bridgedConstructs } from "./bridge-arms";
import {
  armsOf,
  measuresOf,
  momentsOfArm,
  versionOfArm,
  type Arm,
  type WaveVersions,
} from "./readings";
import { emptyMoments, mergeInto, statsOf, type Moments } from "./moments";
import { deffOf, effectiveNOf } from "./reported-point";
import { DEFAULT_MIN_CELL_SIZE } from "./service";
import type { ProgramResults } from "./schema";

type Kind = (typeof WAVE_KINDS)[number];
type Point = ProgramResults["benchmark"][number]["points"][number];

/** A pooled program point: withheld below minCellSize; Kish's effective n and deff beside n. */
export function programPoint(kind: Kind, m: Moments, minCellSize: number): Point {
  const d = statsOf(m);
  const none = { effectiveN: null, deff: null, mean: null, ciLow: null, ciHigh: null };
  return d.n < minCellSize || d.mean === null
    ? { kind, n: d.n, suppressed: true, ...none }
    : {
        kind,
        n: d.n,
        suppressed: false,
        effectiveN: effectiveNOf(m),
        deff: deffOf(m),
        mean: d.mean,
        ciLow: d.ciLow,
        ciHigh: d.ciHigh,
      };
}

/**
 * The program-wide picture per construct and wave kind (baseline, follow-up): the
 * pooled benchmark, and per authority for the roles that may see it. What each
 * role sees is decided here, in one presenter:
 * - admin, researcher: per authority, named;
 * - program viewer: per authority, anonymised (a number in an order that does not
 *   follow names or ids);
 * - authority analyst: the pooled benchmark only, never another authority's series.
 * Figures come from the per-wave aggregates (weighted where margins exist).
 */
export async function programResults(
  principal: Principal,
  locale: Locale,
  minCellSize = DEFAULT_MIN_CELL_SIZE,
): Promise<ProgramResults> {
  // Program-wide data: the benchmark pools all authorities by design, so no scope here;
  // the per-authority series below are dropped or anonymised by role.
  // The program's authorities only: comparison localities are not in the program.
  const authorities = await Authority.find(
    { programStatus: mongoose.trusted({ $ne: "comparison" }) },
    { slug: 1, name: 1 },
  ).lean();
  const members = new Set(authorities.map((a) => a._id.toHexString()));
  const waves = (
    await Wave.find(
      { status: mongoose.trusted({ $ne: "draft" }) },
      { authorityId: 1, kind: 1, instrumentVersionId: 1, bridge: 1, opensAt: 1 },
    )
      .sort({ opensAt: 1, _id: 1 })
      .lean()
  ).filter((w) => members.has(w.authorityId.toHexString()));
  const aggregates = await freshAggregates();
  const bridged = await bridgedConstructs(waves);
  const series = await measureSeries(waves, bridged, locale);

  /** One series and wave kind, pooled per authority (hex id -> moments). */
  const cellsOf = (s: MeasureSeries, kind: Kind) => {
    const cells = new Map<string, Moments>();
    for (const { wave, arm } of s.readings) {
      if (wave.kind !== kind) continue;
      const m = momentsOfArm(aggregates.get(wave._id)?.constructs.get(s.id), arm);
      const authority = wave.authorityId.toHexString();
      const cell = cells.get(authority) ?? emptyMoments();
      mergeInto(cell, m);
      cells.set(authority, cell);
    }
    return cells;
  };
  const seriesOf = (pick: (cells: Map<string, Moments>, kind: Kind) => Point) =>
    series.map(({ readings: _, ...c }) => ({
      ...c,
      points: WAVE_KINDS.map((kind) =>
        pick(
          cellsOf(
            series.find((x) => x.key === c.key)!,
            kind,
          ),
          kind,
        ),
      ),
    }));
  const allPooled = (cells: Map<string, Moments>, kind: Kind) =>
    programPoint(kind, pool([...cells.values()]), minCellSize);
  const oneAuthority = (authorityId: string) => (cells: Map<string, Moments>, kind: Kind) =>
    programPoint(kind, cells.get(authorityId) ?? emptyMoments(), minCellSize);

  const seeNames = principal.role === "admin" || principal.role === "researcher";
  const seeAnonymised = principal.role === "program-viewer";
  // Anonymous order: by a digest of the id, so neither names nor creation order show through.
  const ordered = [...authorities].sort((a, b) =>
    digest(a._id.toHexString()).localeCompare(digest(b._id.toHexString())),
  );
  const perAuthority =
    seeNames || seeAnonymised
      ? ordered.map((a, index) => ({
          label: seeNames ? a.name[locale] : null,
          slug: seeNames ? a.slug : null,
          number: index + 1,
          constructs: seriesOf(oneAuthority(a._id.toHexString())),
        }))
      : [];
  // An analyst's own authority is theirs to compare with the benchmark; the
  // benchmark beside it leaves it out, or own − all would give the others away.
  const own = scopeFor(principal, "_id")._id?.toHexString();
  return {
    minCellSize,
    authorities: authorities.length,
    benchmark: seriesOf(own ? othersPooled(own, minCellSize) : allPooled),
    perAuthority,
    own: own ? { constructs: seriesOf(oneAuthority(own)) } : null,
  };
}

type ProgramWave = WaveVersions & {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  kind: Kind;
};

/** One measure of one construct on the program page, and the wave arms it reads. */
interface MeasureSeries {
  id: string;
  key: string;
  measure: number;
  measures: number;
  name: string;
  scale: { min: number; max: number };
  readings: Array<{ wave: ProgramWave; arm: Arm | null }>;
}

/**
 * The program page's series: one per construct and measure (server/results/readings.ts):
 * where versions ask a construct with different items (two editions), each
 * measure is a series of its own, never pooled with the other; a bridged
 * wave's arms each go to the series of the wording they answered.
 */
async function measureSeries(
  waves: readonly ProgramWave[],
  bridged: readonly ReadonlySet<string>[],
  locale: Locale,
): Promise<MeasureSeries[]> {
  const definitions = new Map<string, Map<string, ConstructInfo>>();
  const askedBy = async (version: Types.ObjectId) => {
    const key = version.toHexString();
    let found = definitions.get(key);
    if (!found) {
      found = new Map(constructsOf(await getSnapshot(version)).map((c) => [c.id, c]));
      definitions.set(key, found);
    }
    return found;
  };
  // construct → its readings (wave, arm, version), in wave order
  const readings = new Map<
    string,
    Array<{ wave: ProgramWave; arm: Arm | null; version: Types.ObjectId }>
  >();
  for (const [i, wave] of waves.entries()) {
    const asked = await askedBy(wave.instrumentVersionId);
    for (const id of asked.keys())
      for (const arm of armsOf(wave, bridged[i]!.has(id))) {
        const version = versionOfArm(wave, arm);
        if (!(await askedBy(version)).has(id)) continue;
        readings.set(id, [...(readings.get(id) ?? []), { wave, arm, version }]);
      }
  }
  const out: MeasureSeries[] = [];
  for (const [id, list] of readings) {
    const measureOf = await measuresOf(
      id,
      list.map((r) => r.version),
    );
    const measures = Math.max(...measureOf.values());
    for (let measure = 1; measure <= measures; measure++) {
      const mine = list.filter((r) => measureOf.get(r.version.toHexString()) === measure);
      const c = definitions.get(mine[0]!.version.toHexString())!.get(id)!;
      out.push({
        id,
        key: measures === 1 ? id : `${id}:${measure}`,
        measure,
        measures,
        name: c.name[locale],
        scale: { min: c.scale.min, max: c.scale.max },
        readings: mine.map(({ wave, arm }) => ({ wave, arm })),
      });
    }
  }
  return out;
}

function pool(cells: readonly Moments[]): Moments {
  const pooled = emptyMoments();
  for (const m of cells) mergeInto(pooled, m);
  return pooled;
}

/**
 * The benchmark an authority's own people see: the same rule as beside their
 * dashboard (analytics/suppression.ts, `benchmarkShown`): only other authorities
 * whose own cell meets the minimum are pooled, and nothing (not even n) is shown
 * unless at least three do, so no single authority's figures can be read off it
 * by subtracting one's own or by knowing one of two others.
 */
function othersPooled(own: string, minCellSize: number) {
  return (cells: Map<string, Moments>, kind: Kind): Point => {
    const contributions = [...cells].map(([authority, m]) => ({ authority, n: m.n }));
    if (!benchmarkShown(contributions, own, minCellSize))
      return {
        kind,
        n: null,
        suppressed: true,
        effectiveN: null,
        deff: null,
        mean: null,
        ciLow: null,
        ciHigh: null,
      };
    const large = [...cells]
      .filter(([authority, m]) => authority !== own && !isSmallCell(m.n, minCellSize))
      .map(([, m]) => m);
    return programPoint(kind, pool(large), minCellSize);
  };
}

function digest(id: string): string {
  return crypto.createHash("sha256").update(`kp-anon|${id}`).digest("hex");
}
