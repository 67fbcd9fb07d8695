/**
 * A contacts file as authorities really send them: Hebrew headers, numbers in
 * every format, a landline, a foreign number, a typo, duplicates (one written
 * differently), empty and unknown languages, consent in Hebrew and Arabic.
 */
export const MESSY_HEADER = ["שם", "טלפון נייד", "שפה", "שכונה", "הסכמה לפאנל"];

export const MESSY_ROWS: Array<Array<string | number | null>> = [
  ["דנה כהן", "050-1234567", "עברית", "מרכז", "כן"], // line 2 valid
  ["Ahmad Khalil", "+972 52 765 4321", "عربي", "الحي الشرقي", "نعم"], // 3 valid
  ["יוסי", "0501234567", "", "מרכז", ""], // 4 duplicate of line 2
  ["Sara", "972-50-123-4567", "en", "", "no"], // 5 duplicate of line 2, written differently
  ["משרד", "02-6234567", "he", "", ""], // 6 landline
  ["Tourist", "+1 202 555 0100", "en", "", ""], // 7 not Israeli
  ["טעות", "050-12345", "he", "", ""], // 8 wrong length
  ["ריק", "", "he", "", ""], // 9 empty
  ["Rami", "054 111 2233", "french", "", ""], // 10 valid: unknown language, default + warning
  ["נועה", 523334444, "ערבית", "צפון", "לא"], // 11 valid: Excel kept it as a number
  ["لينا", "(058) 999-8877", "العربية", "", "maybe"], // 12 consent unclear
  ['=HYPERLINK("x")', "055-4443322", "he", "", "1"], // 13 valid; the name is data, not a formula
];

/** The same rows as CSV text (what "Save as CSV UTF-8" gives). */
export function messyCsv(): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [MESSY_HEADER, ...MESSY_ROWS].map((r) => r.map(cell).join(",")).join("\r\n");
}

/** The report every reader of the messy file must give. */
export const MESSY_EXPECTED = {
  total: 12,
  valid: 5,
  invalid: [
    { line: 6, reason: "landline" },
    { line: 7, reason: "not-israeli" },
    { line: 8, reason: "wrong-length" },
    { line: 9, reason: "empty" },
    { line: 12, reason: "consent" },
  ],
  duplicates: [
    { line: 4, firstLine: 2 },
    { line: 5, firstLine: 2 },
  ],
};
