import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { DAY_SERIES, formatsFor } from "./format";
import type { WaveMonitoring } from "./types";
import { chartDirection } from "../../chart-direction";
import { useAppLocale } from "../../locale-context";

// Only the parts used, so the rest of chart.js is shaken out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// Canvas cannot read CSS variables; this mirrors --kp-font and --kp-ink.
const FONT = '"Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic", system-ui, sans-serif';
const INK = "#1b1f24";
// Three series that differ in lightness as well as hue, and in pattern of border,
// so they stay apart for people who do not see the colours.
const STYLE = {
  invited: { backgroundColor: "#9cc3ea", borderColor: "#0b5cad", borderWidth: 1 },
  completed: { backgroundColor: "#0b5cad", borderColor: "#0b5cad", borderWidth: 1 },
  responses: { backgroundColor: "#6b4f00", borderColor: "#3d2d00", borderWidth: 2 },
} as const;

interface Props {
  days: WaveMonitoring["byDay"];
}

/**
 * The by-day bars, days running as {@link chartDirection} has every chart run;
 * numbers and dates are in the page's language.
 */
export default function ByDayChart({ days }: Props) {
  const { t } = useTranslation("ws-monitoring");
  const { locale } = useAppLocale();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<"bar"> | null>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const fmt = formatsFor(locale);
    const dir = chartDirection(locale);
    const instance = new Chart(canvas.current, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: locale === "ar" ? "ar-u-nu-latn" : locale === "he" ? "he-IL" : "en-GB",
        font: { family: FONT },
        scales: {
          x: {
            ...dir.time,
            grid: { display: false },
            ticks: { font: { family: FONT, size: 12 }, color: INK },
          },
          y: {
            ...dir.value,
            beginAtZero: true,
            ticks: {
              precision: 0,
              font: { family: FONT, size: 12 },
              color: INK,
              callback: (value) => fmt.count(Number(value)),
            },
          },
        },
        plugins: {
          legend: {
            position: "bottom",
            ...dir.legend,
            labels: { font: { family: FONT, size: 12 }, color: INK },
          },
          tooltip: {
            ...dir.tooltip,
            titleFont: { family: FONT },
            bodyFont: { family: FONT },
            callbacks: {
              label: (item) => `${item.dataset.label ?? ""}: ${fmt.count(Number(item.raw))}`,
            },
          },
        },
      },
    });
    chart.current = instance;
    let live = true;
    // Hebrew and Arabic labels need their web font; redraw once it is in.
    void document.fonts?.ready.then(() => {
      if (live) instance.update();
    });
    return () => {
      live = false;
      instance.destroy();
      chart.current = null;
    };
  }, [locale]);

  // Fresh figures update the chart in place, so a refresh does not flash it.
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const fmt = formatsFor(locale);
    instance.data.labels = days.map((d) => fmt.day(d.date));
    instance.data.datasets = DAY_SERIES.map((s) => ({
      label: t(`wave.day.series.${s}`),
      data: days.map((d) => d[s]),
      ...STYLE[s],
    }));
    instance.update();
  }, [days, locale, t]);

  const total = (s: (typeof DAY_SERIES)[number]) => days.reduce((n, d) => n + d[s], 0);
  const fmt = formatsFor(locale);
  return (
    <div className="mon-chart" data-testid="by-day-chart">
      <canvas
        ref={canvas}
        role="img"
        aria-label={t("wave.day.chartLabel", {
          days: fmt.count(days.length),
          invited: fmt.count(total("invited")),
          completed: fmt.count(total("completed")),
          responses: fmt.count(total("responses")),
        })}
      />
    </div>
  );
}
