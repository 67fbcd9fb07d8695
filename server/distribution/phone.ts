/**
 * Israeli mobile numbers as people type them, made E.164 (+9725XXXXXXXX).
 *
 * Accepted: 05X-XXXXXXX, 05XXXXXXXX, +972 5X-XXX-XXXX, 9725XXXXXXXX, 009725…,
 * the common slip +972-05X… (trunk zero kept after the country code), and
 * 5XXXXXXXX (a spreadsheet that stored the number as a number dropped the zero).
 * Spaces, dashes of every kind, dots, brackets and the direction marks Hebrew
 * spreadsheets add around numbers are ignored.
 */
export type PhoneProblem =
  "empty" | "not-a-number" | "not-israeli" | "landline" | "wrong-length" | "not-mobile";

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: PhoneProblem };

// Separators and invisible marks (LRM, RLM, ALM, NBSP, isolates) copied along with numbers;
// any dash (\p{Pd}: hyphen, en/em dash, maqaf, fullwidth…) and the minus sign, which word
// processors and phones put in place of the hyphen-minus.
const NOISE = /[\s\p{Pd}\u2212.()[\]/\u00A0\u200E\u200F\u061C\u2066-\u2069\u202A-\u202E]/gu;

/** Normalises one Israeli mobile number, or says why it is not one. */
export function normalizeIsraeliMobile(raw: string | number | null | undefined): PhoneResult {
  if (raw === null || raw === undefined) return { ok: false, reason: "empty" };
  let text = String(raw).replace(NOISE, "");
  if (text === "") return { ok: false, reason: "empty" };
  if (!/^\+?\d+$/.test(text)) return { ok: false, reason: "not-a-number" };

  let national: string;
  if (text.startsWith("+") || text.startsWith("00")) {
    text = text.replace(/^(\+|00)/, "");
    if (!text.startsWith("972")) return { ok: false, reason: "not-israeli" };
    national = text.slice(3).replace(/^0/, "");
  } else if (text.startsWith("972") && text.length >= 11) {
    national = text.slice(3).replace(/^0/, "");
  } else if (text.startsWith("0")) {
    national = text.slice(1);
  } else if (text.length === 9 && text.startsWith("5")) {
    national = text;
  } else {
    return {
      ok: false,
      reason: text.length === 9 || text.length === 10 ? "not-mobile" : "wrong-length",
    };
  }
  if (!national.startsWith("5")) {
    // 02/03/04/08/09 and 07X are fixed lines; SMS cannot reach them.
    return { ok: false, reason: /^[234789]/.test(national) ? "landline" : "not-mobile" };
  }
  if (national.length !== 9) return { ok: false, reason: "wrong-length" };
  return { ok: true, e164: `+972${national}` };
}

/** A number shown to staff who may not see it whole: the last two digits only. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 4)}${"•".repeat(Math.max(0, e164.length - 6))}${e164.slice(-2)}`;
}

/** An Israeli mobile in E.164 as Israelis write it (050-700-0102); anything else unchanged. */
export function localMobile(e164: string): string {
  const m = /^\+9725(\d)(\d{3})(\d{4})$/.exec(e164);
  return m ? `05${m[1]}-${m[2]}-${m[3]}` : e164;
}
