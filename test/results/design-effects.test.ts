/**
 * Design effect and effective n everywhere n is shown (issue 17, item 3): not
 * only on a construct's headline point but on each breakdown cell, the program
 * benchmark beside a wave, and the program's pooled points: Kish's effective n
 * (Σw)² / Σw² and deff = n / effective n of the weights in that cell.
 */
import { getSnapshot, publishInstrument } from "../../server/instruments/service";
import { benchmarkPoint } from "../../server/results/benchmark";
import { breakdownsOf } from "../../server/results/breakdowns";
import { DIMENSIONS, type Dimension } from "../../server/results/dimensions";
import { addValue, emptyMoments, type Moments } from "../../server/results/moments";
import { DEFAULT_REPORTING_RULES as rules } from "../../server/analytics/reporting-rules";
import { authorityPoint, pooledPoint } from "../../server/results/program-points";
import type { ConstructAggregate } from "../../server/results/wave-aggregate";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

/** n scores with weights cycling through `weights`. */
function cell(n: number, weights: number[]): Moments {
  const m = emptyMoments();
  for (let i = 0; i < n; i++) addValue(m, 1 + (i % 5), weights[i % weights.length]!, i % 2 === 0);
  return m;
}

function kish(m: Moments) {
  const effectiveN = (m.sw * m.sw) / m.sw2;
  return { effectiveN, deff: m.n / effectiveN };
}

it("gives each shown breakdown cell its effective n and design effect", async () => {
  const snapshot = await getSnapshot((await publishInstrument("core")).id);
  const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map()])) as Record<
    Dimension,
    Map<string, Moments>
  >;
  const a = cell(30, [0.5, 2]);
  const b = cell(24, [1, 1, 3]);
  groups.channel.set("sms", a);
  groups.channel.set("kiosk", b);
  const aggregate: ConstructAggregate = { total: cell(54, [1]), groups };
  const channel = breakdownsOf([{ id: "w1", aggregate }], snapshot, "en", 10).find(
    (x) => x.dimension === "channel",
  )!;
  const sms = channel.groups.find((g) => g.key === "sms")!.cells[0]!;
  expect(sms.effectiveN).toBeCloseTo(kish(a).effectiveN, 12);
  expect(sms.deff).toBeCloseTo(kish(a).deff, 12);
  expect(sms.deff).toBeGreaterThan(1.3);
  const kiosk = channel.groups.find((g) => g.key === "kiosk")!.cells[0]!;
  expect(kiosk.deff).toBeCloseTo(kish(b).deff, 12);
});

it("hides a suppressed cell's effective n with its n", async () => {
  const snapshot = await getSnapshot((await publishInstrument("core")).id);
  const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map()])) as Record<
    Dimension,
    Map<string, Moments>
  >;
  groups.channel.set("sms", cell(30, [0.5, 2]));
  groups.channel.set("kiosk", cell(4, [1, 3]));
  const aggregate: ConstructAggregate = { total: cell(34, [1]), groups };
  const channel = breakdownsOf([{ id: "w1", aggregate }], snapshot, "en", 10).find(
    (x) => x.dimension === "channel",
  )!;
  for (const g of channel.groups)
    expect(g.cells[0]).toMatchObject({ n: null, effectiveN: null, deff: null });
});

it("gives the benchmark beside a wave the pooled effective n and design effect", () => {
  const parts = [cell(40, [0.5, 2]), cell(30, [1]), cell(25, [1, 4])];
  const at = { kind: "baseline" as const, period: "baseline" };
  const point = benchmarkPoint(
    "w",
    1,
    at,
    "own",
    parts.map((moments, i) => ({
      authority: `a${i}`,
      stratum: "jewish",
      population: null,
      moments,
      engagement: false,
    })),
    4,
    rules,
  );
  // Each of three authorities counting equally: 1 / Σ (1/3)² Σw² / (Σw)².
  const effectiveN = 1 / parts.reduce((a, m) => a + m.sw2 / (9 * m.sw * m.sw), 0);
  expect(point.shown).toBe(true);
  expect(point.effectiveN).toBeCloseTo(effectiveN, 12);
  expect(point.deff).toBeCloseTo(95 / effectiveN, 12);
  const hidden = benchmarkPoint("w", 1, at, "own", [], 4, rules);
  expect(hidden).toMatchObject({ shown: false, effectiveN: null, deff: null });
});

it("gives a program point its effective n and design effect", () => {
  const at = { kind: "baseline" as const, period: "baseline" };
  const own = (authority: string, m: Moments) => ({
    authority,
    stratum: "jewish",
    population: null,
    moments: m,
    engagement: false,
  });
  const m = cell(50, [0.4, 1, 2.5]);
  const p = authorityPoint(at, own("a", m), 4, rules);
  expect(p.effectiveN).toBeCloseTo(kish(m).effectiveN, 12);
  expect(p.deff).toBeCloseTo(kish(m).deff, 12);
  expect(authorityPoint(at, own("a", cell(5, [1, 2])), 4, rules)).toMatchObject({
    suppressed: true,
    effectiveN: null,
    deff: null,
  });
  // Pooled with each authority counting equally: Kish's n of the pooling
  // weights π·w / Σw, respondent by respondent.
  const shapes: Array<[number, number[]]> = [
    [50, [0.4, 1, 2.5]],
    [20, [1]],
    [80, [1, 3]],
  ];
  const cells = shapes.map(([n, w]) => cell(n, w));
  const pooled = pooledPoint(
    at,
    cells.map((c, i) => own(String(i), c)),
    "equal",
    4,
    rules,
  );
  let spw = 0;
  let spw2 = 0;
  for (const [k, [n, weights]] of shapes.entries())
    for (let i = 0; i < n; i++) {
      const pw = ((1 / 3) * weights[i % weights.length]!) / cells[k]!.sw;
      spw += pw;
      spw2 += pw * pw;
    }
  expect(pooled.effectiveN).toBeCloseTo((spw * spw) / spw2, 9);
  expect(pooled.deff).toBeCloseTo(150 / ((spw * spw) / spw2), 9);
});
