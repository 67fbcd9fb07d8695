/**
 * The XLSX writer of the exports (issue 22: ≥ 5,000 rows/s with the store's
 * reading included, so the writer itself must be several times faster): what
 * it writes reads back in ExcelJS as written (Hebrew, escapes, numbers, empty
 * cells, text that looks like a formula, a bold frozen header, right to left),
 * and a wide sheet of many rows reads back whole. Its speed is a benchmark:
 * `npm run bench:xlsx-writer`.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { writeXlsx } from "../../server/exports/xlsx-writer";
import type { ExportValue } from "../../server/exports/rows";

async function written(
  columns: string[],
  rows: ExportValue[][],
  rtl = false,
): Promise<{ file: Buffer }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await writeXlsx(out, [
    {
      name: "responses",
      columns: columns.map((name) => ({ name })),
      rtl,
      rows: (async function* () {
        yield* rows;
      })(),
    },
  ]);
  out.end();
  return { file: Buffer.concat(chunks) };
}

it("reads back as written: text, numbers, empty cells, a bold frozen header, right to left", async () => {
  const { file } = await written(
    ["response_id", "wave_name", "score", "note"],
    [
      ["a1", "מדידת בסיס", 3.25, "=1+1"],
      ["a2", 'A & B <c> "d"\u0007', null, " padded "],
      ["a3", "قياس", 0, null],
    ],
    true,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("responses")!;
  expect(sheet.rowCount).toBe(4);
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
    "response_id",
    "wave_name",
    "score",
    "note",
  ]);
  expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1, rightToLeft: true });
  expect(sheet.getRow(2).getCell(2).value).toBe("מדידת בסיס");
  expect(sheet.getRow(2).getCell(3).value).toBe(3.25);
  // Text that looks like a formula stays text.
  expect(sheet.getRow(2).getCell(4).value).toBe("=1+1");
  expect(sheet.getRow(3).getCell(2).value).toBe('A & B <c> "d"');
  expect(sheet.getRow(3).getCell(3).value).toBeNull();
  expect(sheet.getRow(3).getCell(4).value).toBe(" padded ");
  expect(sheet.getRow(4).getCell(3).value).toBe(0);
});

it("writes a wide sheet of 20,000 rows that reads back whole", async () => {
  const columns = Array.from({ length: 60 }, (_, i) => `q${i}`);
  const rows = Array.from({ length: 20_000 }, (_, r) =>
    columns.map((_, c): ExportValue =>
      c < 4 ? `text ${r}-${c}` : c % 7 === 0 ? null : (r + c) % 5,
    ),
  );
  const { file } = await written(columns, rows);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("responses")!;
  expect(sheet.rowCount).toBe(20_001);
  expect(sheet.getRow(20_001).getCell(1).value).toBe("text 19999-0");
  expect(sheet.getRow(20_001).getCell(60).value).toBe((19_999 + 59) % 5);
  expect(sheet.getRow(20_001).getCell(8).value).toBeNull();
}, 60_000);
