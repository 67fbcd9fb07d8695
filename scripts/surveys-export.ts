/**
 * `npm run surveys:export -- --out DIR [--surveys DIR]`: writes each instrument's
 * SurveyJS JSON per locale and its codebook (CSV and Markdown) under DIR.
 */
import path from "node:path";
import { exportBank } from "../server/surveys/export";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const out = argValue("--out");
if (!out) {
  console.error("Usage: npm run surveys:export -- --out DIR [--surveys DIR]");
  process.exit(2);
}
const surveys = argValue("--surveys");
try {
  const files = exportBank(path.resolve(out), surveys && path.resolve(surveys));
  console.log(`Wrote ${files.length} files to ${path.resolve(out)}:`);
  for (const f of files) console.log(`  ${f}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
