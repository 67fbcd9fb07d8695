/**
 * Russian is a fourth language for residents (not for the workspace): every
 * string of the namespaces a resident's page reads exists in locales/ru, in
 * Cyrillic, with the plural forms Russian needs and the same placeholders.
 */
import fs from "node:fs";
import path from "node:path";
import { LOCALES, RESPONDENT_LOCALES } from "../../server/shared/locales";

/** The namespaces bundled into the survey, kiosk and public pages, and the server's messages. */
const RESPONDENT_NAMESPACES = ["common", "take", "kiosk", "public", "errors"] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const HEBREW_OR_ARABIC = /[\u0590-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;

type Tree = { [key: string]: string | Tree };

const load = (locale: string, ns: string): Tree =>
  JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "locales", locale, `${ns}.json`), "utf8"),
  ) as Tree;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const baseKeys = (flat: Map<string, string>) =>
  [...new Set([...flat.keys()].map((k) => k.replace(PLURAL_SUFFIX, "")))].sort();

it("offers Russian to residents only: the workspace keeps he, ar and en", () => {
  expect([...LOCALES]).toEqual(["he", "ar", "en"]);
  expect([...RESPONDENT_LOCALES]).toEqual(["he", "ar", "en", "ru"]);
});

describe.each(RESPONDENT_NAMESPACES)("locales/ru/%s.json", (ns) => {
  const he = flatten(load("he", ns));
  const en = flatten(load("en", ns));
  const ru = flatten(load("ru", ns));

  it("has every key of locales/he, and no other", () => {
    expect(baseKeys(ru)).toEqual(baseKeys(he));
  });

  it("has no empty string and no Hebrew or Arabic text", () => {
    const bad = [...ru].filter(([, v]) => v.trim() === "" || HEBREW_OR_ARABIC.test(v));
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it("is written in Cyrillic (names and codes aside)", () => {
    const latinOnly = [...ru]
      .filter(([, v]) => /[A-Za-z]{4,}/.test(v.replace(/\{\{\w+\}\}|\$t\([^)]*\)/g, "")))
      .filter(([, v]) => !CYRILLIC.test(v));
    // "Kehila Pulse" and "SMS" are names, the same in every language.
    expect(latinOnly.map(([k]) => k).filter((k) => !/appName|channel\.sms/.test(k))).toEqual([]);
  });

  it("has every plural form Russian needs (one, few, many, other)", () => {
    const needed = new Intl.PluralRules("ru").resolvedOptions().pluralCategories;
    const bases = new Set(
      [...ru.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, "")),
    );
    const missing = [...bases].flatMap((b) =>
      needed.filter((f) => !ru.has(`${b}_${f}`)).map((f) => `${b}_${f}`),
    );
    expect(missing).toEqual([]);
  });

  it("keeps the {{placeholders}} and SurveyJS {0} slots of English", () => {
    const names = (s: string) =>
      [...s.matchAll(/\{\{\s*(\w+)|\{(\d)\}/g)]
        .map((m) => m[1] ?? m[2])
        .filter((n) => n !== "count")
        .sort()
        .join();
    const mismatched = [...en].filter(([key, value]) => {
      const base = key.replace(PLURAL_SUFFIX, "");
      const mine = ru.get(key) ?? ru.get(`${base}_other`);
      return mine !== undefined && names(mine) !== names(value);
    });
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
