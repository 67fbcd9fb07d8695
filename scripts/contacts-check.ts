/**
 * `npm run contacts:check -- FILE [--json] [--lang he|ar|en]`: the pre-flight
 * report of a contacts file (CSV or XLSX) without importing it: valid rows,
 * invalid rows with their reasons, duplicates. The same report the workspace
 * shows before an import (POST …/contact-imports/check). Exit code 1 when the
 * file cannot be read at all; invalid rows alone do not fail it.
 */
import fs from "node:fs";
import { checkContacts, summarizeCheck } from "../server/distribution/contacts/check";
import { readContactFile } from "../server/distribution/contacts/file";
import { AppError } from "../server/errors";
import { isLocale } from "../server/shared/locales";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const langAt = args.indexOf("--lang");
  const lang = langAt >= 0 ? args[langAt + 1] : "he";
  const file = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--lang");
  if (!file || !isLocale(lang)) {
    console.error("usage: npm run contacts:check -- FILE [--json] [--lang he|ar|en]");
    return 2;
  }
  let report;
  try {
    const check = checkContacts(await readContactFile(fs.readFileSync(file)), lang);
    if (!check.columns.phone) throw new Error("no phone column (phone, טלפון, نقال, هاتف…)");
    const s = summarizeCheck(check);
    report = {
      ...s,
      invalid: s.invalid.slice(0, 1000),
      duplicates: s.duplicates.slice(0, 1000),
      warnings: s.warnings.slice(0, 1000),
    };
  } catch (err) {
    const reason =
      err instanceof AppError ? (err.details?.[0]?.code ?? err.code) : (err as Error).message;
    console.error(`${file}: cannot be read: ${reason}`);
    return 1;
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${file}`,
    `  columns:    ${Object.entries(report.columns)
      .map(([k, v]) => `${k}="${v}"`)
      .join(", ")}`,
    `  ignored:    ${report.ignored.map((c) => `"${c}"`).join(", ") || "none"}`,
    `  rows:       ${report.total}`,
    `  valid:      ${report.valid}  (${
      Object.entries(report.byLocale)
        .map(([l, n]) => `${l} ${n}`)
        .join(", ") || "none"
    }; panel consent ${report.panelConsents})`,
    `  invalid:    ${report.invalid.length}`,
    ...report.invalid.map(
      (r) => `    line ${r.line}: ${r.reason}${r.value ? ` (${r.value})` : ""}`,
    ),
    `  duplicates: ${report.duplicates.length}`,
    ...report.duplicates.map((d) => `    line ${d.line}: duplicate of line ${d.firstLine}`),
    `  warnings:   ${report.warnings.length}`,
    ...report.warnings.map(
      (r) => `    line ${r.line}: ${r.reason}${r.value ? ` (${r.value})` : ""}`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
