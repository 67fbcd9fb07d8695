/** The locales the platform speaks; Hebrew is the default. Stored texts carry all three. */
export const LOCALES = ["he", "ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "he";

/**
 * The languages a resident may answer in: the platform's three and Russian (the
 * CBS Social Survey fields Hebrew, Arabic and Russian). The workspace stays in
 * the three; a text with no Russian version is shown to a Russian reader in
 * Hebrew (see `textIn`).
 */
export const RESPONDENT_LOCALES = [...LOCALES, "ru"] as const;
export type RespondentLocale = (typeof RESPONDENT_LOCALES)[number];

/** Right-to-left locales. */
export const RTL_LOCALES: ReadonlySet<RespondentLocale> = new Set<RespondentLocale>(["he", "ar"]);

/**
 * Text in every locale; every key of the three is required so a missing translation
 * is a schema error. Russian is optional: items gain it as they are translated.
 */
export type LocalizedText = Record<Locale, string> & { ru?: string };

/** True when the value names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** True when the value names a language a resident may answer in. */
export function isRespondentLocale(value: unknown): value is RespondentLocale {
  return typeof value === "string" && (RESPONDENT_LOCALES as readonly string[]).includes(value);
}

/**
 * The stored-text locale behind a resident's language: Russian reads stored texts
 * in Hebrew until they have a Russian version.
 */
export function storedLocaleOf(locale: RespondentLocale): Locale {
  return locale === "ru" ? DEFAULT_LOCALE : locale;
}

/** A stored text in a resident's language, falling back to Hebrew where Russian is missing. */
export function textIn(
  text: Record<Locale, string> & { ru?: string | null },
  locale: RespondentLocale,
): string {
  if (locale === "ru") return text.ru?.trim() ? text.ru : text[DEFAULT_LOCALE];
  return text[locale];
}

/** Writing direction of a locale. */
export function directionOf(locale: RespondentLocale): "rtl" | "ltr" {
  return RTL_LOCALES.has(locale) ? "rtl" : "ltr";
}
