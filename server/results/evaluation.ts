import mongoose from "mongoose";
import { Authority } from "../authorities/model";
import { didFromCells, type DidCell } from "../analytics/did";
import { comparePeriods, periodOf } from "../analytics/periods";
import { pooledMean, type PoolingCell, type PoolingWeights } from "../analytics/pooling";
import { precisionReason, type ReportingRules } from "../analytics/reporting-rules";
import { t975 } from "../analytics/t-distribution";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { frequencyConstructsOf } from "../analytics/frequency-items";
import { constructsOf } from "../surveys/scoring";
import { Wave } from "../waves/model";
import type { AnalyticsScope } from "./analytics-scope";
import { bridgedConstructs } from "./bridge-arms";
import { armFor, measuresOf, momentsOfArm, versionOfArm, type Side } from "./readings";
import type { Evaluation } from "./evaluation-schema";
import { primaryOutcomes } from "./primary-outcomes";
import { allowsInference, markedProbability, sampleDesignOf } from "./sample-design";

/** A pooled figure is shown only when this many authorities contribute, as the benchmark. */
const MIN_POOLED_AUTHORITIES = 3;
const GROUPS = ["jewish", "arab", "mixed"] as const;

interface Sums {
  n: number;
  sw: number;
  swy: number;
  sw2: number;
  /** Some wave of the cell is an engagement sample (self-selected, not marked). */
  engagement: boolean;
}

/** Kish's effective n of a cell, (Σw)² / Σw². */
const effectiveN = (s: { sw: number; sw2: number }) => (s.sw2 > 0 ? (s.sw * s.sw) / s.sw2 : 0);

/**
 * The program evaluation: difference in differences of treated against
 * comparison authorities per construct and pair of periods (baseline, 2023,
 * 2025, 2027), and the pooled program figure of treated authorities per
 * construct and period, overall (stratified by population group) and per group.
 * Waves are aligned by period, an authority's waves in one period pooled; the
 * figures come from the same per-wave aggregates as the dashboards (weighted
 * where margins exist) and the same functions as `npm run analyze`.
 *
 * The reporting rules hold here as on the dashboards: an authority's cell in a
 * period with n or effective n below the minimum is left out (as from the
 * benchmark); a figure that involves an engagement wave keeps its estimate
 * but gets no SE, interval, df or p (`engagement`); and one whose 95% interval
 * is wider than the configured share of the scale is withheld (`imprecise`).
 */
export async function programEvaluation(
  analytics: AnalyticsScope,
  locale: Locale,
  weighting: PoolingWeights,
  rules: Readonly<ReportingRules>,
): Promise<Evaluation> {
  const [authorities, waves, aggregates, registered] = await Promise.all([
    Authority.find({}).lean(),
    Wave.find(
      { status: mongoose.trusted({ $ne: "draft" }) },
      { authorityId: 1, kind: 1, opensAt: 1, instrumentVersionId: 1, bridge: 1 },
    ).lean(),
    analytics.aggregates.fresh(),
    primaryOutcomes(),
  ]);
  const marked = await markedProbability(waves.map((w) => w._id));
  const info = new Map(authorities.map((a) => [a._id.toHexString(), a]));
  const constructs = new Map<string, Evaluation["constructs"][number]>();
  // Frequency constructs are evaluated on their favourable share, never their codes' mean.
  const shares = new Set<string>();
  for (const id of new Set(waves.map((w) => w.instrumentVersionId.toHexString()))) {
    const snapshot = await getSnapshot(new mongoose.Types.ObjectId(id));
    for (const c of constructsOf(snapshot))
      constructs.set(c.id, { id: c.id, name: c.name[locale], scale: c.scale });
    for (const c of frequencyConstructsOf(snapshot)) shares.add(c);
  }
  const measureOf = (constructId: string) => (shares.has(constructId) ? "share" : "mean");

  // A bridged wave is read by the one rule (server/results/readings.ts): a
  // change into it on its old wording's arm, a point or a change out of it on the new.
  const bridged = await bridgedConstructs(waves, analytics.seriesBreaks);
  const periods = new Set<string>();
  /** construct → authority → period → sums, each wave read as `side` of a figure. */
  /** construct → "authority period" → the versions its readings answered. */
  const askedOn = new Map<Side, Map<string, Map<string, Set<string>>>>();
  const sumsAs = (side: Side) => {
    const sums = new Map<string, Map<string, Map<string, Sums>>>();
    const versions = new Map<string, Map<string, Set<string>>>();
    askedOn.set(side, versions);
    for (const [i, w] of waves.entries()) {
      const period = periodOf(w.kind, w.opensAt);
      const authority = w.authorityId.toHexString();
      const aggregate = aggregates.get(w._id);
      const engagement = !allowsInference(
        sampleDesignOf(aggregate?.byChannel ?? {}, marked.has(w._id.toHexString())),
      );
      for (const [constructId, agg] of aggregate?.constructs ?? []) {
        const arm = armFor(bridged[i]!.has(constructId), side);
        const m = momentsOfArm(agg, arm);
        if (m.n === 0) continue;
        periods.add(period);
        const byCell = versions.get(constructId) ?? new Map<string, Set<string>>();
        versions.set(constructId, byCell);
        const cell = `${authority} ${period}`;
        byCell.set(cell, (byCell.get(cell) ?? new Set()).add(versionOfArm(w, arm).toHexString()));
        const byAuthority = sums.get(constructId) ?? new Map<string, Map<string, Sums>>();
        sums.set(constructId, byAuthority);
        const byPeriod = byAuthority.get(authority) ?? new Map<string, Sums>();
        byAuthority.set(authority, byPeriod);
        const s = byPeriod.get(period) ?? { n: 0, sw: 0, swy: 0, sw2: 0, engagement: false };
        byPeriod.set(period, {
          n: s.n + m.n,
          sw: s.sw + m.sw,
          swy: s.swy + (shares.has(constructId) ? m.swz : m.swy),
          sw2: s.sw2 + m.sw2,
          engagement: s.engagement || engagement,
        });
      }
    }
    return sums;
  };
  // A point (pooling) and the earlier side of a change read the same arm.
  const sums = sumsAs("from");
  const sumsLater = sumsAs("to");
  // An authority's change across a series break (its cells of the two
  // periods asked the construct as different measures) stands in no DiD.
  const versionsOf = new Map<string, Set<string>>();
  for (const side of askedOn.values())
    for (const [constructId, byCell] of side)
      for (const v of byCell.values())
        versionsOf.set(constructId, new Set([...(versionsOf.get(constructId) ?? []), ...v]));
  const measureOfVersion = new Map<string, Map<string, number>>();
  for (const [constructId, vs] of versionsOf)
    measureOfVersion.set(
      constructId,
      await measuresOf(
        constructId,
        [...vs].map((v) => new mongoose.Types.ObjectId(v)),
        analytics.seriesBreaks,
      ),
    );
  const oneMeasure = (constructId: string, authority: string, from: string, to: string) => {
    const measures = new Set<number>();
    for (const [side, period] of [
      ["from", from],
      ["to", to],
    ] as const)
      for (const v of askedOn.get(side)!.get(constructId)?.get(`${authority} ${period}`) ?? [])
        measures.add(measureOfVersion.get(constructId)!.get(v)!);
    return measures.size <= 1;
  };
  // An authority's cell too small to show (n or effective n) stands in no figure.
  const large = (s: Sums | undefined): s is Sums =>
    s !== undefined && s.n >= rules.minCell && effectiveN(s) >= rules.minCell;
  const rangeOf = (constructId: string) => {
    if (shares.has(constructId)) return 1;
    const scale = constructs.get(constructId)!.scale;
    return scale.max - scale.min;
  };
  const ordered = [...periods].sort(comparePeriods);
  const isComparison = (a: string) => info.get(a)?.programStatus === "comparison";
  const comparisonCount = authorities.filter((a) => a.programStatus === "comparison").length;
  const primary = new Set(registered.constructIds);

  const did: Evaluation["did"] = [];
  if (comparisonCount > 0)
    for (const constructId of constructs.keys())
      for (let i = 0; i < ordered.length; i++)
        for (let j = i + 1; j < ordered.length; j++) {
          const cells: Array<DidCell & { engagement: boolean }> = [];
          const authorities = new Set([
            ...(sums.get(constructId)?.keys() ?? []),
            ...(sumsLater.get(constructId)?.keys() ?? []),
          ]);
          for (const authority of authorities) {
            if (!oneMeasure(constructId, authority, ordered[i]!, ordered[j]!)) continue;
            for (const [k, later] of [
              [i, false],
              [j, true],
            ] as const) {
              const s = (later ? sumsLater : sums)
                .get(constructId)
                ?.get(authority)
                ?.get(ordered[k]!);
              if (large(s))
                cells.push({ cluster: authority, treated: !isComparison(authority), later, ...s });
            }
          }
          const d = didFromCells(cells);
          const engagement = cells.some((c) => c.engagement);
          const half = d ? t975(d.df) * d.se : null;
          const ci = d && half !== null ? [d.estimate - half, d.estimate + half] : null;
          const reason =
            d && ci && !engagement && half! > rules.maxHalfWidthShare * rangeOf(constructId)
              ? ("imprecise" as const)
              : null;
          const show = d !== null && reason === null;
          const infer = show && !engagement;
          did.push({
            constructId,
            from: ordered[i]!,
            to: ordered[j]!,
            estimate: show ? d.estimate : null,
            se: infer ? d.se : null,
            df: infer ? d.df : null,
            t: infer ? d.t : null,
            p: infer ? d.p : null,
            ciLow: infer && ci ? ci[0]! : null,
            ciHigh: infer && ci ? ci[1]! : null,
            engagement,
            suppressedReason: reason,
            treatedAuthorities: d?.clusters.treated ?? 0,
            comparisonAuthorities: d?.clusters.comparison ?? 0,
            primary: primary.has(constructId),
            measure: measureOf(constructId),
          });
        }

  const rows: Evaluation["pooling"]["rows"] = [];
  for (const constructId of constructs.keys())
    for (const period of ordered) {
      const cells: Array<PoolingCell & { engagement: boolean; series: number }> = [];
      for (const [authority, byPeriod] of sums.get(constructId) ?? []) {
        const s = byPeriod.get(period);
        const a = info.get(authority);
        // Comparison localities are never part of the program's figure.
        if (!large(s) || !a || isComparison(authority)) continue;
        // Pooled per measure; a cell of two measures (two editions in one period) in none.
        const series = new Set(
          [...(askedOn.get("from")!.get(constructId)?.get(`${authority} ${period}`) ?? [])].map(
            (v) => measureOfVersion.get(constructId)!.get(v)!,
          ),
        );
        if (series.size !== 1) continue;
        cells.push({
          authority,
          stratum: a.population,
          population: a.populationSize ?? null,
          ...s,
          series: [...series][0]!,
        });
      }
      const seriesList = [...new Set(cells.map((c) => c.series))].sort((x, y) => x - y);
      if (seriesList.length === 0) seriesList.push(1);
      for (const series of seriesList)
        for (const group of ["all", ...GROUPS] as const) {
          const inSeries = cells.filter((c) => c.series === series);
          const part = group === "all" ? inSeries : inSeries.filter((c) => c.stratum === group);
          const p = pooledMean(part, weighting);
          const engagement = part.some((c) => c.engagement);
          const reason =
            p && !engagement
              ? precisionReason(
                  { n: p.n, effectiveN: Infinity, ciLow: p.ciLow, ciHigh: p.ciHigh },
                  rangeOf(constructId),
                  rules,
                )
              : null;
          const shown = p !== null && p.authorities >= MIN_POOLED_AUTHORITIES && reason === null;
          const infer = shown && !engagement;
          rows.push({
            constructId,
            period,
            group,
            series,
            shown,
            authorities: p?.authorities ?? 0,
            n: shown ? p.n : null,
            mean: shown ? p.mean : null,
            se: infer ? p.se : null,
            df: infer ? p.df : null,
            ciLow: infer ? p.ciLow : null,
            ciHigh: infer ? p.ciHigh : null,
            engagement,
            suppressedReason: p && p.authorities >= MIN_POOLED_AUTHORITIES ? reason : null,
            measure: measureOf(constructId),
          });
        }
    }

  return {
    constructs: [...constructs.values()],
    periods: ordered,
    comparisonAuthorities: comparisonCount,
    treatedAuthorities: authorities.length - comparisonCount,
    did,
    pooling: { weighting, rows },
    primaryOutcomes: registered,
  };
}
