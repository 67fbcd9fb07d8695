/**
 * The exports' XLSX writer alone, beside ExcelJS's streaming writer on the same
 * rows in the same run: rows per CPU-second of each, medians of several runs.
 * CPU time, not the clock, so other work on a shared machine does not count.
 *
 *   npm run bench:xlsx-writer -- --rows 20000 --columns 60 --runs 5
 */
import { PassThrough } from "node:stream";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import type { ExportValue } from "../../server/exports/rows";
import { writeXlsx } from "../../server/exports/xlsx-writer";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "20000" },
    columns: { type: "string", default: "60" },
    runs: { type: "string", default: "5" },
  },
});
const nRows = Number(values.rows);
const columns = Array.from({ length: Number(values.columns) }, (_, i) => `q${i}`);
// Like a responses export: a few text columns, then codes with empty cells.
const rows = Array.from({ length: nRows }, (_, r) =>
  columns.map((_, c): ExportValue => (c < 4 ? `text ${r}-${c}` : c % 7 === 0 ? null : (r + c) % 5)),
);

/** CPU seconds one write of every row takes. */
async function cpuOf(write: (out: PassThrough) => Promise<void>): Promise<number> {
  const out = new PassThrough();
  out.resume();
  const before = process.cpuUsage();
  await write(out);
  const cpu = process.cpuUsage(before);
  out.end();
  return (cpu.user + cpu.system) / 1e6;
}

const ours = (out: PassThrough) =>
  writeXlsx(out, [
    {
      name: "responses",
      columns: columns.map((name) => ({ name })),
      rows: (async function* () {
        yield* rows;
      })(),
    },
  ]);

async function excel(out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = wb.addWorksheet("responses");
  sheet.addRow(columns).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await wb.commit();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(values.runs);
  const rate: Record<string, number[]> = { writer: [], exceljs: [] };
  for (let i = 0; i < runs; i += 1) {
    rate.writer!.push(nRows / (await cpuOf(ours)));
    rate.exceljs!.push(nRows / (await cpuOf(excel)));
  }
  const writer = median(rate.writer!);
  const exceljs = median(rate.exceljs!);
  console.log(`${nRows} rows × ${columns.length} columns, median of ${runs} runs`);
  console.log(`xlsx writer  ${Math.round(writer)} rows per CPU-second`);
  console.log(`ExcelJS      ${Math.round(exceljs)} rows per CPU-second (baseline)`);
  console.log(`ratio        ${(writer / exceljs).toFixed(2)}x`);
}

void main();
