import type { ChartConfiguration } from "chart.js";
import type { TFunction } from "i18next";
import type { chartDirection } from "../chart-direction";
import { seriesBreaks, whiteBackground } from "./chart-plugins";
import { isShown, pointsByWave, type Formats } from "./format";
import type { Construct, Wave } from "./types";

// Canvas cannot read CSS variables; this mirrors --kp-font.
export const CHART_FONT =
  '"Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", system-ui, sans-serif';
const ACCENT = "#0b5cad";
const BAND = "rgba(11, 92, 173, 0.15)";
const BENCHMARK = "#6b4f00";

interface Inputs {
  construct: Construct;
  waves: Wave[];
  /** The page's number formats. */
  fmt: Formats;
  /** The direction rule every chart follows (client/app/chart-direction.ts). */
  dir: ReturnType<typeof chartDirection>;
  t: TFunction;
}

/**
 * The chart of one construct across waves: the mean per wave with its 95% CI
 * as a band (two hidden "ci-" series filled between), the program benchmark as
 * a dashed line when one is shown, n under each wave's name, and no line or
 * band across a series break, since the waves either side are not comparable.
 * Suppressed points are gaps.
 */
export function constructChartConfig({
  construct,
  waves,
  fmt,
  dir,
  t,
}: Inputs): ChartConfiguration<"line"> {
  const rows = pointsByWave(waves, construct.points);
  const shown = rows.map(({ point }) => (isShown(point) ? point : null));
  const bench = rows.map(({ wave }) => construct.benchmark.find((b) => b.waveId === wave.id));
  const hasBenchmark = bench.some((b) => b?.shown);
  const breaks = rows
    .map(({ wave }, i) => (construct.seriesBreaks.includes(wave.id) ? i : -1))
    .filter((i) => i > 0);
  return {
    type: "line",
    data: {
      labels: rows.map(({ wave, point }) => [wave.name, `n = ${fmt.count(point.n)}`]),
      datasets: [
        {
          label: "ci-high",
          data: shown.map((p) => p?.ciHigh ?? null),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: BAND,
          fill: "+1",
          segment: {
            backgroundColor: (ctx: { p1DataIndex: number }) =>
              breaks.includes(ctx.p1DataIndex) ? "transparent" : BAND,
          },
        },
        {
          label: "ci-low",
          data: shown.map((p) => p?.ciLow ?? null),
          borderWidth: 0,
          pointRadius: 0,
          fill: false,
        },
        {
          label: t("meanLegend"),
          data: shown.map((p) => p?.mean ?? null),
          borderColor: ACCENT,
          backgroundColor: ACCENT,
          pointRadius: 5,
          pointHoverRadius: 7,
          spanGaps: false,
          // No line across a series break: the waves either side are not comparable.
          segment: {
            borderColor: (ctx: { p1DataIndex: number }) =>
              breaks.includes(ctx.p1DataIndex) ? "transparent" : ACCENT,
          },
        },
        ...(hasBenchmark
          ? [
              {
                label: t("benchmarkLegend"),
                data: bench.map((b) => (b?.shown ? b.mean : null)),
                borderColor: BENCHMARK,
                backgroundColor: BENCHMARK,
                borderDash: [6, 4],
                pointStyle: "rectRot" as const,
                pointRadius: 4,
              },
            ]
          : []),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
      font: { family: CHART_FONT },
      layout: { padding: { top: 8, left: 4, right: 12 } },
      scales: {
        x: {
          ...dir.time,
          offset: true, // keeps the end points off the chart edges
          ticks: { font: { family: CHART_FONT, size: 12 }, color: "#1b1f24" },
          grid: { display: false },
        },
        y: {
          ...dir.value,
          min: construct.scale.min,
          max: construct.scale.max,
          ticks: {
            stepSize: 1,
            font: { family: CHART_FONT, size: 12 },
            color: "#1b1f24",
            callback: (value) => fmt.count(Number(value)),
          },
        },
      },
      plugins: {
        seriesBreaks: { at: breaks },
        legend: {
          position: "bottom",
          ...dir.legend,
          labels: {
            font: { family: CHART_FONT, size: 12 },
            color: "#1b1f24",
            filter: (item) => !item.text.startsWith("ci-"),
          },
        },
        tooltip: {
          ...dir.tooltip,
          titleFont: { family: CHART_FONT },
          bodyFont: { family: CHART_FONT },
          displayColors: false,
          filter: (item) => item.datasetIndex >= 2,
          callbacks: {
            label: (item) => {
              if (item.datasetIndex === 3) {
                const b = bench[item.dataIndex];
                return b?.mean != null ? t("tooltipMean", { value: fmt.score(b.mean) }) : "";
              }
              const p = shown[item.dataIndex];
              if (!p) return "";
              const lines = [t("tooltipMean", { value: fmt.score(p.mean) })];
              if (p.ciLow != null && p.ciHigh != null) {
                lines.push(t("tooltipCi", { low: fmt.score(p.ciLow), high: fmt.score(p.ciHigh) }));
              }
              lines.push(t("tooltipN", { n: fmt.count(p.n) }));
              return lines;
            },
          },
        },
      },
    },
    plugins: [seriesBreaks, whiteBackground],
  };
}
