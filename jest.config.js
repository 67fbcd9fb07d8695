// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads this file as CommonJS
const os = require("node:os");

/** Tests run TypeScript through swc; type checking is `npm run typecheck`. */
module.exports = {
  // Each file opens a store of its own (a temporary directory, a free port), so files
  // run side by side safely. A file spends much of its time waiting (on Chromium, on
  // the store's disk syncs), so one worker more than the cores keeps them busy.
  maxWorkers: os.availableParallelism() + 1,
  // Node's environment, closing any test store a file forgot (test/helpers/environment.ts).
  testEnvironment: "<rootDir>/test/helpers/environment.ts",
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { transform: { react: { runtime: "automatic" } } } }],
  },
  roots: ["<rootDir>/test"],
  // Components import their stylesheets for the bundler; component tests load none.
  moduleNameMapper: { "\\.css$": "<rootDir>/test/client/support/style-stub.js" },
  // .test.tsx: component tests (test/client), in jsdom by their @jest-environment docblock.
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The group files of `npm test` (scripts/test.ts), while one runs.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/grouped-run/"],
  setupFiles: ["<rootDir>/test/setup-env.ts"],
  // KP_PROFILE_DIR=dir: a CPU profile of each test file's run (test/helpers/profile-files.ts).
  setupFilesAfterEnv: ["<rootDir>/test/helpers/profile-files.ts"],
  // Once per run: a directory for fixtures built once (the seeded demo store) and
  // one Chromium for every browser test file (test/helpers/global-setup.ts).
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
  // The slowest files first, also on CI where jest has no timings of its own.
  testSequencer: "<rootDir>/test/helpers/slowest-first.js",
  testTimeout: 30000,
};
