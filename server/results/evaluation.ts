import mongoose from "mongoose";
import { Authority } from "../authorities/model";
import { didFromCells, type DidCell } from "../analytics/did";
import { comparePeriods, periodOf } from "../analytics/periods";
import { pooledMean, type PoolingCell, type PoolingWeights } from "../analytics/pooling";
import { t975 } from "../analytics/t-distribution";
import type { Locale } from "../shared/locales";
import { getSnapshot } from "../instruments/service";
import { constructsOf } from "../surveys/scoring";
import { Wave } from "../waves/model";
import { freshAggregates } from "./aggregate-cache";
import type { Evaluation } from "./evaluation-schema";
import { primaryOutcomes } from "./primary-outcomes";

/** A pooled figure is shown only when this many authorities contribute, as the benchmark. */
const MIN_POOLED_AUTHORITIES = 3;
const GROUPS = ["jewish", "arab", "mixed"] as const;

interface Sums {
  n: number;
  sw: number;
  swy: number;
}

/**
 * The program evaluation: difference in differences of treated against
 * comparison authorities per construct and pair of periods (baseline, 2023,
 * 2025, 2027), and the pooled program figure of treated authorities per
 * construct and period, overall (stratified by population group) and per group.
 * Waves are aligned by period, an authority's waves in one period pooled; the
 * figures come from the same per-wave aggregates as the dashboards (weighted
 * where margins exist) and the same functions as `npm run analyze`.
 */
export async function programEvaluation(
  locale: Locale,
  weighting: PoolingWeights = "equal",
): Promise<Evaluation> {
  const [authorities, waves, aggregates, registered] = await Promise.all([
    Authority.find({}).lean(),
    Wave.find(
      { status: mongoose.trusted({ $ne: "draft" }) },
      { authorityId: 1, kind: 1, opensAt: 1, instrumentVersionId: 1 },
    ).lean(),
    freshAggregates(),
    primaryOutcomes(),
  ]);
  const info = new Map(authorities.map((a) => [a._id.toHexString(), a]));
  const constructs = new Map<string, Evaluation["constructs"][number]>();
  for (const id of new Set(waves.map((w) => w.instrumentVersionId.toHexString())))
    for (const c of constructsOf(await getSnapshot(new mongoose.Types.ObjectId(id))))
      constructs.set(c.id, { id: c.id, name: c.name[locale], scale: c.scale });

  // construct → authority → period → sums
  const sums = new Map<string, Map<string, Map<string, Sums>>>();
  const periods = new Set<string>();
  for (const w of waves) {
    const period = periodOf(w.kind, w.opensAt);
    const authority = w.authorityId.toHexString();
    for (const [constructId, agg] of aggregates.get(w._id)?.constructs ?? []) {
      const m = agg.total;
      if (m.n === 0) continue;
      periods.add(period);
      const byAuthority = sums.get(constructId) ?? new Map<string, Map<string, Sums>>();
      sums.set(constructId, byAuthority);
      const byPeriod = byAuthority.get(authority) ?? new Map<string, Sums>();
      byAuthority.set(authority, byPeriod);
      const s = byPeriod.get(period) ?? { n: 0, sw: 0, swy: 0 };
      byPeriod.set(period, { n: s.n + m.n, sw: s.sw + m.sw, swy: s.swy + m.swy });
    }
  }
  const ordered = [...periods].sort(comparePeriods);
  const isComparison = (a: string) => info.get(a)?.programStatus === "comparison";
  const comparisonCount = authorities.filter((a) => a.programStatus === "comparison").length;
  const primary = new Set(registered.constructIds);

  const did: Evaluation["did"] = [];
  if (comparisonCount > 0)
    for (const constructId of constructs.keys())
      for (let i = 0; i < ordered.length; i++)
        for (let j = i + 1; j < ordered.length; j++) {
          const cells: DidCell[] = [];
          for (const [authority, byPeriod] of sums.get(constructId) ?? [])
            for (const [k, later] of [
              [i, false],
              [j, true],
            ] as const) {
              const s = byPeriod.get(ordered[k]!);
              if (s)
                cells.push({ cluster: authority, treated: !isComparison(authority), later, ...s });
            }
          const d = didFromCells(cells);
          const half = d ? t975(d.df) * d.se : null;
          did.push({
            constructId,
            from: ordered[i]!,
            to: ordered[j]!,
            estimate: d?.estimate ?? null,
            se: d?.se ?? null,
            df: d?.df ?? null,
            t: d?.t ?? null,
            p: d?.p ?? null,
            ciLow: d && half !== null ? d.estimate - half : null,
            ciHigh: d && half !== null ? d.estimate + half : null,
            treatedAuthorities: d?.clusters.treated ?? 0,
            comparisonAuthorities: d?.clusters.comparison ?? 0,
            primary: primary.has(constructId),
          });
        }

  const rows: Evaluation["pooling"]["rows"] = [];
  for (const constructId of constructs.keys())
    for (const period of ordered) {
      const cells: PoolingCell[] = [];
      for (const [authority, byPeriod] of sums.get(constructId) ?? []) {
        const s = byPeriod.get(period);
        const a = info.get(authority);
        // Comparison localities are never part of the program's figure.
        if (!s || !a || isComparison(authority)) continue;
        cells.push({
          authority,
          stratum: a.population,
          population: a.populationSize ?? null,
          ...s,
        });
      }
      for (const group of ["all", ...GROUPS] as const) {
        const part = group === "all" ? cells : cells.filter((c) => c.stratum === group);
        const p = pooledMean(part, weighting);
        const shown = p !== null && p.authorities >= MIN_POOLED_AUTHORITIES;
        rows.push({
          constructId,
          period,
          group,
          shown,
          authorities: p?.authorities ?? 0,
          n: shown ? p.n : null,
          mean: shown ? p.mean : null,
          se: shown ? p.se : null,
          df: shown ? p.df : null,
          ciLow: shown ? p.ciLow : null,
          ciHigh: shown ? p.ciHigh : null,
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
