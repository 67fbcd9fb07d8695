import { cleanText } from "../shared/text";

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP's list): a
 * cell starting with one of them, possibly after spaces, is prefixed with `'`.
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r|%]/;

/**
 * One CSV cell, safe to open in Excel, LibreOffice or Google Sheets: bidi
 * overrides and control characters removed, formula starts neutralised, and the
 * value quoted when it holds a comma, quote or line break. Numbers pass through
 * unchanged (a negative number is data, not a formula).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = cleanText(value, { keepNewlines: true });
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type CellValue = Parameters<typeof csvCell>[0];

/**
 * One CSV line (CRLF-terminated, as RFC 4180 says) of safe cells; `cell` makes
 * each column's text (csvCell, or one that keeps csvCell's texts it made).
 */
export function csvRow<V extends CellValue>(
  values: ReadonlyArray<V>,
  cell: (value: V, column: number) => string = csvCell,
): string {
  return `${values.map((v, i) => cell(v, i)).join(",")}\r\n`;
}
