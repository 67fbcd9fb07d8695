import fs from "node:fs";
import path from "node:path";
import {
  environmentOf,
  groupSource,
  groupTestFiles,
  keepsSnapshots,
  planRun,
  runsAlone,
  type TestFile,
} from "../helpers/file-groups";

/**
 * How `npm test` puts test files together (test/helpers/file-groups.ts):
 * every file in exactly one group, so no case is lost or run twice; files that
 * replace modules or timers alone, and files of another jest environment too.
 */
const ROOT = path.resolve(__dirname, "../..");

function testFilesUnder(dir: string): TestFile[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => `${dir}/${f.split(path.sep).join("/")}`)
    .map((f) => ({ path: f, source: fs.readFileSync(path.join(ROOT, f), "utf8") }));
}

const file = (p: string, source = 'it("runs", () => undefined);\n'): TestFile => ({
  path: p,
  source,
});

it("puts every test file of the suite in exactly one group or on its own", () => {
  const files = testFilesUnder("test");
  expect(files.length).toBeGreaterThan(100);
  const { groups, ownFiles } = planRun(files, () => 2);
  expect(ownFiles).toContain("test/exports/export-bytes.test.ts");
  const placed = [...groups.flatMap((g) => g.files), ...ownFiles];
  expect([...placed].sort()).toEqual(files.map((f) => f.path).sort());
  expect(new Set(groups.map((g) => g.name)).size).toBe(groups.length);
});

it("runs files that keep snapshots as themselves, since a group would rename their snapshots", () => {
  const snap = file("test/exports/a.test.ts", 'it("a", () => expect(1).toMatchSnapshot());\n');
  const inline = file(
    "test/exports/b.test.ts",
    'it("b", () => expect(1).toMatchInlineSnapshot());\n',
  );
  const plain = file("test/exports/c.test.ts");
  expect([snap, inline, plain].map((f) => keepsSnapshots(f.source))).toEqual([true, true, false]);
  const { groups, ownFiles } = planRun([snap, inline, plain], () => 2);
  expect(ownFiles).toEqual(["test/exports/a.test.ts", "test/exports/b.test.ts"]);
  expect(groups.flatMap((g) => g.files)).toEqual(["test/exports/c.test.ts"]);
});

it("keeps files that replace modules or timers, or ask for another environment, alone", () => {
  const files = [
    file("test/client/a.test.tsx", "/**\n * @jest-environment jsdom\n */\nit('a', () => {});\n"),
    file("test/client/b.test.tsx", "/**\n * @jest-environment jsdom\n */\nit('b', () => {});\n"),
    file("test/client/c.test.ts"),
    file("test/client/d.test.tsx", "/** @jest-environment jsdom */\njest.useFakeTimers();\n"),
    file("test/results/e.test.ts", 'jest.mock("../../server/app");\n'),
    file("test/results/f.test.ts"),
  ];
  const groups = groupTestFiles(files, () => 1);
  const of = (p: string) => groups.find((g) => g.files.includes(p))!;
  expect(of("test/client/a.test.tsx").files).toEqual(["test/client/a.test.tsx"]);
  expect(of("test/client/a.test.tsx").environment).toBe("jsdom");
  expect(of("test/client/b.test.tsx").files).toEqual(["test/client/b.test.tsx"]);
  expect(of("test/client/c.test.ts").files).toEqual(["test/client/c.test.ts"]);
  expect(of("test/client/d.test.tsx").files).toEqual(["test/client/d.test.tsx"]);
  expect(of("test/client/d.test.tsx").environment).toBe("jsdom");
  expect(of("test/results/e.test.ts").files).toEqual(["test/results/e.test.ts"]);
  expect(of("test/results/f.test.ts").files).toEqual(["test/results/f.test.ts"]);
  expect(
    groupTestFiles([file("test/db/g.test.ts"), file("test/db/h.test.ts")], () => 1)[0]!.files,
  ).toEqual(["test/db/g.test.ts", "test/db/h.test.ts"]);
  expect(runsAlone("jest.spyOn(console, 'warn');")).toBe(true);
  expect(runsAlone("const mock = 'jest.mock is mentioned';")).toBe(false);
  expect(environmentOf("/**\n * @jest-environment ./test/client/support/env.ts\n */")).toBe(
    "./test/client/support/env.ts",
  );
  expect(environmentOf("// @jest-environment jsdom is only mentioned here\n")).toBeUndefined();
});

it("fills a group up to its seconds and files, and a slow file makes one of its own", () => {
  const files = ["a", "b", "c", "d", "e"].map((n) => file(`test/db/${n}.test.ts`));
  const seconds: Record<string, number> = { c: 100 };
  const groups = groupTestFiles(files, (p) => seconds[path.basename(p, ".test.ts")] ?? 10, {
    maxSeconds: 30,
    maxFiles: 2,
  });
  expect(groups.map((g) => g.files.map((f) => path.basename(f, ".test.ts")))).toEqual([
    ["a", "b"],
    ["c"],
    ["d", "e"],
  ]);
  expect(groups.map((g) => g.name)).toEqual(["db-1.test.ts", "db-2.test.ts", "db-3.test.ts"]);
  expect(groups.map((g) => g.seconds)).toEqual([20, 100, 20]);
});

it("writes a group file that runs each member in a describe block of its own path", () => {
  const [group] = groupTestFiles(
    [file("test/results/x.test.ts"), file("test/results/y.test.ts")],
    () => 1,
  );
  expect(groupSource(group!, "test/grouped-run")).toBe(
    [
      "// Made by scripts/test.ts for one run (test/helpers/file-groups.ts); not kept.",
      'const { closeOpenStores } = require("../helpers/open-stores");',
      'describe("test/results/x.test.ts", () => {',
      '  require("../results/x.test");',
      '  afterAll(() => closeOpenStores("test/results/x.test.ts"));',
      "});",
      'describe("test/results/y.test.ts", () => {',
      '  require("../results/y.test");',
      '  afterAll(() => closeOpenStores("test/results/y.test.ts"));',
      "});",
      "",
    ].join("\n"),
  );
  const [component] = groupTestFiles(
    [file("test/client/z.test.tsx", "/**\n * @jest-environment jsdom\n */\n")],
    () => 1,
  );
  expect(groupSource(component!, "test/grouped-run")).toMatch(
    /^\/\*\*\n \* @jest-environment jsdom\n \*\/\n/,
  );
});
