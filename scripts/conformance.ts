/**
 * Imports the unified-format CRUD tests of the MongoDB specifications repository.
 *
 *   npx tsx scripts/conformance.ts import <git-dir of mongodb/specifications> [commit]
 *
 * Copies every `source/crud/tests/unified/*.json` file that can run against the embedded
 * server (a standalone or one-member replica set presenting as MongoDB 7.0.0) into
 * test/db/conformance/specs/crud/, and writes the excluded files with their reasons to
 * test/db/conformance/specs/excluded.json. Run the suite with `npm run conformance`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chooseTopology, type RunOnRequirement } from "../test/helpers/unified-runner/requirements";

const SERVER_VERSION = "7.0.0";
const SOURCE_DIR = "source/crud/tests/unified/";
const TARGET = path.join(import.meta.dirname, "..", "test", "db", "conformance", "specs");

interface SpecFile {
  runOnRequirements?: RunOnRequirement[];
  tests: { runOnRequirements?: RunOnRequirement[] }[];
}

function git(gitDir: string, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

function importSpecs(gitDir: string, commit: string): void {
  const sha = git(gitDir, "rev-parse", commit).trim();
  const names = git(gitDir, "ls-tree", "-r", "--name-only", sha)
    .split("\n")
    .filter((n) => n.startsWith(SOURCE_DIR) && n.endsWith(".json"));
  const crudDir = path.join(TARGET, "crud");
  fs.rmSync(crudDir, { recursive: true, force: true });
  fs.mkdirSync(crudDir, { recursive: true });
  const excluded: Record<string, string> = {};
  let kept = 0;
  for (const name of names) {
    const text = git(gitDir, "show", `${sha}:${name}`);
    const spec = JSON.parse(text) as SpecFile;
    const base = path.basename(name);
    const file = chooseTopology(SERVER_VERSION, spec.runOnRequirements, undefined);
    if ("skip" in file) {
      excluded[base] = file.skip;
      continue;
    }
    const runnable = spec.tests.some(
      (t) =>
        !("skip" in chooseTopology(SERVER_VERSION, spec.runOnRequirements, t.runOnRequirements)),
    );
    if (!runnable) {
      const reasons = spec.tests.map((t) => {
        const why = chooseTopology(SERVER_VERSION, spec.runOnRequirements, t.runOnRequirements);
        return "skip" in why ? why.skip : "";
      });
      excluded[base] = `no test runs: ${[...new Set(reasons)].join("; ")}`;
      continue;
    }
    fs.writeFileSync(path.join(crudDir, base), text);
    kept++;
  }
  fs.writeFileSync(
    path.join(TARGET, "excluded.json"),
    JSON.stringify(
      { source: `mongodb/specifications@${sha}`, serverVersion: SERVER_VERSION, excluded },
      null,
      2,
    ) + "\n",
  );
  console.log(`kept ${kept} of ${names.length} files from ${sha}; excluded:`);
  for (const [file, why] of Object.entries(excluded)) console.log(`  ${file}: ${why}`);
}

const [verb, gitDir, commit] = process.argv.slice(2);
if (verb === "import" && gitDir) {
  importSpecs(gitDir, commit ?? "HEAD");
} else {
  console.error("usage: tsx scripts/conformance.ts import <git-dir> [commit]");
  process.exit(2);
}
