import type { RespondentLocale } from "../shared/locale";

/** The kiosk's languages, each named in itself (a resident looks for their own). */
export const KIOSK_LANGUAGES: ReadonlyArray<{ locale: RespondentLocale; label: string }> = [
  { locale: "he", label: "עברית" },
  { locale: "ar", label: "العربية" },
  { locale: "ru", label: "Русский" },
  { locale: "en", label: "English" },
];
