/**
 * Free text from the internet, made safe to store, show and export.
 *
 * - Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are removed:
 *   they can reorder what a reader sees ("Trojan Source") and spill direction into
 *   the surrounding page. The plain marks LRM, RLM and ALM stay: Hebrew and Arabic
 *   writers use them legitimately.
 * - C0/C1 control characters are removed (tabs and line breaks become spaces unless
 *   kept on request), as are
 *   zero-width characters other than ZWJ/ZWNJ (needed by Arabic and emoji).
 * - The text is NFC-normalised, so the same words compare equal.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Matching control characters is this module's purpose.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS_AND_TABS = /[\t\n\r\u2028\u2029]/g;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;

/** Removes bidi controls, control and invisible characters; see the module note. */
export function cleanText(text: string, options: { keepNewlines?: boolean } = {}): string {
  const flat = options.keepNewlines ? text : text.replace(LINE_BREAKS_AND_TABS, " ");
  return flat
    .normalize("NFC")
    .replace(BIDI_CONTROLS, "")
    .replace(CONTROLS, "")
    .replace(INVISIBLE, "");
}

/** True when the text holds bidi controls or control characters that cleanText would remove. */
export function hasUnsafeCharacters(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source).test(text) || new RegExp(CONTROLS.source).test(text);
}

/** Applies cleanText to every string inside a JSON-like value (answers, labels). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") return cleanText(value, { keepNewlines: true }) as T;
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v)) as T;
  if (value && typeof value === "object") {
    // fromEntries defines own properties, so a "__proto__" key cannot reach a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanStrings(v)])) as T;
  }
  return value;
}
