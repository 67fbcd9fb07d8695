import type { ChartType, Plugin } from "chart.js";
import type { ChartCaption } from "./chart-caption";

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

/** How a caption is drawn above a saved chart: the page's font and direction. */
export interface CaptionStyle {
  font: string;
  dir: "rtl" | "ltr";
}

/** Splits one line of text into lines no wider than `width` on this context. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

/**
 * A new canvas with the caption written above a copy of the chart, on white,
 * at the chart's own pixel density; the chart on the page is left as it is.
 */
export function captionedCanvas(
  chart: HTMLCanvasElement,
  caption: ChartCaption,
  style: CaptionStyle,
): HTMLCanvasElement {
  const scale = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const pad = 12 * scale;
  const inner = chart.width - 2 * pad;
  const out = document.createElement("canvas");
  const ctx = out.getContext("2d")!;
  const titleFont = `bold ${16 * scale}px ${style.font}`;
  const bodyFont = `${13 * scale}px ${style.font}`;
  ctx.font = titleFont;
  const title = wrap(ctx, caption.title, inner);
  ctx.font = bodyFont;
  const body = caption.lines.flatMap((l) => wrap(ctx, l, inner));
  const titleStep = 22 * scale;
  const bodyStep = 18 * scale;
  const top = pad + title.length * titleStep + body.length * bodyStep;
  out.width = chart.width;
  out.height = Math.ceil(top + chart.height);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = "#1b1f24";
  ctx.direction = style.dir;
  ctx.textAlign = "start";
  ctx.textBaseline = "top";
  const x = style.dir === "rtl" ? out.width - pad : pad;
  let y = pad;
  ctx.font = titleFont;
  for (const l of title) {
    ctx.fillText(l, x, y);
    y += titleStep;
  }
  ctx.font = bodyFont;
  for (const l of body) {
    ctx.fillText(l, x, y);
    y += bodyStep;
  }
  ctx.drawImage(chart, 0, top);
  return out;
}

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
