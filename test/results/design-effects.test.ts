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
import { programPoint } from "../../server/results/program";
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
  const point = benchmarkPoint(
    "w",
    1,
    "own",
    parts.map((moments, i) => ({ authority: `a${i}`, moments })),
    10,
  );
  const pooled = emptyMoments();
  for (const p of parts)
    for (const k of Object.keys(pooled) as Array<keyof Moments>) pooled[k] += p[k];
  expect(point.shown).toBe(true);
  expect(point.effectiveN).toBeCloseTo(kish(pooled).effectiveN, 12);
  expect(point.deff).toBeCloseTo(kish(pooled).deff, 12);
  const hidden = benchmarkPoint("w", 1, "own", [], 10);
  expect(hidden).toMatchObject({ shown: false, effectiveN: null, deff: null });
});

it("gives a program point its effective n and design effect", () => {
  const m = cell(50, [0.4, 1, 2.5]);
  const p = programPoint("baseline", m, 10);
  expect(p.effectiveN).toBeCloseTo(kish(m).effectiveN, 12);
  expect(p.deff).toBeCloseTo(kish(m).deff, 12);
  expect(programPoint("baseline", cell(5, [1, 2]), 10)).toMatchObject({
    suppressed: true,
    effectiveN: null,
    deff: null,
  });
});
