import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "data", "coverage", "test/artifacts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["client/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name='set'] > ArrayExpression > SpreadElement > LogicalExpression[operator='??'] > CallExpression[callee.property.name='get']",
          message:
            "Growing a Map's list by copying it costs the square of its length: use addTo or groupBy from server/shared/group.ts.",
        },
      ],
    },
  },
  {
    // The client bundles only what server/shared/ holds (pure, no Node APIs, no store);
    // types may come from anywhere, since they are erased from the bundle.
    files: ["client/**/*.{ts,tsx,mts}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "!**/server/shared", "!**/server/shared/**"],
              allowTypeImports: true,
              message: "The client imports server code only from server/shared/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.ts", ".ci/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { globals: { module: "writable", require: "readonly", process: "readonly" } },
  },
  prettier,
);
