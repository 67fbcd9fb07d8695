/**
 * The codebook's own words in its language (locales/<lang>/codebook.json): its
 * headings, what each field is, and a display condition said in words. Loaded
 * once, synchronously, so a missing file fails on the first codebook.
 */
import fs from "node:fs";
import path from "node:path";
import i18next, { type TFunction } from "i18next";
import { LOCALES, type Locale } from "../shared/locales";

let fixed: Map<Locale, TFunction> | undefined;

/** The codebook's translate function for one language. */
export function codebookWords(locale: Locale): TFunction {
  if (!fixed) {
    const resources = Object.fromEntries(
      LOCALES.map((l) => {
        const file = path.join(process.cwd(), "locales", l, "codebook.json");
        return [l, { codebook: JSON.parse(fs.readFileSync(file, "utf8")) as object }];
      }),
    );
    const instance = i18next.createInstance();
    void instance.init({
      resources,
      initAsync: false,
      fallbackLng: "en",
      ns: ["codebook"],
      defaultNS: "codebook",
      interpolation: { escapeValue: false },
    });
    fixed = new Map(LOCALES.map((l) => [l, instance.getFixedT(l)]));
  }
  return fixed.get(locale)!;
}
