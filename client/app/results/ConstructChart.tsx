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
import { captionedCanvas, saveCanvasPng } from "./chart-plugins";
import { CHART_FONT, constructChartConfig } from "./construct-chart-config";
import { formatsFor } from "./format";
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
 * breaks (see {@link constructChartConfig}), laid out as {@link chartDirection}
 * has every chart, and a button that saves it as a captioned image. The table
 * below carries the same numbers for screen readers.
 */
export function ConstructChart({ construct, waves, slug, authority }: Props) {
  const { t } = useTranslation("results");
  const { locale } = useAppLocale();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    const fmt = formatsFor(locale);
    const dir = chartDirection(locale);
    const chart = new Chart(
      canvas.current,
      constructChartConfig({ construct, waves, fmt, dir, t }),
    );
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

  const save = () => {
    if (!canvas.current) return;
    const caption = chartCaption({ construct, waves, authority, locale, t });
    saveCanvasPng(
      captionedCanvas(canvas.current, caption, { font: CHART_FONT, dir: dirOf(locale) }),
      `${slug}-${construct.id}.png`,
    );
  };

  return (
    <div className="chart-block">
      <div className="chart" data-testid={`chart-${construct.id}`}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={t("chartLabel", { construct: construct.name })}
        />
      </div>
      <button type="button" className="link-button no-print" onClick={save}>
        {t("savePng")}
      </button>
    </div>
  );
}
