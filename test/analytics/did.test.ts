/**
 * Difference in differences (issue 17, item 1) against R's survey package:
 * fixtures/expected-did.json is written by reference/did.R from
 * fixtures/did-responses.csv and did-comparison.csv (svyglm's treated:later
 * coefficient, SE, df.residual and p).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../server/analytics/csv";
import { differenceInDifferences } from "../../server/analytics/did";
import { builtScript, nodeArgsFor } from "../helpers/built-server";

const ROOT = path.resolve(__dirname, "../..");
const fixture = (name: string) => path.join(__dirname, "fixtures", name);

interface DidRow {
  construct: string;
  from_wave: string;
  to_wave: string;
  estimate: number;
  se: number;
  df: number;
  t: number;
  p: number;
}
const expected = (
  JSON.parse(readFileSync(fixture("expected-did.json"), "utf8")) as { did: DidRow[] }
).did;

function analyze(args: string[]) {
  const run = spawnSync(
    process.execPath,
    [...nodeArgsFor(builtScript("scripts/analyze.ts")), ...args],
    { cwd: ROOT, encoding: "utf8" },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectDid(got: DidRow, want: DidRow) {
  expect(got.construct).toBe(want.construct);
  expect(got.from_wave).toBe(want.from_wave);
  expect(got.to_wave).toBe(want.to_wave);
  expect(got.df).toBe(want.df);
  for (const key of ["estimate", "se", "t", "p"] as const)
    expect(Math.abs(got[key] - want[key])).toBeLessThan(1e-9);
}

describe("difference in differences (svyglm treated * wave, authority as cluster)", () => {
  const rows = parseCsv(readFileSync(fixture("did-responses.csv"), "utf8")).rows;
  const groups = new Map(
    parseCsv(readFileSync(fixture("did-comparison.csv"), "utf8")).rows.map((r) => [
      r.authority!,
      r.group!,
    ]),
  );

  it.each(expected.map((e) => [e.construct, e.from_wave, e.to_wave, e] as const))(
    "%s, %s → %s agrees with R to 1e-9",
    (construct, from, to, want) => {
      const observations = rows
        .filter((r) => (r.wave === from || r.wave === to) && r[`score_${construct}`] !== "")
        .map((r) => ({
          cluster: r.authority!,
          treated: groups.get(r.authority!) === "treated",
          later: r.wave === to,
          y: Number(r[`score_${construct}`]),
          w: Number(r.weight),
        }));
      const got = differenceInDifferences(observations);
      expect(got).not.toBeNull();
      expectDid({ construct, from_wave: from, to_wave: to, ...got! }, want);
    },
  );

  it("does not depend on the scale of the weights", () => {
    const obs = rows
      .filter((r) => r.wave !== "w2023-followup")
      .map((r) => ({
        cluster: r.authority!,
        treated: groups.get(r.authority!) === "treated",
        later: r.wave === "w2025-followup",
        y: Number(r.score_sense_of_community),
        w: Number(r.weight),
      }));
    const a = differenceInDifferences(obs)!;
    const b = differenceInDifferences(obs.map((o) => ({ ...o, w: o.w * 37 })))!;
    expect(b.estimate).toBeCloseTo(a.estimate, 12);
    expect(b.se).toBeCloseTo(a.se, 12);
  });

  it("gives nothing without a comparison group or without degrees of freedom", () => {
    const obs = (clusters: string[], treated: (c: string) => boolean) =>
      clusters.flatMap((c, k) =>
        [false, true].flatMap((later) =>
          [1, 2, 4].map((y) => ({
            cluster: c,
            treated: treated(c),
            later,
            y: y + k + (later ? 0.3 * k * k : 0),
            w: 1,
          })),
        ),
      );
    expect(differenceInDifferences(obs(["a", "b", "c"], () => true))).toBeNull();
    // Four authorities: df = 4 − 1 − 3 = 0.
    expect(differenceInDifferences(obs(["a", "b", "c", "d"], (c) => c < "c"))).toBeNull();
    expect(differenceInDifferences(obs(["a", "b", "c", "d", "e"], (c) => c < "c"))?.df).toBe(1);
  });
});

describe("npm run analyze --comparison", () => {
  it("adds did rows equal to R's svyglm", () => {
    const run = analyze([
      "--responses",
      fixture("did-responses.csv"),
      "--comparison",
      fixture("did-comparison.csv"),
      "--json",
      // R's svyglm on every respondent: the reporting rules (small cells left out,
      // wide intervals withheld) are relaxed so the arithmetic is compared whole.
      "--min-cell",
      "0",
      "--max-ci-half-width-share",
      "1",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { did: DidRow[] };
    expect(out.did).toHaveLength(expected.length);
    for (const want of expected) {
      const got = out.did.find(
        (d) =>
          d.construct === want.construct &&
          d.from_wave === want.from_wave &&
          d.to_wave === want.to_wave,
      );
      expect(got).toBeDefined();
      expect(Object.keys(got!).sort()).toEqual(
        ["construct", "from_wave", "to_wave", "estimate", "se", "df", "t", "p"].sort(),
      );
      expectDid(got!, want);
    }
  });

  it("refuses a comparison file that misses an authority or names an unknown group", () => {
    const bad = analyze([
      "--responses",
      fixture("did-responses.csv"),
      "--comparison",
      fixture("margins.csv"),
      "--json",
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/comparison file: missing column\(s\): group/);
  });

  it("prints the DiD table in the readable output", () => {
    const run = analyze([
      "--responses",
      fixture("did-responses.csv"),
      "--comparison",
      fixture("did-comparison.csv"),
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Difference in differences");
  });
});
