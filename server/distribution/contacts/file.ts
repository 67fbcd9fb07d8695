import { parseCsv } from "../../analytics/csv";
import { ContactsFileError } from "../../errors";
import { readXlsxRows } from "./xlsx-reader";

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

/**
 * Reads a CSV (RFC 4180, the analytics parser) or XLSX file (first sheet,
 * xlsx-reader.ts). The first non-empty row is the header.
 */
export async function readContactFile(bytes: Uint8Array): Promise<ContactTable> {
  if (bytes.length === 0) throw new ContactsFileError("empty");
  if (looksLikeXlsx(bytes)) {
    // Streamed and bounded (xlsx-reader.ts): read whole, XML cost many times its size.
    const filled = readXlsxRows(bytes);
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
