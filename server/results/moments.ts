import { wilson } from "../analytics/favourable";
import { t975 } from "../analytics/t-distribution";

/**
 * Sufficient statistics of one cell of (weighted) scores: enough to give the
 * same mean, SD, SE, CI and % favourable as the engine's describeWeighted and
 * describeFavourable, and to pool cells (a benchmark is the sum of its parts).
 * z is the favourable indicator (score ≥ the construct's threshold).
 * Unweighted cells are weight 1 throughout.
 */
export interface Moments {
  n: number;
  sw: number;
  swy: number;
  swy2: number;
  sw2: number;
  sw2y: number;
  sw2y2: number;
  swz: number;
  sw2z: number;
}

/** A cell with no values. */
export function emptyMoments(): Moments {
  return { n: 0, sw: 0, swy: 0, swy2: 0, sw2: 0, sw2y: 0, sw2y2: 0, swz: 0, sw2z: 0 };
}

/** Adds one value y of weight w (favourable or not) to a cell, in place. */
export function addValue(m: Moments, y: number, w: number, favourable: boolean): void {
  const w2 = w * w;
  m.n += 1;
  m.sw += w;
  m.swy += w * y;
  m.swy2 += w * y * y;
  m.sw2 += w2;
  m.sw2y += w2 * y;
  m.sw2y2 += w2 * y * y;
  if (favourable) {
    m.swz += w;
    m.sw2z += w2;
  }
}

/** Adds cell b into a, in place: pooling two sets of responses. */
export function mergeInto(a: Moments, b: Moments): void {
  a.n += b.n;
  a.sw += b.sw;
  a.swy += b.swy;
  a.swy2 += b.swy2;
  a.sw2 += b.sw2;
  a.sw2y += b.sw2y;
  a.sw2y2 += b.sw2y2;
  a.swz += b.swz;
  a.sw2z += b.sw2z;
}

/** The statistics of one cell, as the results service presents them. */
export interface CellStats {
  n: number;
  mean: number | null;
  sd: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  favourable: number | null;
  favourableLow: number | null;
  favourableHigh: number | null;
}

const clampVar = (x: number) => (x > 0 ? x : 0);

/**
 * The engine's definitions on sufficient statistics (see describeWeighted and
 * describeFavourable): mean = Σwy/Σw; SE² = n/(n−1)·Σw²(y−ȳ)²/(Σw)²;
 * SD² = n/(n−1)·Σw(y−ȳ)²/Σw; CI = mean ± t(0.975, n−1)·SE; % favourable is the
 * weighted share of z with Wilson's interval on Kish's effective n. The squares
 * are expanded (Σw²(y−ȳ)² = Σw²y² − 2ȳΣw²y + ȳ²Σw²); on scores of a few points
 * and cells of thousands that loses nothing a reader could see (tests hold it
 * to the engine within 1e-9).
 */
export function statsOf(m: Moments): CellStats {
  const none = { mean: null, sd: null, se: null, ciLow: null, ciHigh: null };
  const fav = { favourable: null, favourableLow: null, favourableHigh: null };
  if (m.n === 0 || !(m.sw > 0)) return { n: m.n, ...none, ...fav };
  const mean = m.swy / m.sw;
  const share = m.swz / m.sw;
  const [favourableLow, favourableHigh] = wilson(share, (m.sw * m.sw) / m.sw2);
  const favourable = { favourable: share, favourableLow, favourableHigh };
  if (m.n < 2) return { n: m.n, ...none, mean, ...favourable };
  const c = m.n / (m.n - 1);
  const lin = clampVar(m.sw2y2 - 2 * mean * m.sw2y + mean * mean * m.sw2);
  const spread = clampVar(m.swy2 - m.sw * mean * mean);
  const se = Math.sqrt((c * lin) / (m.sw * m.sw));
  const sd = Math.sqrt((c * spread) / m.sw);
  const half = t975(m.n - 1) * se;
  return { n: m.n, mean, sd, se, ciLow: mean - half, ciHigh: mean + half, ...favourable };
}

/**
 * The moments of a cell's favourable indicator z (0 or 1) in place of its
 * scores: the mean of the result is the favourable share, its SE R's
 * `svymean(~z)`, and a test or DiD on it is one of shares. z² = z, so every
 * square of y is a sum of z. Frequency constructs are compared this way
 * (docs/methods.md, section 1), never on the mean of their codes.
 */
export function shareMoments(m: Moments): Moments {
  return {
    n: m.n,
    sw: m.sw,
    swy: m.swz,
    swy2: m.swz,
    sw2: m.sw2,
    sw2y: m.sw2z,
    sw2y2: m.sw2z,
    swz: m.swz,
    sw2z: m.sw2z,
  };
}
