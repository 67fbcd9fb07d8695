import {
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { dirOf, type Locale } from "../../shared/locale";
import { ciWhiskers } from "./ci-whiskers";
import { formatsFor, isShown, pointsByWave } from "./format";
import type { Construct, Wave } from "./types";

// Only the parts used, so the rest of chart.js is shaken out of the bundle.
Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

// Canvas cannot read CSS variables; this mirrors --kp-font.
const FONT = '"Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", system-ui, sans-serif';
const ACCENT = "#0b5cad";

interface Props {
  construct: Construct;
  waves: Wave[];
  locale: Locale;
}

/**
 * Mean of one construct per wave with 95% CI whiskers. Time runs left to right
 * in every language, as charts conventionally do; the table below carries the
 * same numbers for screen readers.
 */
export function ConstructChart({ construct, waves, locale }: Props) {
  const { t } = useTranslation("results");
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const fmt = formatsFor(locale);
    const rows = pointsByWave(waves, construct.points);
    const shown = rows.map(({ point }) => (isShown(point) ? point : null));
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: rows.map(({ wave }) => wave.name),
        datasets: [
          {
            label: construct.name,
            data: shown.map((p) => p?.mean ?? null),
            borderColor: ACCENT,
            backgroundColor: ACCENT,
            pointRadius: 5,
            pointHoverRadius: 7,
            spanGaps: false,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        font: { family: FONT },
        layout: { padding: { top: 8, left: 4, right: 12 } },
        scales: {
          x: {
            offset: true, // keeps the end points and their whiskers off the chart edges
            ticks: { font: { family: FONT, size: 12 }, color: "#1b1f24" },
            grid: { display: false },
          },
          y: {
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
          ciWhiskers: {
            low: shown.map((p) => p?.ciLow ?? null),
            high: shown.map((p) => p?.ciHigh ?? null),
          },
          tooltip: {
            rtl: dirOf(locale) === "rtl",
            textDirection: dirOf(locale),
            titleFont: { family: FONT },
            bodyFont: { family: FONT },
            displayColors: false,
            callbacks: {
              label: (item) => {
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
      plugins: [ciWhiskers],
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
    <div className="chart" data-testid={`chart-${construct.id}`}>
      <canvas ref={canvas} role="img" aria-label={t("chartLabel", { construct: construct.name })} />
    </div>
  );
}
