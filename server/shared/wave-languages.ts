/**
 * The languages a wave offers its residents: the language buttons of its take page
 * and kiosk, the languages its personal links open in, and the languages its
 * readiness check and TRAPD gate ask translations for. Hebrew is always offered.
 */
import { RESPONDENT_LOCALES, type Locale, type RespondentLocale } from "./locales";

/**
 * What a wave offers when nobody chose: every resident language. Waves made before
 * the setting existed read as this too, since their pages showed all four.
 */
export const ALL_WAVE_LANGUAGES: readonly RespondentLocale[] = RESPONDENT_LOCALES;

/**
 * The languages a stored wave offers, in the platform's order, Hebrew first. An absent
 * or empty list (a wave stored before the setting) offers every language.
 */
export function offeredLanguages(stored: readonly string[] | null | undefined): RespondentLocale[] {
  if (!stored || stored.length === 0) return [...ALL_WAVE_LANGUAGES];
  return RESPONDENT_LOCALES.filter((l) => l === "he" || stored.includes(l));
}

/** The stored-text locales behind the languages offered (Russian reads no stored text of its own). */
export function offeredStoredLocales(offered: readonly RespondentLocale[]): Locale[] {
  return offered.filter((l): l is Locale => l !== "ru");
}

/**
 * The authority's default language within what a wave offers: Arabic in an Arab
 * locality that offers it, else Hebrew, which every wave offers.
 */
export function defaultLanguage(offered: readonly RespondentLocale[], population: string): Locale {
  return population === "arab" && offered.includes("ar") ? "ar" : "he";
}

/** The language a resident who asked for `asked` is served in: it when offered, else the default. */
export function servedLanguage(
  asked: RespondentLocale,
  offered: readonly RespondentLocale[],
  population: string,
): RespondentLocale {
  return offered.includes(asked) ? asked : defaultLanguage(offered, population);
}
