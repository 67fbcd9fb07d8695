/**
 * `npm test`: builds the client (the browser test needs it), runs every jest test
 * and ends with one line "N passed, N failed". Browser tests need Debian's
 * Chromium; when it is missing this says so and the run fails (the browser
 * test fails with the same hint) rather than skipping them quietly.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromiumPath } from "../test/helpers/chromium";

const root = process.cwd();
const artifacts = path.join(root, "test", "artifacts");
fs.mkdirSync(artifacts, { recursive: true });
const resultsFile = path.join(artifacts, "jest-results.json");
const extraArgs = process.argv.slice(2);

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
const started = Date.now();
const jest = spawnSync(
  process.execPath,
  // No --forceExit: a test store a file leaves open is closed after the file
  // (test/helpers/environment.ts), and files run in workers (jest.config.js).
  [require.resolve("jest/bin/jest"), "--json", `--outputFile=${resultsFile}`, ...extraArgs],
  { stdio: "inherit" },
);
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
