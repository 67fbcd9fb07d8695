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

/** Printable ASCII (and tab and line breaks), which cleanText with newlines kept leaves as it is. */
const PLAIN_ASCII = /^[\t\n\r\x20-\x7e]*$/;

/**
 * Applies cleanText to every string inside a JSON-like value (answers, labels).
 * What cleaning leaves as it was is returned as it was, not copied: every
 * submission passes through here, and nearly all its answers are numbers or
 * clean text.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === "string") {
    if (PLAIN_ASCII.test(value)) return value;
    return cleanText(value, { keepNewlines: true }) as T;
  }
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const cleaned = cleanStrings(value[i] as unknown);
      if (cleaned !== value[i]) (out ??= value.slice())[i] = cleaned;
    }
    return (out ?? value) as T;
  }
  let changed: Array<[string, unknown]> | undefined;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    const cleaned = cleanStrings(v);
    if (cleaned !== v) (changed ??= []).push([k, cleaned]);
  }
  if (!changed) return value;
  // fromEntries defines own properties, so a "__proto__" key cannot reach a prototype.
  return Object.fromEntries([...Object.entries(value), ...changed]) as T;
}
