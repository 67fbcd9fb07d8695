/**
 * Components stay small enough to read in one sitting (issue 21: "components
 * under ~150 lines"): a .tsx file under client/ of more than 150 lines fails.
 * The last ones over it were split; a component that outgrows it is split too.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const LIMIT = 150;

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

it(`keeps every component at ${LIMIT} lines or fewer`, () => {
  const over = [...sizes]
    .filter(([, lines]) => lines > LIMIT)
    .map(([file, lines]) => `${file}: ${lines} lines`);
  expect(over).toEqual([]);
});
