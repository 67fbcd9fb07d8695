import fs from "node:fs";
import path from "node:path";

/**
 * Each of the store's files opens, after its imports, with a comment saying
 * what it owns: a newcomer finds where a rule lives by reading the openings
 * rather than the whole store (issue 23).
 */
const DB = path.resolve(__dirname, "../../server/db");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

/** The first line after the imports that is not blank, a lint directive or a one-line type alias. */
function firstAfterImports(source: string): string | undefined {
  let inImport = false;
  for (const line of source.split("\n")) {
    if (line.startsWith("import ")) inImport = !line.trimEnd().endsWith(";");
    else if (inImport) inImport = !line.trimEnd().endsWith(";");
    else if (line.trim() !== "" && !/^(type \w+ = [^;]*;|\/\* eslint-.*\*\/)$/.test(line))
      return line;
  }
  return undefined;
}

describe("the store's files", () => {
  it("tells the first line after the imports", () => {
    const source =
      'import a from "a";\nimport {\n  b,\n} from "b";\n\n/** Owns c. */\nconst c = 1;\n';
    expect(firstAfterImports(source)).toBe("/** Owns c. */");
    expect(firstAfterImports('import a from "a";\n\nexport const x = a;\n')).toBe(
      "export const x = a;",
    );
    const directive =
      '/* eslint-disable x -- why */\nimport a from "a";\n\ntype A = string;\n// Owns a.\n';
    expect(firstAfterImports(directive)).toBe("// Owns a.");
  });

  it("each open with a comment after their imports", () => {
    const without = files(DB)
      .filter(
        (file) => !/^\s*(\/\*\*|\/\/)/.test(firstAfterImports(fs.readFileSync(file, "utf8")) ?? ""),
      )
      .map((file) => path.relative(DB, file));
    expect(without).toEqual([]);
  });
});
