/**
 * Jest's order of test files: the slowest first, so that on two workers the
 * last files to start are short ones and both workers finish together; a long
 * browser test starting last would run alone. Jest does this by itself from
 * its cache of earlier runs, which a fresh CI checkout does not have: there the
 * seconds in file-durations.json (a clean CI run) stand in, and a file in
 * neither counts as a typical browser test or a short one.
 * Refresh the list from test/artifacts/jest-results.json after `npm test`.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest requires a sequencer as CommonJS, untransformed */
const path = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;
const fs = require("node:fs");
const KNOWN_SECONDS = require("./file-durations.json");

/** The summed seconds of the group files of a grouped run (scripts/test.ts), when one runs. */
function groupSeconds(rootDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(rootDir, "test", "grouped-run", "seconds.json")));
  } catch {
    return {};
  }
}

const GUESS_SECONDS = { browser: 20, other: 2 };

class SlowestFirst extends Sequencer {
  sort(tests) {
    const groups = tests.length > 0 ? groupSeconds(tests[0].context.config.rootDir) : {};
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached) return cached / 1000;
      const rel = path.relative(test.context.config.rootDir, test.path).split(path.sep).join("/");
      if (KNOWN_SECONDS[rel] !== undefined) return KNOWN_SECONDS[rel];
      if (groups[rel] !== undefined) return groups[rel];
      return rel.startsWith("test/browser/") ? GUESS_SECONDS.browser : GUESS_SECONDS.other;
    };
    return [...tests]
      .map((test) => ({ test, seconds: seconds(test) }))
      .sort((a, b) => b.seconds - a.seconds)
      .map(({ test }) => test);
  }
}

module.exports = SlowestFirst;
