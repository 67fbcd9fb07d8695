import type { ChartType, Plugin } from "chart.js";

/** Options of the series-break plugin: label indices where the series breaks. */
export interface SeriesBreaksOptions {
  at: number[];
  color?: string;
}

declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- TType is required by the merged interface
  interface PluginOptionsByType<TType extends ChartType> {
    seriesBreaks?: SeriesBreaksOptions;
  }
}

/**
 * A dashed vertical line halfway between two waves wherever the instrument
 * changed the construct's questions, with a "⫽" mark at the top, so nobody
 * reads a jump across it as change among residents.
 */
export const seriesBreaks: Plugin<"line", SeriesBreaksOptions> = {
  id: "seriesBreaks",
  afterDatasetsDraw(chart, _args, options) {
    const x = chart.scales.x;
    if (!x || !options.at?.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = options.color ?? "#8a4b00";
    ctx.fillStyle = options.color ?? "#8a4b00";
    ctx.setLineDash([5, 4]);
    ctx.lineWidth = 1.5;
    for (const i of options.at) {
      if (i < 1) continue;
      const px = (x.getPixelForValue(i - 1) + x.getPixelForValue(i)) / 2;
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.font = "bold 14px sans-serif";
      ctx.textAlign = "center";
      ctx.fillText("⫽", px, chartArea.top + 12);
    }
    ctx.restore();
  },
};

/** Paints the canvas white first, so a saved PNG is not transparent. */
export const whiteBackground: Plugin<"line"> = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Saves a canvas as a PNG file through a temporary link (no library). */
export function saveCanvasPng(canvas: HTMLCanvasElement, fileName: string): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, "image/png");
}
