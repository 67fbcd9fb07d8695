import type { Transparency } from "../../server/participation/schema";
import { numberFormat, type RespondentLocale } from "../shared/locale";

/**
 * "Mean on a 1–4 scale" with the range isolated left to right (U+2066…U+2069):
 * inside Hebrew or Arabic, "1–4" would otherwise be reordered to read "4–1".
 */
export function scaleText(
  t: (key: string, o: Record<string, unknown>) => string,
  min: number,
  max: number,
) {
  return t("scale", { min: `\u2066${min}`, max: `${max}\u2069` });
}

/** How one construct's figures are written: a mean on its scale, or a share in percent. */
export function figuresOf(c: Transparency["constructs"][number], locale: RespondentLocale) {
  if (c.measure === "share") {
    const pct = numberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
    // A change of shares reads in percentage points, with one decimal.
    const points = numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
    return {
      min: 0,
      max: 1,
      value: (v: number) => pct.format(v),
      diff: (v: number) => points.format(v * 100),
    };
  }
  const fmt = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    min: c.scale.min,
    max: c.scale.max,
    value: (v: number) => fmt.format(v),
    diff: (v: number) => fmt.format(v),
  };
}
