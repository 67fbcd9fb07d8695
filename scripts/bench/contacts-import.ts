/**
 * `npm run bench:contacts [-- --rows 50000]`: imports a contacts file of N rows
 * (realistic formats, a few invalid and duplicate rows) into a wave on a fresh
 * embedded store, through the same code as the import route, and prints the
 * time of each step and the memory used (peak RSS, heap growth).
 */
import { parseArgs } from "node:util";
import { checkContacts } from "../../server/distribution/contacts/check";
import { readContactFile } from "../../server/distribution/contacts/file";
import { importContacts } from "../../server/distribution/contacts/import";
import { Invitation } from "../../server/distribution/invitations/model";
import { createFieldCipher } from "../../server/privacy/crypto";
import { benchSmsWave } from "./sms-wave";

const { values } = parseArgs({ options: { rows: { type: "string", default: "50000" } } });
const ROWS = Number(values.rows);
const FORMATS = [
  (n: string) => `05${n.slice(0, 1)}-${n.slice(1)}`,
  (n: string) => `+972 5${n.slice(0, 1)} ${n.slice(1, 4)} ${n.slice(4)}`,
  (n: string) => `9725${n}`,
  (n: string) => `05${n}`,
];

/** A CSV file of `rows` residents: mixed formats, languages, consent; 1% bad, 1% repeated. */
function makeFile(rows: number): Buffer {
  const national = (i: number) => `${i % 9}${String(1_000_000 + i).slice(-7)}`;
  const lines = ["שם,טלפון נייד,שפה,שכונה,הסכמה לפאנל"];
  for (let i = 0; i < rows; i++) {
    let phone = FORMATS[i % 4]!(national(i));
    if (i % 100 === 17) phone = "02-6234567"; // a landline
    if (i % 100 === 42) phone = FORMATS[(i + 1) % 4]!(national(i - 1)); // the row before, written otherwise
    const lang = i % 3 === 0 ? "ערבית" : "עברית";
    lines.push(`תושב ${i},${phone},${lang},שכונה ${i % 12},${i % 4 === 0 ? "כן" : ""}`);
  }
  return Buffer.from(lines.join("\r\n"));
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main() {
  const { config, authority, wave, close } = await benchSmsWave("contacts", "mixed", new Date());
  const file = makeFile(ROWS);
  (globalThis as { gc?: () => void }).gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  const t0 = performance.now();
  const table = await readContactFile(file);
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
    `contacts import of ${ROWS.toLocaleString("en")} rows (${mb(file.length)} CSV), embedded store`,
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
    `  memory:         peak RSS ${mb(peakRss)}, heap growth ${mb(heapAfter - heapBefore)}`,
  );
  await close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
