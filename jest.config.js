/** Tests run TypeScript through swc; type checking is `npm run typecheck`. */
module.exports = {
  // Node's environment, closing any test store a file forgot (test/helpers/environment.ts).
  testEnvironment: "<rootDir>/test/helpers/environment.ts",
  transform: { "^.+\\.(t|j)sx?$": "@swc/jest" },
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["<rootDir>/test/setup-env.ts"],
  testTimeout: 30000,
};
