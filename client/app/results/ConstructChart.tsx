import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { dirOf } from "../../shared/locale";
import { chartDirection } from "../chart-direction";
import { useAppLocale } from "../locale-context";
import { chartCaption } from "./chart-caption";
import { captionedCanvas, saveCanvasPng, seriesBreaks, whiteBackground } from "./chart-plugins";
import { formatsFor, isShown, pointsByWave } from "./format";
import type { Construct, Wave } from "./types";

// Only the parts used, so the rest of chart.js is shaken out of the bundle.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);

// Canvas cannot read CSS variables; this mirrors --kp-font.
const FONT = '"Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", system-ui, sans-serif';
const ACCENT = "#0b5cad";
const BAND = "rgba(11, 92, 173, 0.15)";
const BENCHMARK = "#6b4f00";

interface Props {
  construct: Construct;
  waves: Wave[];
  slug: string;
  /** The authority's name, written on a saved image. */
  authority: string;
}

/**
 * Mean of one construct per wave with its 95% CI as a band, the program
 * benchmark as a dashed line, n under each wave and a marker where the series
 * breaks, laid out as {@link chartDirection} has every chart. The table below carries
 * the same numbers for screen readers.
 */
export function ConstructChart({ construct, waves, slug, authority }: Props) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const fmt = formatsFor(locale);
    const rows = pointsByWave(waves, construct.points);
    const shown = rows.map(({ point }) => (isShown(point) ? point : null));
    const bench = rows.map(({ wave }) => construct.benchmark.find((b) => b.waveId === wave.id));
    const hasBenchmark = bench.some((b) => b?.shown);
    const breaks = rows
      .map(({ wave }, i) => (construct.seriesBreaks.includes(wave.id) ? i : -1))
      .filter((i) => i > 0);
    const dir = chartDirection(locale);
    const chart = new Chart(canvas.current, {
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
        font: { family: FONT },
        layout: { padding: { top: 8, left: 4, right: 12 } },
        scales: {
          x: {
            ...dir.time,
            offset: true, // keeps the end points off the chart edges
            ticks: { font: { family: FONT, size: 12 }, color: "#1b1f24" },
            grid: { display: false },
          },
          y: {
            ...dir.value,
            min: construct.scale.min,
            max: construct.scale.max,
            ticks: {
              stepSize: 1,
              font: { family: FONT, size: 12 },
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
              font: { family: FONT, size: 12 },
              color: "#1b1f24",
              filter: (item) => !item.text.startsWith("ci-"),
            },
          },
          tooltip: {
            ...dir.tooltip,
            titleFont: { family: FONT },
            bodyFont: { family: FONT },
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
                  lines.push(
                    t("tooltipCi", { low: fmt.score(p.ciLow), high: fmt.score(p.ciHigh) }),
                  );
                }
                lines.push(t("tooltipN", { n: fmt.count(p.n) }));
                return lines;
              },
            },
          },
        },
      },
      plugins: [seriesBreaks, whiteBackground],
    });
    // Hebrew and Arabic wave names need their web font; redraw once it is in.
    let live = true;
    void document.fonts?.ready.then(() => {
      if (live) chart.update();
    });
    return () => {
      live = false;
      chart.destroy();
    };
  }, [construct, waves, locale, t]);

  return (
    <div className="chart-block">
      <div className="chart" data-testid={`chart-${construct.id}`}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={t("chartLabel", { construct: construct.name })}
        />
      </div>
      <button
        type="button"
        className="link-button no-print"
        onClick={() => {
          if (!canvas.current) return;
          const caption = chartCaption({ construct, waves, authority, locale, t });
          saveCanvasPng(
            captionedCanvas(canvas.current, caption, { font: FONT, dir: dirOf(locale) }),
            `${slug}-${construct.id}.png`,
          );
        }}
      >
        {t("savePng")}
      </button>
    </div>
  );
}
