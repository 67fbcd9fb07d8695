import type { ChartType, Plugin } from "chart.js";

/** Options of the whiskers plugin: the CI ends, one pair per label, null when hidden. */
export interface CiWhiskersOptions {
  low: (number | null)[];
  high: (number | null)[];
  color?: string;
  capWidth?: number;
}

declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- TType is required by the merged interface
  interface PluginOptionsByType<TType extends ChartType> {
    ciWhiskers?: CiWhiskersOptions;
  }
}

/**
 * Draws 95% confidence intervals as error bars on the first dataset's points,
 * so no error-bar dependency is needed.
 */
export const ciWhiskers: Plugin<"line", CiWhiskersOptions> = {
  id: "ciWhiskers",
  afterDatasetsDraw(chart, _args, options) {
    const meta = chart.getDatasetMeta(0);
    const y = chart.scales.y;
    if (!meta || !y || meta.hidden) return;
    const { ctx, chartArea } = chart;
    const cap = (options.capWidth ?? 12) / 2;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height);
    ctx.clip();
    ctx.strokeStyle = options.color ?? "#1b1f24";
    ctx.lineWidth = 1.5;
    meta.data.forEach((element, i) => {
      const low = options.low[i];
      const high = options.high[i];
      if (low == null || high == null) return;
      const x = element.x;
      const yLow = y.getPixelForValue(low);
      const yHigh = y.getPixelForValue(high);
      ctx.beginPath();
      ctx.moveTo(x, yLow);
      ctx.lineTo(x, yHigh);
      ctx.moveTo(x - cap, yLow);
      ctx.lineTo(x + cap, yLow);
      ctx.moveTo(x - cap, yHigh);
      ctx.lineTo(x + cap, yHigh);
      ctx.stroke();
    });
    ctx.restore();
  },
};
