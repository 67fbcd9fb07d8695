/**
 * Components stay small enough to read in one sitting (issue 21: "components
 * under ~150 lines"): a .tsx file under client/ of more than 150 lines fails,
 * unless it is on the allow-list below. The list only shrinks: an entry has
 * the size it may not grow past, and an entry whose file has come under the
 * limit must be taken off, so a split is not undone unnoticed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const LIMIT = 150;

/** Files still over the limit, each with the most lines it may have and why it is here. */
const ALLOWED: Record<string, { max: number; why: string }> = {
  // Resident pages (issue 18): the survey's runner and its screens, split next.
  "client/take/SurveyRunner.tsx": { max: 252, why: "the survey engine's events in one place" },
  // Results (issue 17) and the designer (issues 19, 20).
};

/** Lines as `wc -l` counts them. */
function lineCount(file: string): number {
  const text = readFileSync(file, "utf8");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function components(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return components(full);
    return e.name.endsWith(".tsx") ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

const sizes = new Map(components(path.join(ROOT, "client")).map((f) => [f, lineCount(f)]));

it("finds the client's components", () => {
  expect(sizes.size).toBeGreaterThan(50);
});

it(`keeps every component at ${LIMIT} lines or fewer, apart from the allow-list`, () => {
  const over = [...sizes]
    .filter(([file, lines]) => lines > LIMIT && !(file in ALLOWED))
    .map(([file, lines]) => `${file}: ${lines} lines`);
  expect(over).toEqual([]);
});

it("lets no allowed component grow, and drops those that came under the limit", () => {
  for (const [file, { max }] of Object.entries(ALLOWED)) {
    const lines = sizes.get(file);
    expect({ file, exists: lines !== undefined }).toEqual({ file, exists: true });
    expect({ file, lines, grew: lines! > max }).toEqual({ file, lines, grew: false });
    expect({ file, lines, takeOffTheList: lines! <= LIMIT }).toEqual({
      file,
      lines,
      takeOffTheList: false,
    });
  }
});
