import { shareChange, welchChange, type CellSummary } from "./change";
import { changeLabel, type ChangeLabel } from "./change-label";
import { describe, describeWeighted } from "./descriptives";
import type { ProgramGroup } from "./comparison-input";
import { definitionFor, type ConstructDefinition } from "./construct-definitions";
import { exportDid, type DidRow } from "./export-did";
import { describeFavourable, type Favourable } from "./favourable";
import type { ExportData, ExportResponse } from "./export-input";
import { holm } from "./holm";
import { AnalysisInputError } from "./input-error";
import type { Margin, RakeOptions } from "./raking";
import { weightPipeline } from "./weight-pipeline";
import { DEFAULT_REPORTING_RULES, precisionReason, type PrecisionReason } from "./reporting-rules";
import { DEFAULT_MIN_CELL } from "./suppression";
import { summariseWeights } from "./weights";
// The dashboards' readings rule, called as they call it (docs/methods.md, section 9).
import type { NotCompared } from "../results/changes";
import { comparabilityRule } from "../results/comparability";
import { armFor, type Arm } from "../results/readings";
import { readingFacts } from "./export-readings";

/** One authority × wave × construct cell; statistics are null when suppressed. */
export interface ResultRow {
  authority: string;
  wave: string;
  construct: string;
  /**
   * A bridged wave's arm where its bridge splits the construct: "main" (the
   * new wording, the wave's point) or "bridge" (the old wording, shown
   * beside it); null for the whole wave.
   */
  arm: Arm | null;
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  suppressed: boolean;
  /** Why the cell is withheld (n, effective n, CI width), as the dashboards say it. */
  suppressed_reason: PrecisionReason;
  /** engagement: self-selected answers in an unmarked wave, so no SE, interval or test. */
  design: "engagement" | "inference";
  favourable: Favourable | null;
}

/** Change of one construct from a wave to the next; null when it cannot be shown. */
export interface ChangeRow {
  authority: string;
  construct: string;
  from_wave: string;
  to_wave: string;
  diff: number | null;
  se: number | null;
  df: number | null;
  t: number | null;
  p: number | null;
  d: number | null;
  /** Holm-adjusted over the constructs of the same authority and pair of waves. */
  p_holm: number | null;
  label: ChangeLabel;
  /** Whether it is tested: not across a series break, nor with an engagement wave. */
  comparable: "yes" | NotCompared;
  /** The arms of bridged waves it was tested on, as the dashboards say them. */
  from_arm: "main" | null;
  to_arm: "bridge" | null;
  /**
   * What is compared: the mean score, or (frequency constructs) the favourable
   * share, whose `d` is then Cohen's h (docs/methods.md, 1), as on the dashboards.
   */
  measure: "mean" | "share";
}

/** How the weights of one authority × wave were made. */
export interface WeightingRow {
  authority: string;
  wave: string;
  method: "none" | "export" | "raked";
  n: number;
  deff: number;
  effectiveN: number;
  converged: boolean | null;
  iterations: number | null;
}

/** Everything the analysis of one export yields. */
export interface ExportAnalysis {
  waveOrder: string[];
  results: ResultRow[];
  changes: ChangeRow[];
  weighting: WeightingRow[];
  /** Treated against comparison authorities; empty without a comparison file. */
  did: DidRow[];
}

/** Options of `analyzeExport`. */
export interface AnalyzeOptions {
  minCell?: number;
  /** Widest CI half-width shown, as a share of the scale's range (default 1/8). */
  maxHalfWidthShare?: number;
  /**
   * Waves a researcher marked as probability samples. Any other wave with an
   * open-link or kiosk answer (the export's `channel`) is an engagement sample.
   */
  probabilityWaves?: ReadonlySet<string>;
  /** Population margins per authority; when given, weights are raked to them. */
  margins?: Map<string, Margin[]>;
  raking?: RakeOptions;
  /**
   * Construct definitions (favourable threshold per scale) as the codebook gives
   * them; a construct without one gets no % favourable rather than a guessed one.
   */
  definitions?: ReadonlyMap<string, ConstructDefinition>;
  /** authority → treated / comparison; when given, the analysis adds the DiD rows. */
  comparison?: ReadonlyMap<string, ProgramGroup>;
}

/**
 * Analyses a responses export the way issue 9 defines it: each authority × wave
 * is its own data set (weighted when its rows have weights or margins are
 * given, raked per authority × wave), cells below minCell are suppressed, and
 * each wave is compared with the previous one in the order of first submission.
 * A change touching a suppressed cell is withheld too: with one mean shown, the
 * difference would give the other away. This table has no totals over cells, so
 * complementary suppression has nothing to protect here.
 */
export function analyzeExport(data: ExportData, options: AnalyzeOptions = {}): ExportAnalysis {
  const minCell = options.minCell ?? DEFAULT_MIN_CELL;
  const rules = {
    minCell,
    maxHalfWidthShare: options.maxHalfWidthShare ?? DEFAULT_REPORTING_RULES.maxHalfWidthShare,
  };
  const waveOrder = orderWaves(data.responses);
  const groups = groupBy(data.responses, (r) => r.authority);
  const results: ResultRow[] = [];
  const changes: ChangeRow[] = [];
  const weighting: WeightingRow[] = [];
  const weightOf = new Map<ExportResponse, number>();
  const engagementOf = new Map<ExportResponse, boolean>();
  // A frequency construct is compared on its favourable share, as the dashboards do.
  const shareFromOf = (construct: string) => {
    const d = options.definitions?.get(construct);
    return d?.frequency ? d.favourableFrom : undefined;
  };

  for (const [authority, rows] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const byWave = groupBy(rows, (r) => r.wave);
    const waves = waveOrder.filter((w) => byWave.has(w));
    // The dashboards' readings rule (server/results/readings.ts), from the export's
    // arm and measure columns: which constructs break before each wave, and which
    // each wave's bridge splits into two measures.
    const { breaks, bridged } = readingFacts(waves, byWave);
    const cells = new Map<string, ResultRow>();
    const shareCells = new Map<string, CellSummary | null>();
    const engagementWaves = new Set<string>();
    for (const [i, wave] of waves.entries()) {
      const waveRows = byWave.get(wave)!;
      const { weights, summary } = weightsFor(authority, wave, waveRows, data, options);
      weighting.push(summary);
      waveRows.forEach((r, k) => weightOf.set(r, weights ? weights[k]! : 1));
      const engagement = isEngagement(wave, waveRows, options.probabilityWaves);
      if (engagement) engagementWaves.add(wave);
      for (const r of waveRows) engagementOf.set(r, engagement);
      for (const construct of data.constructs) {
        // A bridged wave's point is its new wording's arm, its old one's shown beside it.
        const arms: Array<Arm | null> = bridged[i]!.has(construct)
          ? [armFor(true, "point"), "bridge"]
          : [null];
        for (const arm of arms) {
          const armRows = arm ? waveRows.filter((r) => r.arm === arm) : waveRows;
          const armWeights = weights
            ? waveRows.flatMap((r, k) => (r.arm === arm || !arm ? [weights[k]!] : []))
            : null;
          // Judged by the edition these rows answered (construct-definitions.ts).
          const definition = definitionFor(options.definitions?.get(construct), armRows);
          const cell = describeCell(armRows, armWeights, construct, rules, definition, engagement);
          const key = cellKeyOf(wave, construct, arm);
          cells.set(key, { authority, wave, construct, arm, ...cell });
          results.push(cells.get(key)!);
          const from = definition?.frequency ? definition.favourableFrom : undefined;
          if (from !== undefined)
            shareCells.set(key, shareCell(armRows, armWeights, construct, from, rules));
        }
      }
    }
    // No test across a series break, nor with an engagement wave: the dashboards' rule.
    const notCompared = comparabilityRule(
      waves,
      breaks,
      (w) => (engagementWaves.has(w) ? "engagement" : "list"),
      bridged,
    );
    for (let i = 1; i < waves.length; i++) {
      const [fromWave, toWave] = [waves[i - 1]!, waves[i]!];
      const pair = data.constructs.map((construct) => {
        const fromArm = armFor(bridged[i - 1]!.has(construct), "from");
        const toArm = armFor(bridged[i]!.has(construct), "to");
        const a = cellKeyOf(fromWave, construct, fromArm);
        const b = cellKeyOf(toWave, construct, toArm);
        const shares =
          shareFromOf(construct) === undefined
            ? undefined
            : ([shareCells.get(a)!, shareCells.get(b)!] as const);
        const change = compare(
          cells.get(a)!,
          cells.get(b)!,
          notCompared(construct, fromWave, toWave),
          shares,
        );
        if (change.comparable === "yes") {
          change.from_arm = fromArm === "main" ? fromArm : null;
          change.to_arm = toArm === "bridge" ? toArm : null;
        }
        return change;
      });
      const adjusted = holm(pair.map((c) => c.p));
      pair.forEach((c, k) => {
        if (c.comparable !== "yes") return;
        c.p_holm = adjusted[k]!;
        c.label = changeLabel(c.p_holm === null ? null : { d: c.d, p: c.p_holm });
      });
      changes.push(...pair);
    }
  }
  const did = options.comparison
    ? exportDid(data, waveOrder, options.comparison, (r) => weightOf.get(r)!, {
        ...rules,
        rangeOf: (construct) => options.definitions?.get(construct)?.range,
        shareFrom: shareFromOf,
        engagementOf: (r) => engagementOf.get(r)!,
      })
    : [];
  return { waveOrder, results, changes, weighting, did };
}

/** Waves by their first submission; ties (same instant) by name, for stable output. */
function orderWaves(responses: readonly ExportResponse[]): string[] {
  const first = new Map<string, number>();
  for (const r of responses)
    first.set(r.wave, Math.min(first.get(r.wave) ?? Infinity, r.submittedAt));
  return [...first].sort(([a, x], [b, y]) => x - y || a.localeCompare(b)).map(([w]) => w);
}

function weightsFor(
  authority: string,
  wave: string,
  rows: readonly ExportResponse[],
  data: ExportData,
  options: AnalyzeOptions,
): { weights: number[] | null; summary: WeightingRow } {
  const base = { authority, wave, n: rows.length };
  if (options.margins) {
    const margins = options.margins.get(authority);
    if (!margins)
      throw new AnalysisInputError(`margins file has no rows for authority "${authority}"`);
    for (const m of margins)
      if (!(m.variable in rows[0]!.raw))
        throw new AnalysisInputError(
          `margin variable "${m.variable}" is not a column of the responses`,
        );
    // The dashboards' pipeline: rake, then trim to 5 × the median and re-rake. A fit
    // that fails (no convergence, an empty cell) is an error, never unweighted output.
    const raked = weightPipeline({
      rows: rows.map((r) => r.raw),
      margins,
      tolerance: options.raking?.tolerance,
      maxIterations: options.raking?.maxIterations,
    });
    const { deff, effectiveN, iterations } = raked;
    const summary = {
      ...base,
      method: "raked",
      deff,
      effectiveN,
      converged: true,
      iterations,
    } as const;
    return { weights: raked.weights, summary };
  }
  const given = rows.filter((r) => r.weight !== null).length;
  if (given > 0 && given < rows.length)
    throw new AnalysisInputError(
      `${authority} / ${wave}: ${rows.length - given} of ${rows.length} rows have no weight; a wave is weighted whole or not at all`,
    );
  if (given > 0) {
    const weights = rows.map((r) => r.weight!);
    const { deff, effectiveN } = summariseWeights(weights);
    const summary = {
      ...base,
      method: "export",
      deff,
      effectiveN,
      converged: null,
      iterations: null,
    } as const;
    return { weights, summary };
  }
  const summary = {
    ...base,
    method: "none",
    deff: 1,
    effectiveN: rows.length,
    converged: null,
    iterations: null,
  } as const;
  return { weights: null, summary };
}

/** Self-selected channels: anyone who finds the link or passes the kiosk answers. */
const SELF_SELECTED = new Set(["open-link", "kiosk"]);

/** The dashboards' rule (results/sample-design.ts) on an export's `channel` column. */
function isEngagement(
  wave: string,
  rows: readonly ExportResponse[],
  probability: ReadonlySet<string> | undefined,
): boolean {
  if (probability?.has(wave)) return false;
  return rows.some((r) => SELF_SELECTED.has((r.raw.channel ?? "").trim()));
}

function describeCell(
  rows: readonly ExportResponse[],
  weights: readonly number[] | null,
  construct: string,
  rules: { minCell: number; maxHalfWidthShare: number },
  definition: ConstructDefinition | undefined,
  engagement: boolean,
): Omit<ResultRow, "authority" | "wave" | "construct" | "arm"> {
  const favourableFrom = definition?.favourableFrom ?? null;
  const design = engagement ? ("engagement" as const) : ("inference" as const);
  const values: number[] = [];
  const w: number[] = [];
  rows.forEach((r, i) => {
    const v = r.scores.get(construct);
    if (v === undefined) return;
    values.push(v);
    w.push(weights ? weights[i]! : 1);
  });
  const n = values.length;
  const withheld = (reason: PrecisionReason) => ({
    n,
    mean: null,
    sd: null,
    se: null,
    ci_low: null,
    ci_high: null,
    suppressed: true,
    suppressed_reason: reason ?? ("imprecise" as const),
    design,
    favourable: null,
  });
  if (n === 0) return withheld("small");
  const d = n < rules.minCell ? null : weights ? describeWeighted(values, w) : describe(values);
  // The dashboards' rule: n, effective n, then the CI half-width against the scale's
  // range (a construct the bank does not know is held to n and effective n only).
  const reason = precisionReason(
    {
      n,
      effectiveN: summariseWeights(w).effectiveN,
      ciLow: d?.ciLow ?? null,
      ciHigh: d?.ciHigh ?? null,
    },
    definition?.range ?? Infinity,
    rules,
  );
  if (!d || d.mean === null || reason) return withheld(reason);
  const favourable =
    favourableFrom === null
      ? null
      : describeFavourable(values, weights ? w : undefined, { threshold: favourableFrom });
  return {
    n,
    mean: d.mean,
    sd: d.sd,
    se: engagement ? null : d.se,
    ci_low: engagement ? null : d.ciLow,
    ci_high: engagement ? null : d.ciHigh,
    suppressed: false,
    suppressed_reason: null,
    design,
    favourable:
      favourable && engagement
        ? { ...favourable, se: null, ciLow: null, ciHigh: null }
        : favourable,
  };
}

/**
 * The cell of a frequency construct's favourable indicator z (score ≥ from) in
 * one wave, for its change test: R's `svymean(~z)` (a weighted mean of 0/1),
 * withheld (null) by the dashboards' rules with a share's range of 1.
 */
function shareCell(
  rows: readonly ExportResponse[],
  weights: readonly number[] | null,
  construct: string,
  from: number,
  rules: { minCell: number; maxHalfWidthShare: number },
): CellSummary | null {
  const z: number[] = [];
  const w: number[] = [];
  rows.forEach((r, i) => {
    const v = r.scores.get(construct);
    if (v === undefined) return;
    z.push(v >= from ? 1 : 0);
    w.push(weights ? weights[i]! : 1);
  });
  const n = z.length;
  if (n < rules.minCell) return null;
  const d = weights ? describeWeighted(z, w) : describe(z);
  const reason = precisionReason(
    { n, effectiveN: summariseWeights(w).effectiveN, ciLow: d.ciLow, ciHigh: d.ciHigh },
    1,
    rules,
  );
  if (reason || d.mean === null || d.sd === null || d.se === null) return null;
  return { n, mean: d.mean, sd: d.sd, se: d.se };
}

/**
 * The change of one construct between two waves: of its mean, or, given the
 * waves' share cells (a frequency construct), of its favourable share.
 */
function compare(
  from: ResultRow,
  to: ResultRow,
  notCompared: NotCompared | null,
  shares?: readonly [CellSummary | null, CellSummary | null],
): ChangeRow {
  const base = {
    authority: from.authority,
    construct: from.construct,
    from_wave: from.wave,
    to_wave: to.wave,
    measure: shares ? ("share" as const) : ("mean" as const),
    comparable: notCompared ?? ("yes" as const),
    from_arm: null,
    to_arm: null,
  };
  if (notCompared)
    return {
      ...base,
      diff: null,
      se: null,
      df: null,
      t: null,
      p: null,
      d: null,
      p_holm: null,
      // The dashboards' words: not comparable across a break, engagement-only otherwise.
      label: {
        key: notCompared === "seriesBreak" ? "change.notComparable" : "change.engagementOnly",
        params: {},
      },
    };
  const summary = (c: ResultRow) =>
    c.suppressed || c.mean === null || c.sd === null || c.se === null
      ? null
      : { n: c.n, mean: c.mean, sd: c.sd, se: c.se };
  const [a, b] = shares ?? [summary(from), summary(to)];
  const test = a && b ? (shares ? shareChange(a, b) : welchChange(a, b)) : null;
  return {
    ...base,
    diff: test?.diff ?? null,
    se: test?.se ?? null,
    df: test?.df ?? null,
    t: test?.t ?? null,
    p: test?.p ?? null,
    d: test?.d ?? null,
    p_holm: null,
    label: changeLabel(null),
  };
}

/** The key of a cell of one wave, construct and arm (null: the whole wave). */
const cellKeyOf = (wave: string, construct: string, arm: Arm | null) =>
  `${wave}\u0000${construct}\u0000${arm ?? ""}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k) ?? [];
    list.push(item);
    map.set(k, list);
  }
  return map;
}
