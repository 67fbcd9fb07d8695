import type { Locale, RespondentLocale } from "../../shared/locales";

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
  // A parent's or guardian's consent for a minor (the youth module, ages 12-17).
  parentalConsent: [
    "parentalconsent",
    "parentconsent",
    "guardianconsent",
    "parentorguardianconsent",
    "הסכמתהורים",
    "הסכמתהורה",
    "אישורהורים",
    "הסכמתהוריםלקטין",
    "موافقةالأهل",
    "موافقةالاهل",
    "موافقةالوالدين",
    "موافقةوليالأمر",
    "موافقةوليالامر",
  ],
  // A resident who asked not to be contacted: such a column must never be ignored.
  optOut: [
    "optout",
    "optedout",
    "unsubscribe",
    "unsubscribed",
    "donotcontact",
    "donotsend",
    "remove",
    "removed",
    "הסרה",
    "הוסר",
    "להסיר",
    "הסרהמרשימה",
    "לאלשלוח",
    "לאליצורקשר",
    "سحب",
    "حذف",
    "إزالة",
    "ازالة",
    "إلغاءالاشتراك",
    "الغاءالاشتراك",
    "عدمالإرسال",
    "عدمالارسال",
    "لاترسل",
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

const LANGUAGES: Record<string, RespondentLocale> = {
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
  ru: "ru",
  rus: "ru",
  russian: "ru",
  רוסית: "ru",
  русский: "ru",
  русскийязык: "ru",
  روسي: "ru",
  الروسية: "ru",
  روسية: "ru",
};

/** A language cell as a resident's language; empty gives the fallback, anything unknown gives null. */
export function parseLanguage(cell: string, fallback: Locale): RespondentLocale | null {
  const key = squash(cell);
  if (key === "") return fallback;
  return LANGUAGES[key] ?? null;
}

const YES = new Set(["yes", "y", "true", "1", "כן", "ok", "نعم", "موافق", "v", "✓", "x"]);
const NO = new Set(["no", "n", "false", "0", "לא", "لا", ""]);

/**
 * An opt-out cell: only an empty cell or a clear "no" lets the resident be invited;
 * anything else (yes, a date, a note) keeps them out, as they may have asked to be.
 */
export function parseOptOut(cell: string): boolean {
  return !NO.has(squash(cell));
}

/** A consent cell: true, false, or null when it says neither. */
export function parseConsent(cell: string): boolean | null {
  const key = squash(cell);
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}
