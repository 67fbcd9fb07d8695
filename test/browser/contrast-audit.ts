/**
 * WCAG 2.1 contrast, measured on the page as drawn: every visible text against
 * the background behind it (1.4.3, 4.5:1) and the boundary of every form control
 * against the background next to it (1.4.11, 3:1). Colours come from computed
 * styles; controls the browser draws itself (a native checkbox or radio) are
 * measured from a screenshot of their box.
 */
import type { Page } from "playwright-core";

/** One element below its threshold. */
export interface ContrastFailure {
  kind: "text" | "boundary";
  ratio: number;
  need: number;
  what: string;
}

/** A native control to measure from pixels: its box and the background around it. */
interface NativeBox {
  x: number;
  y: number;
  width: number;
  height: number;
  outside: [number, number, number];
  what: string;
}

interface InPageResult {
  failures: ContrastFailure[];
  native: NativeBox[];
  texts: number;
  boundaries: number;
}

/**
 * Runs in the page (serialised by Playwright, so it must not refer to anything
 * outside itself).
 */
function auditInPage(): InPageResult {
  type RGBA = [number, number, number, number];
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
  const cache = new Map<string, RGBA>();
  // The canvas parses every CSS colour syntax the engine computes (rgb, color(), oklab...).
  const parse = (css: string): RGBA => {
    const hit = cache.get(css);
    if (hit) return hit;
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    const alphaMatch = /\/\s*([\d.]+)(%?)\s*\)$|rgba\([^,]+,[^,]+,[^,]+,\s*([\d.]+)\)/.exec(css);
    // getImageData premultiplies nothing but rounds alpha to 1/255; keep the exact alpha.
    let alpha = a! / 255;
    if (alphaMatch) {
      const v = Number(alphaMatch[1] ?? alphaMatch[3]);
      alpha = alphaMatch[2] === "%" ? v / 100 : v;
    }
    const out: RGBA = alpha === 0 ? [0, 0, 0, 0] : [r!, g!, b!, alpha];
    cache.set(css, out);
    return out;
  };
  const over = (top: RGBA, below: [number, number, number]): [number, number, number] => [
    top[0] * top[3] + below[0] * (1 - top[3]),
    top[1] * top[3] + below[1] * (1 - top[3]),
    top[2] * top[3] + below[2] * (1 - top[3]),
  ];
  const lum = ([r, g, b]: [number, number, number]) => {
    const f = (c: number) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a: [number, number, number], b: [number, number, number]) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  /** The opaque colour behind `el` (its own background included when `self`). */
  const backdrop = (el: Element, self: boolean): [number, number, number] => {
    const chain: Element[] = [];
    for (let e: Element | null = self ? el : el.parentElement; e; e = e.parentElement)
      chain.push(e);
    let colour: [number, number, number] = [255, 255, 255]; // the canvas
    for (const e of chain.reverse())
      colour = over(parse(getComputedStyle(e).backgroundColor), colour);
    return colour;
  };
  const opacity = (el: Element) => {
    let o = 1;
    for (let e: Element | null = el; e; e = e.parentElement)
      o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const describe = (el: Element, text?: string) => {
    const cls =
      typeof el.className === "string" ? el.className.trim().split(/\s+/).slice(0, 2) : [];
    const name = el.tagName.toLowerCase() + (cls.length && cls[0] ? `.${cls.join(".")}` : "");
    const label =
      text ?? el.getAttribute("aria-label") ?? (el as HTMLInputElement).name ?? el.id ?? "";
    return `${name} "${label.trim().slice(0, 40)}"`;
  };
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2) return false;
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const hex = (c: [number, number, number]) =>
    `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

  const failures: ContrastFailure[] = [];
  const native: NativeBox[] = [];
  let texts = 0;
  let boundaries = 0;

  // 1.4.3: text. Inactive controls are exempt (WCAG "incidental").
  for (const el of document.body.querySelectorAll("*")) {
    if (["SCRIPT", "STYLE", "NOSCRIPT", "svg", "TEMPLATE"].includes(el.tagName)) continue;
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? "")
      .join("")
      .trim();
    const input = el as HTMLInputElement;
    const typed =
      (el.tagName === "INPUT" && !["checkbox", "radio", "hidden"].includes(input.type)) ||
      el.tagName === "TEXTAREA"
        ? input.value
        : "";
    if (!own && !typed) continue;
    if (!shown(el) || el.closest(":disabled, [aria-disabled='true']")) continue;
    const style = getComputedStyle(el);
    const colour = parse(style.color);
    const bg = backdrop(el, true);
    const fg = over([colour[0], colour[1], colour[2], colour[3] * opacity(el)], bg);
    const r = ratio(fg, bg);
    texts += 1;
    if (r < 4.5)
      failures.push({
        kind: "text",
        ratio: Math.round(r * 100) / 100,
        need: 4.5,
        what: `${describe(el, own || typed)} ${hex(fg)} on ${hex(bg)}`,
      });
  }

  // 1.4.11: the boundary of each form control (as drawn: SurveyJS hides the native
  // input and draws a decorator; text boxes carry their border or an inset shadow).
  const controls = document.body.querySelectorAll(
    "input:not([type=hidden]), textarea, select, .sd-item__decorator, .sd-input, .sd-dropdown, .sd-formbox",
  );
  for (const el of controls) {
    if (!shown(el) || el.closest(":disabled")) continue;
    // a SurveyJS input inside a drawn box (text box, dropdown, comment) is measured by its box
    if (
      el.matches("input, textarea") &&
      !el.matches(".sd-input") &&
      el.parentElement?.closest(".sd-input, .sd-formbox, .sd-dropdown")
    )
      continue;
    const style = getComputedStyle(el);
    const outside = backdrop(el, false);
    const input = el as HTMLInputElement;
    if (
      el.tagName === "INPUT" &&
      ["checkbox", "radio"].includes(input.type) &&
      style.appearance !== "none"
    ) {
      const r = el.getBoundingClientRect();
      native.push({
        x: r.x + window.scrollX,
        y: r.y + window.scrollY,
        width: r.width,
        height: r.height,
        outside,
        what: describe(el, input.closest("label")?.textContent ?? input.value),
      });
      continue;
    }
    const candidates: [number, number, number][] = [over(parse(style.backgroundColor), outside)];
    for (const side of ["Top", "Right", "Bottom", "Left"] as const) {
      const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
      const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
      if (width >= 1 && kind !== "none" && kind !== "hidden")
        candidates.push(
          over(parse(style.getPropertyValue(`border-${side.toLowerCase()}-color`)), outside),
        );
    }
    // box-shadow rings (SurveyJS draws borders so): each shadow with a spread of 1px or more
    for (const shadow of style.boxShadow === "none" ? [] : style.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = /(rgba?\([^)]*\)|color\([^)]*\)|oklab\([^)]*\)|oklch\([^)]*\))/.exec(shadow);
      const lengths = shadow.replace(colour?.[0] ?? "", "").match(/-?[\d.]+px/g) ?? [];
      const spread = lengths.length >= 4 ? Math.abs(parseFloat(lengths[3]!)) : 0;
      if (colour && spread >= 1) candidates.push(over(parse(colour[0]), outside));
    }
    const best = Math.max(...candidates.map((c) => ratio(c, outside)));
    boundaries += 1;
    if (best < 3)
      failures.push({
        kind: "boundary",
        ratio: Math.round(best * 100) / 100,
        need: 3,
        what: `${describe(el, el.closest(".sd-item, label")?.textContent ?? undefined)} on ${hex(outside)}`,
      });
  }
  return { failures, native, texts, boundaries };
}

/** Largest contrast of any pixel of a PNG against `outside`, decoded by the page's own canvas. */
async function pixelContrast(
  page: Page,
  png: Buffer,
  outside: [number, number, number],
): Promise<number> {
  return page.evaluate(
    async ({ data, outside: bg }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = document.createElement("canvas");
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext("2d")!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const lum = (r: number, g: number, b: number) => {
        const f = (v: number) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const lb = lum(bg[0], bg[1], bg[2]);
      let best = 1;
      for (let i = 0; i < px.length; i += 4) {
        const l = lum(px[i]!, px[i + 1]!, px[i + 2]!);
        best = Math.max(best, (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05));
      }
      return best;
    },
    { data: png.toString("base64"), outside },
  );
}

/** What one audit of a page found. */
export interface ContrastReport {
  failures: ContrastFailure[];
  texts: number;
  boundaries: number;
}

/** Audits the page as it is on screen now. */
export async function auditContrast(page: Page): Promise<ContrastReport> {
  const found = await page.evaluate(auditInPage);
  for (const box of found.native) {
    const png = await page.screenshot({
      clip: { x: box.x, y: box.y, width: box.width, height: box.height },
      fullPage: true,
    });
    const r = await pixelContrast(page, png, box.outside);
    found.boundaries += 1;
    if (r < 3)
      found.failures.push({
        kind: "boundary",
        ratio: Math.round(r * 100) / 100,
        need: 3,
        what: `native ${box.what}`,
      });
  }
  return { failures: found.failures, texts: found.texts, boundaries: found.boundaries };
}
