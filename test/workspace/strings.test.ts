/**
 * The families of workspace keys built from codes the server sends (problems,
 * series-break kinds, controls, wave statuses) exist in locales/<lng>/workspace.json.
 * The keys written out in the components are test/client/workspace-strings.test.ts;
 * parity between he, ar and en is test/client/locales.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { CONTROLS } from "../../server/surveys/bank-schema";
import { WAVE_STATUSES } from "../../server/waves/model";

const root = process.cwd();
const en = JSON.parse(fs.readFileSync(path.join(root, "locales/en/workspace.json"), "utf8"));

function has(tree: Record<string, unknown>, key: string): boolean {
  const parts = key.split(".");
  let node: unknown = tree;
  for (const [i, p] of parts.entries()) {
    const obj = node as Record<string, unknown>;
    if (i === parts.length - 1) return p in obj || `${p}_one` in obj || `${p}_other` in obj;
    node = obj?.[p];
    if (typeof node !== "object" || node === null) return false;
  }
  return false;
}

it("has a label for every code the server sends", () => {
  const compile = fs.readFileSync(path.join(root, "server/bank/compile.ts"), "utf8");
  const codes = [...compile.matchAll(/code: "(\w+)"|return "(\w+)"/g)].map((m) => m[1] ?? m[2]!);
  expect(codes.length).toBeGreaterThan(10);
  const keys = [
    ...codes.map((c) => `problems.${c}`),
    ...["added", "removed", "wording", "scale", "reverse", "construct", "items"].map(
      (k) => `breaks.${k}`,
    ),
    ...CONTROLS.map((c) => `controls.${c}`),
    ...WAVE_STATUSES.map((s) => `waveStatus.${s}`),
  ];
  expect(keys.filter((k) => !has(en, k))).toEqual([]);
});
