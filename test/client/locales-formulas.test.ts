/**
 * Statistical formulas inside sentences ("p < .05", "p = 0.681", "d = +0.26",
 * "n = 62") read as one unit in every locale. In a right-to-left sentence the
 * Unicode bidi algorithm reorders a bare formula next to Hebrew or Arabic
 * letters: "ב-p < .05; 0.54" was drawn with the relation mirrored, the
 * point of ".05" on the wrong side and 0.54 next to the "ב-". So in he and ar
 * each formula sits in a left-to-right isolate (U+2066 … U+2069), as the
 * chart's "n = …" already did; and in every locale its spaces are no-break
 * spaces, so a phone never wraps "p =" from its value.
 */
import fs from "node:fs";
import path from "node:path";

const LOCALES = ["he", "ar", "en"] as const;
const RTL = new Set(["he", "ar"]);
const RTL_LETTERS = /[\u0590-\u05FF\u0600-\u06FF]/;
/** Drawn on the chart's canvas, where a line never wraps. */
const CANVAS = new Set(["results.json:tooltipN", "results.json:pngWave"]);

type Tree = { [key: string]: string | Tree };

function strings(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [[`${prefix}${k}`, v] as [string, string]]
      : strings(v, `${prefix}${k}.`),
  );
}

function catalogue(locale: string): Array<[string, string]> {
  const dir = path.join(process.cwd(), "locales", locale);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) =>
      strings(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Tree, `${f}:`),
    );
}

/** A formula: a statistic's symbol, a relation and what follows it. */
const FORMULA = /(?<![\p{L}\p{N}_])(p|d|d_z|n)[ \u00a0]*[=<>≤≥][ \u00a0]*(\{\{\w+\}\}|[.\d]+)/gu;

describe.each(LOCALES)("formulas in %s", (locale) => {
  const found = catalogue(locale).flatMap(([key, text]) =>
    [...text.matchAll(FORMULA)].map((m) => ({ key, text, formula: m[0], at: m.index })),
  );

  it("has formulas to check", () => {
    expect(found.length).toBeGreaterThan(3);
  });

  it("never breaks a formula across lines", () => {
    const breakable = found.filter((f) => !CANVAS.has(f.key) && f.formula.includes(" "));
    expect(breakable.map((f) => `${f.key}: ${f.formula}`)).toEqual([]);
  });

  if (RTL.has(locale))
    it("keeps each formula in a left-to-right isolate", () => {
      const bare = found.filter(({ text, formula, at }) => {
        if (!RTL_LETTERS.test(text)) return false;
        const before = text.lastIndexOf("\u2066", at);
        const closed = text.lastIndexOf("\u2069", at);
        const after = text.indexOf("\u2069", at + formula.length - 1);
        return !(before > closed && after >= at + formula.length - 1);
      });
      expect(bare.map((f) => `${f.key}: ${f.formula}`)).toEqual([]);
    });
});
