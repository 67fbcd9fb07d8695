/** The locales the platform speaks; Hebrew is the default. */
export const LOCALES = ["he", "ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "he";

/** Right-to-left locales. */
export const RTL_LOCALES: ReadonlySet<Locale> = new Set<Locale>(["he", "ar"]);

/** Text in every locale; every key is required so a missing translation is a schema error. */
export type LocalizedText = Record<Locale, string>;

/** True when the value names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Writing direction of a locale. */
export function directionOf(locale: Locale): "rtl" | "ltr" {
  return RTL_LOCALES.has(locale) ? "rtl" : "ltr";
}
