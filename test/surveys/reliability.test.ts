import { execFileSync } from "node:child_process";
import path from "node:path";
import { loadItemBank } from "../../server/surveys/bank";
import {
  correctedItemTotal,
  cronbachAlpha,
  reliabilityByGroup,
  reliabilityOf,
} from "../../server/surveys/reliability";
import { favourableFlags, percentFavourable, scoreResponse } from "../../server/surveys/scoring";
import { snapshotOf } from "../../server/surveys/snapshot";

const snapshot = snapshotOf(loadItemBank(), "core");

describe("Cronbach's alpha and item-total correlations, computed by hand", () => {
  it("is 1 for two identical items and 0 for two unrelated ones", () => {
    // Items var 1 each, total [2, 4, 6] var 4: 2/1 * (1 - 2/4) = 1.
    expect(
      cronbachAlpha([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
    ).toBeCloseTo(1, 12);
    // Items var 1/3 each, total [3, 3, 2, 4] var 2/3: 2 * (1 - (2/3)/(2/3)) = 0.
    expect(
      cronbachAlpha([
        [1, 2],
        [2, 1],
        [1, 1],
        [2, 2],
      ]),
    ).toBeCloseTo(0, 12);
  });

  it("matches a three-item case worked on paper", () => {
    const rows = [
      [1, 2, 2],
      [2, 2, 3],
      [3, 4, 4],
      [4, 4, 5],
    ];
    // Item variances 5/3, 4/3, 5/3; totals 5, 7, 11, 13 have variance 40/3.
    // alpha = 3/2 * (1 - (14/3) / (40/3)) = 1.5 * 0.65 = 0.975.
    expect(cronbachAlpha(rows)).toBeCloseTo(0.975, 12);
    // Item 1 against items 2 + 3 = [4, 5, 8, 9]: Sxy 9, Sxx 5, Syy 17, r = 9 / sqrt(85).
    expect(correctedItemTotal(rows)[0]).toBeCloseTo(9 / Math.sqrt(85), 12);
  });

  it("is null when it cannot be computed", () => {
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([[3], [4]])).toBeNull();
    expect(
      cronbachAlpha([
        [2, 2],
        [2, 2],
      ]),
    ).toBeNull();
    expect(
      correctedItemTotal([
        [2, 1],
        [2, 3],
      ]),
    ).toEqual([null, null]);
  });
});

/** The responses of test/surveys/reference/reliability.py, same order. */
const RESPONSES: Array<Record<string, unknown>> = [
  { ce_cohesion_1: 4, ce_trust_1: 4, ce_conflict_1: 2, ce_intervene_1: 3 },
  { ce_cohesion_1: 5, ce_trust_1: 4, ce_conflict_1: 1, ce_intervene_1: 5 },
  { ce_cohesion_1: 2, ce_trust_1: 3, ce_conflict_1: 4, ce_intervene_1: 2 },
  { ce_cohesion_1: 3, ce_trust_1: 3, ce_conflict_1: 3, ce_intervene_1: 4 },
  { ce_cohesion_1: 1, ce_trust_1: 2, ce_conflict_1: 5, ce_intervene_1: 1 },
  { ce_cohesion_1: 4, ce_trust_1: 5, ce_conflict_1: 2, ce_intervene_1: 4 },
  { ce_cohesion_1: 3, ce_trust_1: 2, ce_conflict_1: 2, ce_intervene_1: 3 },
  { ce_cohesion_1: 5, ce_trust_1: 5, ce_conflict_1: 1, ce_intervene_1: 4 },
  { ce_cohesion_1: 2, ce_trust_1: 1, ce_conflict_1: 4, ce_intervene_1: 3 },
  { ce_cohesion_1: 4, ce_trust_1: 3, ce_conflict_1: 3, ce_intervene_1: 5 },
  { ce_cohesion_1: 4, ce_trust_1: "dk", ce_conflict_1: 2 },
  { ce_cohesion_1: 5 },
];

/** Output of `python3 test/surveys/reference/reliability.py`, pasted. */
const REFERENCE = {
  scores: [3.75, 4.75, 2.25, 3.25, 1.25, 4.25, 3.0, 4.75, 2.0, 3.75, 4.0, null],
  favourable: [false, true, false, false, false, true, false, true, false, false, true, null],
  percentFavourable: 36.36363636363637,
  n: 10,
  alpha: 0.9219576719576719,
  itemTotal: [0.9806281681604574, 0.7048367696104338, 0.8827345411084355, 0.7242268982449789],
  alphaIfDeleted: [0.8408007626310773, 0.9362903225806453, 0.8764652840396754, 0.9291401273885351],
};

describe("scoring and reliability against an independent Python computation", () => {
  const scores = RESPONSES.map((a) => scoreResponse(snapshot, a).collective_efficacy ?? null);
  const flags = RESPONSES.map(
    (a) => favourableFlags(snapshot, scoreResponse(snapshot, a)).collective_efficacy ?? null,
  );

  it("gives the same construct scores and favourable flags", () => {
    scores.forEach((s, i) =>
      REFERENCE.scores[i] === null
        ? expect(s).toBeNull()
        : expect(s).toBeCloseTo(REFERENCE.scores[i]!, 12),
    );
    expect(flags).toEqual(REFERENCE.favourable);
    expect(percentFavourable(flags)).toBeCloseTo(REFERENCE.percentFavourable, 12);
  });

  it("gives the same alpha, item-total correlations and alpha if deleted", () => {
    const ce = reliabilityOf(snapshot, RESPONSES).find(
      (r) => r.constructId === "collective_efficacy",
    )!;
    expect(ce.n).toBe(REFERENCE.n);
    expect(ce.k).toBe(4);
    expect(ce.alpha).toBeCloseTo(REFERENCE.alpha, 12);
    expect(ce.flagged).toBe(false);
    ce.items.forEach((item, j) => {
      expect(item.itemTotal).toBeCloseTo(REFERENCE.itemTotal[j]!, 12);
      expect(item.alphaIfDeleted).toBeCloseTo(REFERENCE.alphaIfDeleted[j]!, 12);
    });
  });

  it("still prints what the test holds (python3 present)", () => {
    const script = path.join(__dirname, "reference", "reliability.py");
    let out: string;
    try {
      out = execFileSync("python3", [script], { encoding: "utf8" });
    } catch {
      return; // No python3 on this machine: the pasted output above stands.
    }
    const printed = JSON.parse(out) as typeof REFERENCE;
    expect(printed.alpha).toBeCloseTo(REFERENCE.alpha, 14);
    expect(printed.scores).toEqual(REFERENCE.scores);
  });

  it("flags alpha below .7 and groups by wave and language", () => {
    // Answers that do not hang together: alpha is negative here.
    const noisy = [
      { ce_cohesion_1: 5, ce_trust_1: 1, ce_conflict_1: 5, ce_intervene_1: 1 },
      { ce_cohesion_1: 1, ce_trust_1: 5, ce_conflict_1: 1, ce_intervene_1: 5 },
      { ce_cohesion_1: 3, ce_trust_1: 3, ce_conflict_1: 2, ce_intervene_1: 4 },
    ];
    const groups = reliabilityByGroup(snapshot, [
      ...RESPONSES.map((answers) => ({ group: "w1:he", answers })),
      ...noisy.map((answers) => ({ group: "w1:ar", answers })),
    ]);
    expect([...groups.keys()]).toEqual(["w1:he", "w1:ar"]);
    const ar = groups.get("w1:ar")!.find((r) => r.constructId === "collective_efficacy")!;
    expect(ar.alpha!).toBeLessThan(0.7);
    expect(ar.flagged).toBe(true);
    // Indicators (one item) have no alpha and are not listed.
    expect(groups.get("w1:he")!.map((r) => r.constructId)).not.toContain("volunteering");
  });
});
