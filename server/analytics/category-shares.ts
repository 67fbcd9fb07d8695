import { t975 } from "./t-distribution";

/**
 * Sufficient statistics of one item's answers in one cell: enough for the
 * weighted share of every answer category with its design-based SE (the same
 * as R's svymean on a factor). Cells pool by adding their parts.
 */
export interface CategoryTally {
  /** Valid answers (a scale point; "don't know" and skips are not counted). */
  n: number;
  sw: number;
  sw2: number;
  /** Per answer value: count, Σw and Σw² of those who chose it. */
  byValue: Record<string, { n: number; sw: number; sw2: number }>;
}

/** One answer category as reported. */
export interface CategoryShare {
  value: number;
  /** Respondents who chose it (unweighted). */
  n: number;
  /** Weighted share of valid answers, 0..1. */
  share: number;
  se: number;
  /** 95% logit interval; null when nobody or everybody chose it (no interval on logit). */
  ciLow: number | null;
  ciHigh: number | null;
}

/** A tally with no answers. */
export function emptyTally(): CategoryTally {
  return { n: 0, sw: 0, sw2: 0, byValue: {} };
}

/** Adds one valid answer of weight w to a tally, in place. */
export function addAnswer(t: CategoryTally, value: number, w: number): void {
  const key = String(value);
  const c = (t.byValue[key] ??= { n: 0, sw: 0, sw2: 0 });
  t.n += 1;
  t.sw += w;
  t.sw2 += w * w;
  c.n += 1;
  c.sw += w;
  c.sw2 += w * w;
}

/** Adds tally b into a, in place: pooling two sets of answers. */
export function mergeTally(a: CategoryTally, b: CategoryTally): void {
  a.n += b.n;
  a.sw += b.sw;
  a.sw2 += b.sw2;
  for (const [key, c] of Object.entries(b.byValue)) {
    const into = (a.byValue[key] ??= { n: 0, sw: 0, sw2: 0 });
    into.n += c.n;
    into.sw += c.sw;
    into.sw2 += c.sw2;
  }
}

/**
 * Counts (sign +1) or takes back (sign −1) one unweighted answer: the form a
 * raking cell keeps, where every member of the cell later gets the same weight.
 */
export function countAnswer(t: CategoryTally, value: number, sign: 1 | -1): void {
  const key = String(value);
  const c = (t.byValue[key] ??= { n: 0, sw: 0, sw2: 0 });
  t.n += sign;
  t.sw += sign;
  t.sw2 += sign;
  c.n += sign;
  c.sw += sign;
  c.sw2 += sign;
}

/**
 * Adds the unweighted counts of one raking cell into a tally with the cell's
 * weight w, in place: each of its answers counts w in Σw and w² in Σw².
 */
export function addCellCounts(into: CategoryTally, counts: CategoryTally, w: number): void {
  const add = (a: { n: number; sw: number; sw2: number }, n: number) => {
    a.n += n;
    a.sw += n * w;
    a.sw2 += n * w * w;
  };
  add(into, counts.n);
  for (const [key, c] of Object.entries(counts.byValue))
    if (c.n !== 0) add((into.byValue[key] ??= { n: 0, sw: 0, sw2: 0 }), c.n);
}

const expit = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * The share of each of `values` among the valid answers of a tally, with the
 * definitions of R's survey package for a design with weights and no clusters:
 * share p = Σw·z / Σw (z = chose the category); SE² = n/(n−1)·Σw²(z−p)²/(Σw)²
 * (svymean's linearisation); the 95% interval is svyciprop's default "logit"
 * method, expit(logit p ± t(0.975, n−1)·SE / (p(1−p))), which stays inside 0..1
 * where a Wald interval on a small share would not. Empty below two answers.
 */
export function sharesOf(t: CategoryTally, values: readonly number[]): CategoryShare[] {
  if (t.n < 2 || !(t.sw > 0)) return [];
  const c = t.n / (t.n - 1);
  const q = t975(t.n - 1);
  return values.map((value) => {
    const cell = t.byValue[String(value)] ?? { n: 0, sw: 0, sw2: 0 };
    const p = cell.sw / t.sw;
    // Σw²(z−p)² = Σw²z·(1−2p) + p²Σw², since z² = z.
    const lin = cell.sw2 * (1 - 2 * p) + p * p * t.sw2;
    const se = Math.sqrt((c * Math.max(lin, 0)) / (t.sw * t.sw));
    if (!(p > 0 && p < 1) || !(se > 0))
      return { value, n: cell.n, share: p, se, ciLow: null, ciHigh: null };
    const logit = Math.log(p / (1 - p));
    const half = (q * se) / (p * (1 - p));
    return {
      value,
      n: cell.n,
      share: p,
      se,
      ciLow: expit(logit - half),
      ciHigh: expit(logit + half),
    };
  });
}
