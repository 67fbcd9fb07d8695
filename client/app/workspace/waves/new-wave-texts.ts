import { LOCALES, type Locale } from "../../../shared/locale";
import type { Texts } from "./settings";

/** The languages residents of these authorities answer in. */
export function localesOf(populations: string[]): Locale[] {
  const need = new Set<Locale>();
  for (const p of populations) {
    if (p !== "arab") need.add("he");
    if (p !== "jewish") need.add("ar");
  }
  return LOCALES.filter((l) => need.has(l));
}

/** Per language, the longest of the names: SMS parts are counted for the longest text sent. */
export function longest(names: Texts[]): Texts {
  const pick = (l: Locale) => names.map((n) => n[l]).sort((a, b) => b.length - a.length)[0] ?? "";
  return { he: pick("he"), ar: pick("ar"), en: pick("en") };
}
