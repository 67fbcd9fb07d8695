/**
 * `npm run surveys:check [-- --surveys DIR]`: validates the item bank (schema, ids,
 * three languages, scales and reverse items, every instrument compiled and loaded
 * in survey-core) and prints a report. Exits 1 when there is any problem.
 */
import path from "node:path";
import { checkBank } from "../server/surveys/check";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const surveysDir = path.resolve(argValue("--surveys") ?? "surveys");
const { problems, summary } = checkBank(surveysDir);
console.log(`Item bank: ${surveysDir}`);
console.log(
  `  ${summary.constructs} constructs, ${summary.items} items (${summary.scoredItems} scored), ${summary.moduleQuestions} module questions`,
);
for (const i of summary.instruments) {
  console.log(
    `  instrument ${i.key}${i.edition > 1 ? ` edition ${i.edition}` : ""}: ${i.pages} pages, ${i.questions} questions, about ${i.minutes} min, content hash ${i.contentHash.slice(0, 12)}`,
  );
}
console.log(
  `  licensed sets: ${summary.licensedSets.length ? summary.licensedSets.join(", ") : "none"}`,
);
if (problems.length === 0) {
  console.log("OK: no problems found.");
} else {
  console.log(`${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
  for (const p of problems) console.log(`  - ${p.replace(/\n\s*/g, "\n    ")}`);
  process.exitCode = 1;
}
