import fs from "node:fs";
import path from "node:path";
import type { RespondentLocale } from "../shared/locales";

const cache = new Map<RespondentLocale, string>();

/**
 * The consent statement exactly as the resident read it (the respondent page
 * shows the same key), kept with the sign-up as the record of what was agreed.
 */
export function consentText(locale: RespondentLocale): string {
  let text = cache.get(locale);
  if (text === undefined) {
    const take = JSON.parse(
      fs.readFileSync(path.join(process.cwd(), "locales", locale, "take.json"), "utf8"),
    ) as {
      signup?: { consent?: string };
    };
    text = take.signup?.consent ?? "";
    if (!text) throw new Error(`locales/${locale}/take.json has no signup.consent`);
    cache.set(locale, text);
  }
  return text;
}
