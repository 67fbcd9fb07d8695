/**
 * Frequency constructs are compared as shares, never as means of their codes
 * (issue 17, item 4): the change of the share in the favourable categories and
 * its DiD against R's survey package. fixtures/expected-share-change.json is
 * written by reference/share-change.R from fixtures/share-change-sample.csv
 * (two weighted waves of a volunteer5 item) and fixtures/did-responses.csv.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { cohensH, shareChange } from "../../server/analytics/change";
import { parseCsv } from "../../server/analytics/csv";
import { didFromCells, type DidCell } from "../../server/analytics/did";
import { addValue, emptyMoments, shareMoments, statsOf } from "../../server/results/moments";

const fixture = (name: string) => path.join(__dirname, "fixtures", name);
const expected = JSON.parse(readFileSync(fixture("expected-share-change.json"), "utf8")) as {
  waves: Array<{ n: number; share: number; se: number }>;
  change: { diff: number; se: number; df: number; t: number; p: number; h: number };
  did: { threshold: number; estimate: number; se: number; df: number; t: number; p: number };
};
const close = (got: number | null | undefined, want: number) =>
  expect(Math.abs(got! - want)).toBeLessThan(1e-9);

describe("the change of a share (any volunteering: code 2 or more)", () => {
  const rows = parseCsv(readFileSync(fixture("share-change-sample.csv"), "utf8")).rows;
  // The cells as the aggregates keep them: codes as scores, z as the favourable flag.
  const cells = ["baseline", "follow-up"].map((wave) => {
    const m = emptyMoments();
    for (const r of rows.filter((x) => x.wave === wave))
      addValue(m, Number(r.code), Number(r.weight), Number(r.code) >= 2);
    return m;
  });
  const stats = cells.map((m) => statsOf(shareMoments(m)));

  it("takes each wave's share and SE as R's svymean(~z)", () => {
    stats.forEach((s, i) => {
      expect(s.n).toBe(expected.waves[i]!.n);
      close(s.mean, expected.waves[i]!.share);
      close(s.se, expected.waves[i]!.se);
      // The favourable share of the scores is the same figure.
      close(statsOf(cells[i]!).favourable, expected.waves[i]!.share);
    });
  });

  it("tests the change as R does, with Cohen's h as its size", () => {
    const [a, b] = stats.map((s) => ({ n: s.n, mean: s.mean!, sd: s.sd!, se: s.se! }));
    const got = shareChange(a!, b!)!;
    close(got.diff, expected.change.diff);
    close(got.se, expected.change.se);
    close(got.df, expected.change.df);
    close(got.t, expected.change.t);
    close(got.p, expected.change.p);
    close(got.d, expected.change.h);
    // The mean of the codes would have said something else.
    const codes = statsOf(cells[1]!).mean! - statsOf(cells[0]!).mean!;
    expect(Math.abs(codes - got.diff)).toBeGreaterThan(0.05);
  });

  it("gives h = 0 for equal shares and the sign of the change", () => {
    expect(cohensH(0.3, 0.3)).toBe(0);
    expect(cohensH(0.5, 0.2)).toBeLessThan(0);
  });
});

describe("the DiD of a share (svyglm z ~ treated * later, authority as cluster)", () => {
  it("agrees with R to 1e-9 from the aggregates' cells", () => {
    const rows = parseCsv(readFileSync(fixture("did-responses.csv"), "utf8")).rows;
    const groups = new Map(
      parseCsv(readFileSync(fixture("did-comparison.csv"), "utf8")).rows.map((r) => [
        r.authority!,
        r.group!,
      ]),
    );
    const moments = new Map<string, ReturnType<typeof emptyMoments>>();
    for (const r of rows) {
      if (r.score_safety === "" || !["w2022-baseline", "w2025-followup"].includes(r.wave!))
        continue;
      const key = `${r.authority}|${r.wave}`;
      const m = moments.get(key) ?? emptyMoments();
      const y = Number(r.score_safety);
      addValue(m, y, Number(r.weight), y >= expected.did.threshold);
      moments.set(key, m);
    }
    // As the program evaluation builds its cells: the share's moments per authority × period.
    const cells: DidCell[] = [...moments].map(([key, m]) => {
      const [authority, wave] = key.split("|");
      const s = shareMoments(m);
      return {
        cluster: authority!,
        treated: groups.get(authority!) === "treated",
        later: wave === "w2025-followup",
        n: s.n,
        sw: s.sw,
        swy: s.swy,
      };
    });
    const got = didFromCells(cells)!;
    close(got.estimate, expected.did.estimate);
    close(got.se, expected.did.se);
    expect(got.df).toBe(expected.did.df);
    close(got.t, expected.did.t);
    close(got.p, expected.did.p);
  });
});
