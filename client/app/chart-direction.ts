import { dirOf, type Locale } from "../shared/locale";

/**
 * One rule for every chart of the workspace and the results: time runs from
 * left to right and the value axis stands on the left in every language, as
 * dates and numbers read and as Hebrew and Arabic statistical publications
 * draw them; legends and tooltips follow the page's direction. Monitoring and
 * results share it, so nobody moving between the two reads a trend backwards.
 */
export function chartDirection(locale: Locale) {
  const text = { rtl: dirOf(locale) === "rtl", textDirection: dirOf(locale) };
  return {
    time: { reverse: false },
    value: { position: "left" as const },
    legend: text,
    tooltip: text,
  };
}
