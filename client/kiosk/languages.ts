import type { Locale } from "../shared/locale";

/** The kiosk's languages, each named in itself (a resident looks for their own). */
export const KIOSK_LANGUAGES: ReadonlyArray<{ locale: Locale; label: string }> = [
  { locale: "he", label: "עברית" },
  { locale: "ar", label: "العربية" },
  { locale: "en", label: "English" },
];
