import type { Locale } from "../../shared/locales";

/**
 * Header names authorities actually use, in Hebrew, Arabic and English. Compared
 * after lower-casing and dropping spaces, dashes, underscores and quotes.
 */
const ALIASES = {
  phone: [
    "phone",
    "mobile",
    "cell",
    "phonenumber",
    "mobilephone",
    "טלפון",
    "נייד",
    "טלפוןנייד",
    "מספרטלפון",
    "פלאפון",
    "هاتف",
    "الهاتف",
    "جوال",
    "الجوال",
    "رقمالهاتف",
    "رقمالجوال",
  ],
  name: ["name", "fullname", "שם", "שםמלא", "اسم", "الاسم", "الاسمالكامل"],
  language: ["language", "lang", "locale", "שפה", "לשון", "لغة", "اللغة"],
  neighbourhood: [
    "neighbourhood",
    "neighborhood",
    "area",
    "שכונה",
    "אזור",
    "حي",
    "الحي",
    "المنطقة",
  ],
  panelConsent: [
    "panel",
    "panelconsent",
    "consent",
    "פאנל",
    "הסכמהלפאנל",
    "הסכמה",
    "لجنة",
    "موافقة",
    "الموافقة",
    "موافقةالمتابعة",
  ],
} as const;

export type ContactField = keyof typeof ALIASES;

const squash = (s: string) => s.toLowerCase().replace(/[\s\-_'"׳״.]/g, "");

/** Which column of the file holds each field (first match wins), by header name. */
export function mapColumns(columns: readonly string[]): Partial<Record<ContactField, string>> {
  const out: Partial<Record<ContactField, string>> = {};
  for (const [field, names] of Object.entries(ALIASES) as [ContactField, readonly string[]][]) {
    const found = columns.find((c) => names.includes(squash(c)));
    if (found !== undefined) out[field] = found;
  }
  return out;
}

const LANGUAGES: Record<string, Locale> = {
  he: "he",
  heb: "he",
  hebrew: "he",
  עברית: "he",
  עב: "he",
  عبري: "he",
  العبرية: "he",
  ar: "ar",
  ara: "ar",
  arabic: "ar",
  ערבית: "ar",
  عربي: "ar",
  العربية: "ar",
  عربية: "ar",
  en: "en",
  eng: "en",
  english: "en",
  אנגלית: "en",
  انجليزي: "en",
  الإنجليزية: "en",
  إنجليزي: "en",
};

/** A language cell as a locale; empty gives the fallback, anything unknown gives null. */
export function parseLanguage(cell: string, fallback: Locale): Locale | null {
  const key = squash(cell);
  if (key === "") return fallback;
  return LANGUAGES[key] ?? null;
}

const YES = new Set(["yes", "y", "true", "1", "כן", "ok", "نعم", "موافق", "v", "✓", "x"]);
const NO = new Set(["no", "n", "false", "0", "לא", "لا", ""]);

/** A consent cell: true, false, or null when it says neither. */
export function parseConsent(cell: string): boolean | null {
  const key = squash(cell);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}
