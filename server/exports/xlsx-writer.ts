import type { Stream } from "node:stream";
import ExcelJS from "exceljs";
import type { ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/** A sheet of a workbook export. */
export interface Sheet {
  name: string;
  columns: readonly Pick<ExportColumn, "name">[];
  rows: AsyncIterable<ExportValue[]>;
  /** Right to left (Hebrew, Arabic labels). */
  rtl?: boolean;
}

// Excel runs a cell that starts like a formula only when it is typed as one;
// ExcelJS writes strings as text, so "=1+1" stays text. Control characters are
// not allowed in XML and are dropped.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function cell(v: ExportValue): ExcelJS.CellValue {
  if (v === null) return null;
  return typeof v === "number" ? v : v.replace(XML_UNSAFE, "");
}

/**
 * Sheets as an XLSX workbook, written by ExcelJS's streaming writer: each row
 * is committed as it comes, so memory stays flat. Strings are inline, not
 * shared, for the same reason.
 */
export async function writeXlsx(
  out: NodeJS.WritableStream,
  sheets: readonly Sheet[],
  onRow?: () => void,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = "Kehila Pulse";
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, {
      views: [{ state: "frozen", ySplit: 1, rightToLeft: s.rtl ?? false }],
    });
    const header = sheet.addRow(s.columns.map((c) => c.name));
    header.font = { bold: true };
    header.commit();
    for await (const row of s.rows) {
      sheet.addRow(row.map(cell)).commit();
      onRow?.();
    }
    sheet.commit();
  }
  await workbook.commit();
}
