/**
 * Masculine-only forms addressed to the respondent, per language, where the bank's
 * style has an inclusive form. The bank writes Hebrew with slash forms ("את/ה גר/ה",
 * "מסכים/ה"), Arabic with noun phrases and possessive suffixes that read for both
 * ("ما مدى رضاك", "ما هي فئتك العمرية") or a slash form ("تسكن/ين"), Russian with
 * the polite plural ("Вы участвовали") or a slash form ("согласен/согласна"), and
 * English with "they". `surveys:check` reports every match.
 */

/** One masculine-only pattern, with the inclusive form the bank uses instead. */
export interface GenderPattern {
  pattern: RegExp;
  instead: string;
}

const HE = "\\u0590-\\u05FF";
// Arabic letters and vowel marks only: the Arabic question mark (U+061F) ends a word.
const AR = "\\u0621-\\u065F\\u0670-\\u06D3";
// Not inside a longer word and not already a slash form.
const heEnd = `(?![${HE}/])`;
const arEnd = `(?![${AR}/])`;

// Hebrew first-person and second-person present forms that have a feminine form.
const HE_MASCULINE = [
  "מסכים",
  "מתנגד",
  "סומך",
  "גר",
  "משתייך",
  "מרגיש",
  "חושב",
  "יודע",
  "מתנדב",
  "עובד",
  "לומד",
  "מעדיף",
  "מכיר",
  "יכול",
  "צריך",
  "מוכן",
  "בטוח",
  "מעורב",
  "משתתף",
  "פעיל",
].join("|");

// Arabic second-person masculine imperfect verbs. The same letters are a third-person
// feminine verb ("تعمل السلطة", "تستطيع بلدتي"), so only a question addressed to the
// respondent counts: an interrogative, at most three words, then the verb.
const AR_MASCULINE = [
  "تسكن",
  "تنتمي",
  "تعيش",
  "تعمل",
  "تشعر",
  "تعتقد",
  "توافق",
  "تثق",
  "تعرف",
  "تستطيع",
  "تريد",
  "تفضّل",
  "تفضل",
  "تشارك",
  "تتطوّع",
  "تتطوع",
  "تقيم",
  "تدرس",
  "تحب",
  "تحبّ",
  "ترى",
  "تقوم",
  "تفعل",
].join("|");

/** The patterns per language; a locale not listed has none. */
export const MASCULINE_ONLY: Record<string, GenderPattern[]> = {
  he: [
    { pattern: new RegExp(`(?<![${HE}])אתה${heEnd}`), instead: "את/ה" },
    {
      pattern: new RegExp(`(?<![${HE}])(?:אני|את/ה)\\s+(?:לא\\s+)?(?:${HE_MASCULINE})${heEnd}`),
      instead: "a slash form, e.g. מסכים/ה, גר/ה",
    },
  ],
  ar: [
    {
      pattern: new RegExp(
        `(?<![${AR}])(?:هل|كم|متى|أين|أيّ|أي|ماذا|لماذا|كيف)(?:\\s+[${AR}]+){0,3}?\\s+(?:${AR_MASCULINE})${arEnd}`,
      ),
      instead: "a noun phrase (ما هي فئتك…) or a slash form (تسكن/ين)",
    },
    { pattern: new RegExp(`(?<![${AR}])أنتَ${arEnd}`), instead: "a form for both (أنتَ/أنتِ)" },
  ],
  ru: [
    {
      // first person only: "Мой посёлок готов" is about the place, not the respondent
      pattern:
        /(?<![\p{L}])я\s+(?:не\s+|бы\s+)?(?:согласен|уверен|доволен|готов|должен|рад|знаком|удовлетворён|удовлетворен)(?![\p{L}/])/iu,
      instead: "the polite plural (Вы согласны) or a slash form (согласен/согласна)",
    },
    {
      pattern: /(?<![\p{L}])я\s+(?:не\s+)?[\p{L}]+л(?:ся)?(?![\p{L}/])/iu,
      instead: "a form for both (я участвовал/участвовала) or the present tense",
    },
  ],
  en: [{ pattern: /\b(?:he|him|his|himself)\b/i, instead: "they / them / their" }],
};

/** The masculine-only form found in `text`, with its inclusive replacement, or null. */
export function masculineOnlyIn(
  text: string,
  locale: string,
): { match: string; instead: string } | null {
  for (const { pattern, instead } of MASCULINE_ONLY[locale] ?? []) {
    const m = pattern.exec(text);
    if (m) return { match: m[0], instead };
  }
  return null;
}
