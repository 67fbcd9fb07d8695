/** Tests run TypeScript through swc; type checking is `npm run typecheck`. */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": "@swc/jest" },
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  setupFiles: ["<rootDir>/test/setup-env.ts"],
  testTimeout: 30000,
};
