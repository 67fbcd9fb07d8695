/**
 * `npm run bench:contacts [-- --rows 50000] [--format xlsx]`: imports a contacts
 * file of N rows (realistic formats, a few invalid and duplicate rows) into a
 * wave on a fresh embedded store, through the same code as the import route, and
 * prints the time of each step and the memory used (peak RSS while reading the
 * file and overall, heap growth). The XLSX is written by ExcelJS with shared
 * strings, as Excel writes them.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { checkContacts } from "../../server/distribution/contacts/check";
import { readContactFile } from "../../server/distribution/contacts/file";
import { importContacts } from "../../server/distribution/contacts/import";
import { Invitation } from "../../server/distribution/invitations/model";
import { createFieldCipher } from "../../server/privacy/crypto";
import { benchSmsWave } from "./sms-wave";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "50000" },
    format: { type: "string", default: "csv" },
    "write-xlsx": { type: "string" },
  },
});
const ROWS = Number(values.rows);
const FORMAT = values.format === "xlsx" ? "xlsx" : "csv";
const FORMATS = [
  (n: string) => `05${n.slice(0, 1)}-${n.slice(1)}`,
  (n: string) => `+972 5${n.slice(0, 1)} ${n.slice(1, 4)} ${n.slice(4)}`,
  (n: string) => `9725${n}`,
  (n: string) => `05${n}`,
];

/** The rows of `rows` residents: mixed formats, languages, consent; 1% bad, 1% repeated. */
function makeLines(rows: number): string[] {
  const national = (i: number) => `${i % 9}${String(1_000_000 + i).slice(-7)}`;
  const lines = ["שם,טלפון נייד,שפה,שכונה,הסכמה לפאנל"];
  for (let i = 0; i < rows; i++) {
    let phone = FORMATS[i % 4]!(national(i));
    if (i % 100 === 17) phone = "02-6234567"; // a landline
    if (i % 100 === 42) phone = FORMATS[(i + 1) % 4]!(national(i - 1)); // the row before, written otherwise
    const lang = i % 3 === 0 ? "ערבית" : "עברית";
    lines.push(`תושב ${i},${phone},${lang},שכונה ${i % 12},${i % 4 === 0 ? "כן" : ""}`);
  }
  return lines;
}

/** Writes the rows as an XLSX with ExcelJS (shared strings, as Excel writes them). */
async function writeXlsx(rows: number, filename: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("contacts");
  for (const line of makeLines(rows)) sheet.addRow(line.split(","));
  await workbook.xlsx.writeFile(filename);
}

async function makeFile(rows: number): Promise<Buffer> {
  if (FORMAT === "csv") return Buffer.from(makeLines(rows).join("\r\n"));
  // Written by a process of its own, so making it leaves this one's memory as it was.
  const filename = path.join(os.tmpdir(), `kp-bench-contacts-${process.pid}.xlsx`);
  execFileSync(process.execPath, [
    "--import",
    "tsx",
    // npm runs scripts from the repository's root.
    path.join("scripts", "bench", "contacts-import.ts"),
    "--rows",
    String(rows),
    "--write-xlsx",
    filename,
  ]);
  const bytes = fs.readFileSync(filename);
  fs.rmSync(filename);
  return bytes;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main() {
  const { config, authority, wave, close } = await benchSmsWave("contacts", "mixed", new Date());
  const file = await makeFile(ROWS);
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  const t0 = performance.now();
  const table = await readContactFile(file);
  const peakRssRead = Math.max(peakRss, process.memoryUsage().rss);
  const check = checkContacts(table, "he");
  const t1 = performance.now();
  const counts = await importContacts(
    check,
    { authorityId: authority._id, waveId: wave._id },
    { cipher: createFieldCipher(config.dataKeys), linkSecret: config.linkSecret },
  );
  const t2 = performance.now();
  clearInterval(sampler);
  const heapAfter = process.memoryUsage().heapUsed;
  const invitations = await Invitation.countDocuments({ waveId: wave._id });

  console.log(
    `contacts import of ${ROWS.toLocaleString("en")} rows (${mb(file.length)} ${FORMAT.toUpperCase()}), embedded store`,
  );
  console.log(
    `  read + check:   ${(t1 - t0).toFixed(0)} ms  (valid ${check.valid.length}, invalid ${check.invalid.length}, duplicates ${check.duplicates.length})`,
  );
  console.log(
    `  write:          ${(t2 - t1).toFixed(0)} ms  (contacts ${counts.created}, invitations ${invitations})`,
  );
  console.log(
    `  total:          ${((t2 - t0) / 1000).toFixed(1)} s  = ${Math.round(ROWS / ((t2 - t0) / 1000)).toLocaleString("en")} rows/s`,
  );
  console.log(
    `  memory:         RSS ${mb(rssBefore)} before, peak ${mb(peakRssRead)} reading the file, ${mb(peakRss)} overall, heap growth ${mb(heapAfter - heapBefore)}`,
  );
  await close();
}

const run = values["write-xlsx"] ? writeXlsx(ROWS, values["write-xlsx"]) : main();
run.catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
