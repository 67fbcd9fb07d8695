/**
 * The client's catalogues: one key set in he, ar and en (plural forms aside),
 * every string non-empty, each file in its own script, and every plural key with
 * the forms its language needs (Arabic has six).
 */
import fs from "node:fs";
import path from "node:path";

const LOCALES = ["he", "ar", "en"] as const;
const NAMESPACES = [
  "common",
  "take",
  "results",
  "errors",
  "auth",
  "workspace",
  "public",
  "participation",
  "sms",
  "kiosk",
  "ws-waves",
  "ws-contacts",
  "ws-monitoring",
  "ws-trapd",
  "ws-group-examples",
  "program",
  "margins",
  "codebook",
] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const HEBREW = /[\u0590-\u05FF]/;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

type Tree = { [key: string]: string | Tree };

function load(locale: string, ns: string): Tree {
  const file = path.join(process.cwd(), "locales", locale, `${ns}.json`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Tree;
}

/** Flattens nested keys to dotted paths. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** Keys without plural suffixes: the set every locale must share. */
function baseKeys(flat: Map<string, string>): string[] {
  return [...new Set([...flat.keys()].map((k) => k.replace(PLURAL_SUFFIX, "")))].sort();
}

describe.each(NAMESPACES)("locales/*/%s.json", (ns) => {
  const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(load(l, ns))])) as Record<
    (typeof LOCALES)[number],
    Map<string, string>
  >;

  it("has the same keys in he, ar and en", () => {
    expect(baseKeys(flat.ar)).toEqual(baseKeys(flat.he));
    expect(baseKeys(flat.en)).toEqual(baseKeys(flat.he));
  });

  it.each(LOCALES)("has no empty strings in %s", (locale) => {
    const empty = [...flat[locale]].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it.each(LOCALES)("has every plural form %s needs", (locale) => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const plurals = new Set(
      [...flat[locale].keys()]
        .filter((k) => PLURAL_SUFFIX.test(k))
        .map((k) => k.replace(PLURAL_SUFFIX, "")),
    );
    const missing: string[] = [];
    for (const base of plurals) {
      for (const form of needed)
        if (!flat[locale].has(`${base}_${form}`)) missing.push(`${base}_${form}`);
    }
    expect(missing).toEqual([]);
  });

  it("keeps each file in its own script", () => {
    const offenders = (locale: string, re: RegExp) =>
      [...flat[locale as (typeof LOCALES)[number]]]
        .filter(([, v]) => re.test(v))
        .map(([k]) => `${locale}:${k}`);
    expect([...offenders("ar", HEBREW), ...offenders("en", HEBREW)]).toEqual([]);
    expect([...offenders("he", ARABIC), ...offenders("en", ARABIC)]).toEqual([]);
  });

  it("keeps the same {{placeholders}} and SurveyJS {0} slots in every locale", () => {
    const names = (s: string) =>
      [...s.matchAll(/\{\{\s*(\w+)|\{(\d)\}/g)].map((m) => m[1] ?? m[2]).sort();
    const mismatched: string[] = [];
    for (const [key, en] of flat.en) {
      const base = key.replace(PLURAL_SUFFIX, "");
      for (const locale of ["he", "ar"] as const) {
        // a plural form may drop the number ("fewer than one response"), so compare by base key with _other
        const other = flat[locale].get(key) ?? flat[locale].get(`${base}_other`);
        if (other === undefined) continue;
        const want = names(flat.en.get(`${base}_other`) ?? en).filter((n) => n !== "count");
        const got = names(flat[locale].get(`${base}_other`) ?? other).filter((n) => n !== "count");
        if (want.join() !== got.join()) mismatched.push(`${locale}:${key}`);
      }
    }
    expect(mismatched).toEqual([]);
  });
});
