import { numberFormat, type Locale } from "../../shared/locale";
import { blankPoint } from "../../../server/shared/blank-point";
import type { Point, Wave } from "./types";

/** Formatters for one locale: means and CI ends with two decimals, n as a bare integer. */
export interface Formats {
  score: (x: number) => string;
  count: (x: number) => string;
  /** A difference with its sign, two decimals. */
  signed: (x: number) => string;
  /** A p-value: three decimals, "< 0.001" below that. */
  p: (x: number) => string;
  /** A share 0..1 as a whole percentage. */
  percent: (x: number) => string;
}

export function formatsFor(locale: Locale): Formats {
  const score = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // no grouping: n stays a plain number (and machine-readable) in every locale
  const count = numberFormat(locale, { maximumFractionDigits: 0, useGrouping: false });
  const signed = numberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: "exceptZero",
  });
  const p3 = numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const percent = numberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return {
    score: (x) => score.format(x),
    count: (x) => count.format(x),
    signed: (x) => signed.format(x),
    p: (x) => (x < 0.001 ? `< ${p3.format(0.001)}` : p3.format(x)),
    percent: (x) => percent.format(x),
  };
}

/** Waves oldest first, each with its point for the construct (an empty one when missing). */
export function pointsByWave(waves: Wave[], points: Point[]): { wave: Wave; point: Point }[] {
  const byWave = new Map(points.map((p) => [p.waveId, p]));
  return [...waves]
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    .map((wave) => ({
      wave,
      point: byWave.get(wave.id) ?? blankPoint(wave.id),
    }));
}

/** True when a point may be shown: not suppressed and with a mean. */
export function isShown(point: Point): point is Point & { mean: number } {
  return !point.suppressed && point.mean !== null;
}
