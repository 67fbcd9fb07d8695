/**
 * `npm test`: builds the client (the browser test needs it), runs every jest test
 * and ends with one line "N passed, N failed". Browser tests need Debian's
 * Chromium; when it is missing this says so and the run fails (the browser
 * test fails with the same hint) rather than skipping them quietly.
 * The files run in groups, one module registry per group
 * (test/helpers/file-groups.ts): jest would load the app, mongoose and the
 * client's libraries again for every file. `npm test -- [path patterns]` runs
 * the groups of the matching files; `npm test -- --by-file [jest options]` runs
 * each file on its own, as jest does, and passes other options on to jest.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromiumPath } from "../test/helpers/chromium";
import { groupSource, planRun } from "../test/helpers/file-groups";
import knownSeconds from "../test/helpers/file-durations.json";

const root = process.cwd();
const artifacts = path.join(root, "test", "artifacts");
fs.mkdirSync(artifacts, { recursive: true });
const resultsFile = path.join(artifacts, "jest-results.json");
const grouped = !process.argv.includes("--by-file");
const extraArgs = process.argv.slice(2).filter((arg) => arg !== "--by-file");
const jestBin = require.resolve("jest/bin/jest");
/** Where a grouped run writes its group files; jest.config.js leaves them out otherwise. */
const groupDir = path.join(root, "test", "grouped-run");

/**
 * Writes the group files of the tests jest would run with `args` and returns
 * jest's arguments to run them: the group files, with the folder no longer left out,
 * and the files that run as themselves (planRun).
 */
function writeGroups(args: string[]): string[] {
  const listed = spawnSync(process.execPath, [jestBin, "--listTests", "--json", ...args], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (listed.status !== 0) throw new Error(`jest --listTests failed: ${listed.stderr}`);
  const files = (JSON.parse(listed.stdout) as string[]).map((file) => {
    const rel = path.relative(root, file).split(path.sep).join("/");
    return { path: rel, source: fs.readFileSync(file, "utf8") };
  });
  const known = knownSeconds as Record<string, number>;
  const { groups, ownFiles } = planRun(
    files,
    (file) => known[file] ?? (file.startsWith("test/browser/") ? 20 : 2),
  );
  fs.mkdirSync(groupDir, { recursive: true });
  const dir = path.relative(root, groupDir).split(path.sep).join("/");
  for (const group of groups)
    fs.writeFileSync(path.join(groupDir, group.name), groupSource(group, dir));
  // The slowest groups first (test/helpers/slowest-first.js).
  const seconds = Object.fromEntries(groups.map((g) => [`${dir}/${g.name}`, g.seconds]));
  fs.writeFileSync(path.join(groupDir, "seconds.json"), JSON.stringify(seconds));
  console.log(
    `${files.length} test files in ${groups.length} groups and ${ownFiles.length} on their own`,
  );
  return [
    ...groups.map((g) => path.join(dir, g.name)),
    ...ownFiles,
    "--testPathIgnorePatterns=/node_modules/",
    // A missing snapshot fails rather than being written: `npm test -- --by-file -u` writes them.
    "--ci",
  ];
}

const browser = chromiumPath();
if (!browser) {
  console.error(
    "Browser tests need Chromium and Noto fonts, which are missing: run `apt-get install -y chromium-headless-shell fonts-noto-core` (as root), then `npm test` again.",
  );
}

const build = spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
if (build.status !== 0) {
  console.error("The client build failed; tests were not run.");
  process.exit(1);
}

fs.rmSync(resultsFile, { force: true });
fs.rmSync(groupDir, { recursive: true, force: true });
const started = Date.now();
const runArgs = grouped ? writeGroups(extraArgs) : extraArgs;
const jest = spawnSync(
  process.execPath,
  // No --forceExit: a test store a file leaves open is closed after the file
  // (test/helpers/environment.ts), and files run in workers (jest.config.js).
  [jestBin, "--json", `--outputFile=${resultsFile}`, ...runArgs],
  { stdio: "inherit" },
);
fs.rmSync(groupDir, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(1);

let passed = 0;
let failed = 0;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
  };
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
}
console.log(`jest ran for ${seconds} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 ? 0 : 1);
