import readXlsxFile from "read-excel-file/node";
import { parseCsv } from "../../analytics/csv";
import { ContactsFileError } from "../../errors";

/** A contacts file as rows of text cells, with the spreadsheet line each came from. */
export interface ContactTable {
  columns: string[];
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

/** An XLSX file is a ZIP archive: it starts with "PK\x03\x04". */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Text of a CSV file. Excel's "CSV" on a Hebrew Windows saves windows-1255,
 * not UTF-8; a file that is not valid UTF-8 is read as that.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1255").decode(bytes);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A phone stored as a number must not come back as 5.01234567e8.
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value);
}

/**
 * Reads a CSV (RFC 4180, the analytics parser) or XLSX file (first sheet, via
 * read-excel-file). The first non-empty row is the header.
 */
export async function readContactFile(bytes: Uint8Array): Promise<ContactTable> {
  if (bytes.length === 0) throw new ContactsFileError("empty");
  if (looksLikeXlsx(bytes)) {
    let sheet: unknown[][];
    try {
      sheet = (await readXlsxFile(Buffer.from(bytes)))[0]?.data ?? [];
    } catch {
      throw new ContactsFileError("xlsx-unreadable");
    }
    const lines = sheet.map((r, i) => ({ line: i + 1, cells: r.map(cellText) }));
    const filled = lines.filter((r) => r.cells.some((c) => c.trim() !== ""));
    const header = filled.shift();
    if (!header) throw new ContactsFileError("empty");
    const columns = header.cells.map((c) => c.trim());
    return {
      columns,
      rows: filled.map((r) => ({
        line: r.line,
        cells: Object.fromEntries(columns.map((c, i) => [c, r.cells[i] ?? ""])),
      })),
    };
  }
  try {
    const table = parseCsv(decodeCsv(bytes));
    // parseCsv skips blank lines; line numbers count the header as line 1.
    return {
      columns: table.columns,
      rows: table.rows.map((cells, i) => ({ line: i + 2, cells })),
    };
  } catch (err) {
    throw new ContactsFileError(
      err instanceof Error ? err.message.slice(0, 120) : "csv-unreadable",
    );
  }
}
