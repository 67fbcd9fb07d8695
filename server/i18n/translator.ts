import fs from "node:fs";
import path from "node:path";
import i18next, { type Resource, type TFunction } from "i18next";
import { RESPONDENT_LOCALES, type RespondentLocale } from "../shared/locales";

/** Namespaces the server reads from `locales/`. */
const SERVER_NAMESPACES = ["errors"] as const;

export type Translate = (
  locale: RespondentLocale,
  key: string,
  params?: Record<string, unknown>,
) => string;

/**
 * Loads the server's message catalogues once, synchronously, so a missing file
 * fails at start-up rather than on the first error a resident meets.
 */
export function createTranslator(localesDir: string): Translate {
  const resources: Resource = {};
  for (const lng of RESPONDENT_LOCALES) {
    resources[lng] = {};
    for (const ns of SERVER_NAMESPACES) {
      const file = path.join(localesDir, lng, `${ns}.json`);
      resources[lng]![ns] = JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    initAsync: false,
    fallbackLng: "he",
    ns: [...SERVER_NAMESPACES],
    defaultNS: "errors",
    interpolation: { escapeValue: false },
  });
  const fixed = new Map<RespondentLocale, TFunction>(
    RESPONDENT_LOCALES.map((l) => [l, instance.getFixedT(l)]),
  );
  return (locale, key, params) => fixed.get(locale)!(key, params ?? {});
}
