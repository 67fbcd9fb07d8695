import fs from "node:fs";
import path from "node:path";
import type { Locale } from "../shared/locales";

const cache = new Map<Locale, Record<string, string>>();

/**
 * A change's reading in words, as the dashboard shows it, for a table a person
 * reads outside the platform: the key ("change.noReliableChange") in the
 * export's language, from the same catalogue as the results page
 * (locales/<locale>/results.json). Null for no change.
 */
export function changeWords(locale: Locale, key: string | null): string | null {
  if (key === null) return null;
  let words = cache.get(locale);
  if (!words) {
    const file = path.join(process.cwd(), "locales", locale, "results.json");
    const results = JSON.parse(fs.readFileSync(file, "utf8")) as {
      change?: Record<string, string>;
    };
    words = results.change ?? {};
    cache.set(locale, words);
  }
  const name = key.replace(/^change\./, "");
  const text = words[name];
  if (!text) throw new Error(`locales/${locale}/results.json has no change.${name}`);
  return text;
}
