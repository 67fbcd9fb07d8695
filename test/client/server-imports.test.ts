import { spawnSync } from "node:child_process";
import path from "node:path";

/**
 * The client reaches server code only through server/shared/ (pure modules made for
 * both sides); anything else it takes from server/ must be a type, which the build
 * erases. ESLint runs in a child process: its flat config is an ES module, which
 * jest's module system does not load.
 */
const ROOT = path.resolve(__dirname, "../..");
const RULE = "@typescript-eslint/no-restricted-imports";

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number }[];
}

function eslint(args: string[], input?: string): LintResult[] {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--format", "json", ...args],
    { cwd: ROOT, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(run.stdout) as LintResult[];
}

function rulesHit(code: string): (string | null)[] {
  const [result] = eslint(["--stdin", "--stdin-filename", "client/app/boundary-probe.ts"], code);
  return result!.messages.map((m) => m.ruleId);
}

describe("client imports of server code", () => {
  it("refuses a value from a server module outside server/shared", () => {
    expect(
      rulesHit('import { ROLES } from "../../server/auth/model";\nexport const r = ROLES;\n'),
    ).toContain(RULE);
  });

  it("takes types from anywhere, and values from server/shared", () => {
    expect(
      rulesHit(
        'import type { Config } from "../../server/config";\nimport { LOCALES } from "../../server/shared/locales";\nexport const l: Config | typeof LOCALES = LOCALES;\n',
      ),
    ).not.toContain(RULE);
  });

  it("holds for the whole client", () => {
    const offenders = eslint(["client"]).flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === RULE)
        .map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}`),
    );
    expect(offenders).toEqual([]);
  }, 180_000);
});
