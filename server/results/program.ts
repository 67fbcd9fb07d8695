import crypto from "node:crypto";
import mongoose, { type Types } from "mongoose";
import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { comparePeriods, periodOf } from "../analytics/periods";
import type { PoolingWeights } from "../analytics/pooling";
import { DEFAULT_REPORTING_RULES, type ReportingRules } from "../analytics/reporting-rules";
import { Authority } from "../authorities/model";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { frequencyConstructsOf } from "../analytics/frequency-items";
import { constructsOf, type ConstructInfo } from "../surveys/scoring";
import type { InstrumentSnapshot } from "../surveys/snapshot-schema";
import type { WAVE_KINDS } from "../waves/model";
import { oldestFirst, type FreshAggregates } from "./aggregate-cache";
import type { AnalyticsScope } from "./analytics-scope";
import type { SeriesBreaks } from "./series-breaks";
import { bridgedConstructs } from "./bridge-arms";
import {
  armsOf,
  measuresOf,
  momentsOfArm,
  versionOfArm,
  type Arm,
  type WaveVersions,
} from "./readings";
import { favourableFromLabel } from "./favourable-label";
import { emptyMoments, mergeInto, shareMoments } from "./moments";
import {
  authorityPoint,
  othersPoint,
  pooledPoint,
  type PointAt,
  type ProgramCell,
} from "./program-points";
import { allowsInference, markedProbability, sampleDesignOf } from "./sample-design";
import type { ProgramResults } from "./schema";
import { addTo } from "../shared/group";

type Kind = (typeof WAVE_KINDS)[number];
type Point = ProgramResults["benchmark"][number]["points"][number];

/**
 * The program-wide picture per construct and period (baseline, then each
 * follow-up horizon of the logic model: 2023, 2025, 2027): the pooled figure,
 * and per authority for the roles that may see it. What each role sees is
 * decided here, in one presenter:
 * - admin, researcher: per authority, named;
 * - program viewer: per authority, anonymised (a number in an order that does not
 *   follow names or ids);
 * - authority analyst: the pooled figure of the other authorities only, never
 *   another authority's series.
 * Figures come from the per-wave aggregates (weighted where margins exist); the
 * pooled figure is the evaluation's (server/analytics/pooling.ts), each
 * authority counting equally or by population as `weighting` says. A
 * frequency construct's figures are of its favourable share, as on the
 * dashboards and in the evaluation, never a mean of its codes.
 */
export async function programResults(
  analytics: AnalyticsScope,
  principal: Principal,
  locale: Locale,
  weighting: PoolingWeights = "equal",
  rules: Readonly<ReportingRules> = DEFAULT_REPORTING_RULES,
): Promise<ProgramResults> {
  // Program-wide data: the pooled figure takes in all authorities by design, so no
  // scope here; the per-authority series below are dropped or anonymised by role.
  // The program's authorities only: comparison localities are not in the program.
  const [authorities, aggregates] = await Promise.all([
    Authority.find(
      { programStatus: mongoose.trusted({ $ne: "comparison" }) },
      { slug: 1, name: 1, population: 1, populationSize: 1 },
    ).lean(),
    analytics.aggregates.fresh(),
  ]);
  const members = new Map(authorities.map((a) => [a._id.toHexString(), a]));
  // The waves the aggregates were read with, oldest first.
  const waves = aggregates
    .waves()
    .filter((w) => w.status !== "draft" && members.has(w.authorityId.toHexString()))
    .sort(oldestFirst);
  const marked = await markedProbability(waves.map((w) => w._id));
  const seeNames = principal.role === "admin" || principal.role === "researcher";
  const seeAnonymised = principal.role === "program-viewer";
  // An analyst's own authority is theirs to compare with the pooled figure; the
  // figure beside it leaves it out, or own − all would give the others away.
  const own = scopeFor(principal, "_id")._id?.toHexString();
  // The picture is made from the aggregates and waves and from what this key
  // names: a view with nothing new in the program is handed the one made before.
  const key = JSON.stringify([
    locale,
    weighting,
    rules,
    seeNames,
    seeAnonymised,
    own ?? null,
    [...marked].sort(),
    authorities,
  ]);
  const inputs = { authorities, members, aggregates, waves, marked, seeNames, seeAnonymised };
  const breaks = analytics.seriesBreaks;
  return aggregates.derived("program-view", key, () =>
    programPicture({ ...inputs, own, locale, weighting, rules, breaks }),
  );
}

/** What `programPicture` is made from: the view's inputs, read or worked out by programResults. */
interface PictureInputs {
  authorities: Array<{
    _id: Types.ObjectId;
    slug: string;
    name: Record<Locale, string>;
    population: string;
    populationSize?: number | null;
  }>;
  /** The same authorities, by hex id. */
  members: ReadonlyMap<string, PictureInputs["authorities"][number]>;
  aggregates: Pick<FreshAggregates, "get">;
  waves: readonly ProgramWave[];
  marked: ReadonlySet<string>;
  seeNames: boolean;
  seeAnonymised: boolean;
  own: string | undefined;
  locale: Locale;
  weighting: PoolingWeights;
  rules: Readonly<ReportingRules>;
  /** Comparisons of versions made so far (the app's): not an input of the picture. */
  breaks: SeriesBreaks;
}

/** The program view for one role, locale and rules (see programResults). */
async function programPicture(inputs: PictureInputs): Promise<ProgramResults> {
  const { authorities, members, aggregates, waves, marked, seeNames, seeAnonymised } = inputs;
  const { own, locale, weighting, rules, breaks } = inputs;
  const bridged = await bridgedConstructs(waves, breaks);
  const series = await measureSeries(waves, bridged, locale, breaks);
  const engagement = new Set(
    waves
      .filter(
        (w) =>
          !allowsInference(
            sampleDesignOf(aggregates.get(w._id)?.byChannel ?? {}, marked.has(w._id.toHexString())),
          ),
      )
      .map((w) => w._id.toHexString()),
  );
  // Waves are aligned by period, never by number: a follow-up belongs to the
  // horizon it measures, and an authority's waves of one period are one cell.
  const periodOfWave = (w: ProgramWave) => periodOf(w.kind, w.opensAt);
  const periods: PointAt[] = [
    { kind: "baseline" as const, period: "baseline" },
    ...[...new Set(waves.filter((w) => w.kind === "follow-up").map(periodOfWave))]
      .sort(comparePeriods)
      .map((period) => ({ kind: "follow-up" as const, period })),
  ];

  // What the cells read of each wave (the readings hold these same wave objects),
  // looked up once for every series.
  const periodIndex = new Map(periods.map((at, i) => [at.period, i]));
  const waveFacts = new Map<
    ProgramWave,
    {
      period: number;
      aggregate: ReturnType<typeof aggregates.get>;
      authority: string;
      engagement: boolean;
    }
  >(
    waves.map((w) => [
      w,
      {
        period: periodIndex.get(periodOfWave(w))!,
        aggregate: aggregates.get(w._id),
        authority: w.authorityId.toHexString(),
        engagement: engagement.has(w._id.toHexString()),
      },
    ]),
  );
  /** One series in each period (by index of `periods`): each authority's cell, by hex id. */
  const cellsOf = (s: MeasureSeries) => {
    const byPeriod = periods.map(() => new Map<string, ProgramCell>());
    for (const { wave, arm } of s.readings) {
      const facts = waveFacts.get(wave)!;
      const cells = byPeriod[facts.period]!;
      const m = momentsOfArm(facts.aggregate?.constructs.get(s.id), arm);
      const authority = facts.authority;
      const a = members.get(authority)!;
      const cell = cells.get(authority) ?? {
        authority,
        stratum: a.population,
        population: a.populationSize ?? null,
        moments: emptyMoments(),
        engagement: false,
      };
      mergeInto(cell.moments, s.comparedOn === "share" ? shareMoments(m) : m);
      if (m.n > 0 && facts.engagement) cell.engagement = true;
      cells.set(authority, cell);
    }
    return byPeriod;
  };
  // Every picture below (the pooled figure, each authority's series) reads the
  // same cells: they are gathered once per series, not per period or authority.
  const cellTable = new Map(series.map((s) => [s.key, cellsOf(s)]));
  // The reporting rules read an interval against the series' range: the
  // scale's, or 1 for a favourable share (as the dashboards and the evaluation).
  type Cells = ReadonlyMap<string, ProgramCell>;
  const seriesOf = (pick: (cells: Cells, at: PointAt, range: number) => Point) =>
    series.map(({ readings: _, ...c }) => ({
      ...c,
      points: periods.map((at, i) =>
        pick(
          cellTable.get(c.key)![i]!,
          at,
          c.comparedOn === "share" ? 1 : c.scale.max - c.scale.min,
        ),
      ),
    }));
  const allPooled = (cells: Cells, at: PointAt, range: number) =>
    pooledPoint(at, [...cells.values()], weighting, range, rules);
  const othersPooled = (own: string) => (cells: Cells, at: PointAt, range: number) =>
    othersPoint(at, [...cells.values()], own, weighting, range, rules);
  const oneAuthority = (authorityId: string) => (cells: Cells, at: PointAt, range: number) =>
    authorityPoint(at, cells.get(authorityId), range, rules);

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
  return {
    minCellSize: rules.minCell,
    authorities: authorities.length,
    weighting,
    withoutPopulation: authorities.filter((a) => !(a.populationSize && a.populationSize > 0))
      .length,
    benchmark: seriesOf(own ? othersPooled(own) : allPooled),
    perAuthority,
    own: own ? { constructs: seriesOf(oneAuthority(own)) } : null,
  };
}

type ProgramWave = WaveVersions & {
  _id: Types.ObjectId;
  authorityId: Types.ObjectId;
  kind: Kind;
  opensAt: Date;
};

/** One measure of one construct on the program page, and the wave arms it reads. */
interface MeasureSeries {
  id: string;
  key: string;
  measure: number;
  measures: number;
  name: string;
  scale: { min: number; max: number };
  /** A frequency construct's series is of its favourable share (docs/methods.md, 1). */
  comparedOn: "mean" | "share";
  /** A share's threshold: the lowest answer counted, with its label. */
  favourableFrom: { value: number; label: string } | null;
  readings: Array<{ wave: ProgramWave; arm: Arm | null }>;
}

/**
 * The program page's series: one per construct and measure (server/results/readings.ts):
 * where versions ask a construct with different items (two editions), each
 * measure is a series of its own, never pooled with the other; a bridged
 * wave's arms each go to the series of the wording they answered. A series
 * is of the favourable share when its measure's construct is made only of
 * frequency items (as the evaluation judges it: `frequencyConstructsOf`).
 */
async function measureSeries(
  waves: readonly ProgramWave[],
  bridged: readonly ReadonlySet<string>[],
  locale: Locale,
  breaks: SeriesBreaks,
): Promise<MeasureSeries[]> {
  const definitions = new Map<string, Map<string, ConstructInfo>>();
  const snapshots = new Map<string, InstrumentSnapshot>();
  const askedBy = async (version: Types.ObjectId) => {
    const key = version.toHexString();
    let found = definitions.get(key);
    if (!found) {
      const snapshot = await getSnapshot(version);
      snapshots.set(key, snapshot);
      found = new Map(constructsOf(snapshot).map((c) => [c.id, c]));
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
        addTo(readings, id, { wave, arm, version });
      }
  }
  const out: MeasureSeries[] = [];
  for (const [id, list] of readings) {
    const measureOf = await measuresOf(
      id,
      list.map((r) => r.version),
      breaks,
    );
    const measures = Math.max(...measureOf.values());
    for (let measure = 1; measure <= measures; measure++) {
      const mine = list.filter((r) => measureOf.get(r.version.toHexString()) === measure);
      const first = mine[0]!.version.toHexString();
      const c = definitions.get(first)!.get(id)!;
      const snapshot = snapshots.get(first)!;
      const share = frequencyConstructsOf(snapshot).has(id);
      out.push({
        id,
        key: measures === 1 ? id : `${id}:${measure}`,
        measure,
        measures,
        name: c.name[locale],
        scale: { min: c.scale.min, max: c.scale.max },
        comparedOn: share ? "share" : "mean",
        favourableFrom: share
          ? favourableFromLabel(
              snapshot,
              snapshot.constructs.find((x) => x.id === id)!,
              locale,
            )
          : null,
        readings: mine.map(({ wave, arm }) => ({ wave, arm })),
      });
    }
  }
  return out;
}

function digest(id: string): string {
  return crypto.createHash("sha256").update(`kp-anon|${id}`).digest("hex");
}
