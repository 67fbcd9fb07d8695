import { cleanText } from "../../shared/text";
import { RESPONDENT_LOCALES, type Locale, type RespondentLocale } from "../../shared/locales";
import { normalizeIsraeliMobile, type PhoneProblem } from "../phone";
import { mapColumns, parseConsent, parseLanguage, parseOptOut } from "./columns";
import type { ContactTable } from "./file";

/** Why a row is not imported. */
export type RowProblem =
  PhoneProblem | "language" | "consent" | "parental-consent" | "opted-out" | "duplicate";

/** Imported, but not as the file said: shown so the coordinator can check. */
export type RowWarning = "language-default" | "language-not-offered";

/** A row ready to import. */
export interface ValidContact {
  line: number;
  e164: string;
  name?: string;
  locale: RespondentLocale;
  neighbourhood?: string;
  panelConsent: boolean;
  /**
   * A parent's or guardian's consent for a minor, when the file has the column:
   * an empty cell is no consent (it is never assumed); absent when the file has
   * no such column, so an import without it leaves what was recorded alone.
   */
  parentalConsent?: boolean;
}

/** The pre-flight report: the same for `npm run contacts:check` and an import. */
export interface ContactCheck {
  columns: Partial<Record<string, string>>;
  /** Headers of the file that no field reads, in the file's order. */
  ignored: string[];
  total: number;
  valid: ValidContact[];
  invalid: Array<{ line: number; reason: Exclude<RowProblem, "duplicate">; value: string }>;
  duplicates: Array<{ line: number; firstLine: number }>;
  warnings: Array<{ line: number; reason: RowWarning; value: string }>;
}

/** Shows enough of a rejected cell to find it, without echoing a whole number into logs. */
function hint(value: string): string {
  const v = cleanText(value).trim();
  return v.length <= 4 ? v : `${v.slice(0, 3)}…${v.slice(-2)}`;
}

/**
 * Checks every row: phone normalised to E.164, language and consent understood,
 * and a number seen earlier in the same file reported as a duplicate of its
 * first line. `defaultLocale` fills an empty language cell, and one it does not
 * understand (with a warning: losing the contact would be worse than a wrong language).
 * A row whose opt-out column says anything but "no" is not imported. A language the
 * wave does not offer (`offered`) also becomes `defaultLocale`, with a warning: its
 * link would open in a language whose texts were never checked for the wave.
 */
export function checkContacts(
  table: ContactTable,
  defaultLocale: Locale,
  offered: readonly RespondentLocale[] = RESPONDENT_LOCALES,
): ContactCheck {
  const map = mapColumns(table.columns);
  const used = new Set<string>(Object.values(map));
  const report: ContactCheck = {
    columns: map,
    ignored: table.columns.filter((c) => !used.has(c) && c.trim() !== ""),
    total: table.rows.length,
    valid: [],
    invalid: [],
    duplicates: [],
    warnings: [],
  };
  if (!map.phone) return report;
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const rawPhone = cells[map.phone] ?? "";
    const phone = normalizeIsraeliMobile(rawPhone);
    if (!phone.ok) {
      report.invalid.push({ line, reason: phone.reason, value: hint(rawPhone) });
      continue;
    }
    if (map.optOut && parseOptOut(cells[map.optOut] ?? "")) {
      report.invalid.push({ line, reason: "opted-out", value: "" });
      continue;
    }
    const langCell = map.language ? (cells[map.language] ?? "") : "";
    let locale = parseLanguage(langCell, defaultLocale);
    if (!locale) {
      report.warnings.push({ line, reason: "language-default", value: hint(langCell) });
      locale = defaultLocale;
    } else if (!offered.includes(locale)) {
      report.warnings.push({ line, reason: "language-not-offered", value: locale });
      locale = defaultLocale;
    }
    const consentCell = map.panelConsent ? (cells[map.panelConsent] ?? "") : "";
    const consent = parseConsent(consentCell);
    if (consent === null) {
      report.invalid.push({ line, reason: "consent", value: hint(consentCell) });
      continue;
    }
    const parentalCell = map.parentalConsent ? (cells[map.parentalConsent] ?? "") : "";
    const parental = map.parentalConsent ? parseConsent(parentalCell) : undefined;
    if (parental === null) {
      report.invalid.push({ line, reason: "parental-consent", value: hint(parentalCell) });
      continue;
    }
    const first = seen.get(phone.e164);
    if (first !== undefined) {
      report.duplicates.push({ line, firstLine: first });
      continue;
    }
    seen.set(phone.e164, line);
    const name = map.name
      ? cleanText(cells[map.name] ?? "")
          .trim()
          .slice(0, 120)
      : "";
    const hood = map.neighbourhood ? cleanText(cells[map.neighbourhood] ?? "").trim() : "";
    report.valid.push({
      line,
      e164: phone.e164,
      ...(name ? { name } : {}),
      locale,
      ...(hood ? { neighbourhood: hood.slice(0, 80) } : {}),
      panelConsent: consent,
      ...(parental === undefined ? {} : { parentalConsent: parental }),
    });
  }
  return report;
}

/** The report without the valid rows' personal data: what a person or a machine is shown. */
export function summarizeCheck(check: ContactCheck) {
  const byLocale: Record<string, number> = {};
  for (const v of check.valid) byLocale[v.locale] = (byLocale[v.locale] ?? 0) + 1;
  return {
    columns: check.columns,
    ignored: check.ignored,
    total: check.total,
    valid: check.valid.length,
    byLocale,
    panelConsents: check.valid.filter((v) => v.panelConsent).length,
    invalid: check.invalid,
    duplicates: check.duplicates,
    warnings: check.warnings,
  };
}
