/**
 * A bridged wave read by one rule everywhere (issue 17): the authority page
 * already kept a split-ballot wave's two arms apart, but the benchmark beside
 * it, the difference in differences, the program's pooled figure and the
 * breakdowns still pooled both wordings. Now each calls
 * server/results/readings.ts: a change into the bridged wave reads its old
 * wording's arm, a point or a change out of it the new arm, and the benchmark
 * pools from each other wave the arm asked like the wave beside it.
 */
import type { Express } from "express";
import type { Types } from "mongoose";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const DAY = 86_400_000;
const SOC = "sense_of_community";
/** n respondents answering the given scale positions in turn (value = position + 1). */
const answering = (positions: number[], n = 20) =>
  respondents(n).map((r, i) => ({ ...r, position: positions[i % positions.length]! }));
const mean = (positions: number[], n = 20) =>
  Array.from({ length: n }, (_, i) => positions[i % positions.length]! + 1).reduce(
    (a, b) => a + b,
  ) / n;

async function versions() {
  return {
    v1: (await publishInstrument("core")).id,
    v2: (await publishInstrument("core", undefined, 2)).id,
  };
}

async function wave(
  authorityId: Types.ObjectId,
  instrumentVersionId: Types.ObjectId,
  kind: "baseline" | "follow-up",
  bridge?: Types.ObjectId,
) {
  return Wave.create({
    authorityId,
    instrumentVersionId,
    name: { he: kind, ar: kind, en: kind },
    kind,
    status: "closed",
    opensAt: new Date(Date.now() - (kind === "baseline" ? 400 : 30) * DAY),
    channels: ["sms"],
    ...(bridge ? { bridge: { instrumentVersionId: bridge, share: 0.5 } } : {}),
  });
}

/** A wave bridged from v1 to v2: `old` answered the old wording, `main` the new. */
async function bridgedWave(
  authorityId: Types.ObjectId,
  v: { v1: Types.ObjectId; v2: Types.ObjectId },
  old: number[],
  main: number[],
) {
  const w = await wave(authorityId, v.v2, "follow-up", v.v1);
  await addResponses({ ...w.toObject(), instrumentVersionId: v.v1 }, answering(old));
  await SurveyResponse.updateMany({ waveId: w._id }, { $set: { arm: "bridge" } });
  await addResponses(w, answering(main));
  await SurveyResponse.updateMany(
    { waveId: w._id, instrumentVersionId: v.v2 },
    { $set: { arm: "main" } },
  );
  return w;
}

interface BenchmarkPoint {
  waveId: string;
  shown: boolean;
  n: number | null;
  mean: number | null;
}
interface Cell {
  waveId: string;
  n: number | null;
  mean: number | null;
}
interface Construct {
  id: string;
  benchmark: BenchmarkPoint[];
  breakdowns: Array<{ dimension: string; groups: Array<{ key: string; cells: Cell[] }> }>;
}

it("pools beside a wave the other waves' arm asked like it", async () => {
  const v = await versions();
  // Own authority: baseline and follow-up both on edition 1 (no bridge).
  const own = await makeAuthority();
  await addResponses(await wave(own._id, v.v1, "baseline"), answering([2]));
  const ownLater = await wave(own._id, v.v1, "follow-up");
  await addResponses(ownLater, answering([2]));
  // Three others bridged in the follow-up: old arm answers 4, new arm 1.
  for (let k = 0; k < 3; k++) {
    const other = await makeAuthority();
    await addResponses(await wave(other._id, v.v1, "baseline"), answering([2]));
    await bridgedWave(other._id, v, [3], [0]);
  }
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${own.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const soc = body.constructs.find((c) => c.id === SOC)!;
  const beside = soc.benchmark.find((b) => b.waveId === ownLater._id.toHexString())!;
  // Before: the others' waves asked SOC otherwise, so the benchmark left them all out.
  expect(beside).toMatchObject({ shown: true, n: 60, mean: 4 });
}, 90_000);

it("reads a bridged wave's breakdowns on its new wording's arm", async () => {
  const v = await versions();
  const a = await makeAuthority();
  await addResponses(await wave(a._id, v.v1, "baseline"), answering([2]));
  const w = await bridgedWave(a._id, v, [3], [0, 1]);
  const s = await signInAs(app, "researcher");
  const body = (await s.agent.get(`/api/results/authorities/${a.slug}?lang=en`).expect(200))
    .body as { constructs: Construct[] };
  const sex = body.constructs
    .find((c) => c.id === SOC)!
    .breakdowns.find((b) => b.dimension === "sex")!;
  const cells = sex.groups.map((g) => g.cells.find((c) => c.waveId === w._id.toHexString())!);
  // 20 answered the new wording, 10 of each sex; the old arm's 20 are not in them.
  expect(cells.map((c) => c.n)).toEqual([10, 10]);
  const total = cells.reduce((acc, c) => acc + c.n! * c.mean!, 0) / 20;
  expect(total).toBeCloseTo(mean([0, 1]), 12);
}, 90_000);

it.each([false, true])(
  "takes a change into a bridged wave on its old arm in the DiD, and points on the new (and an unbridged edition change is left out: %s)",
  async (withUnbridged) => {
    const v = await versions();
    if (withUnbridged) {
      // A treated authority whose follow-up asks edition 2 with no bridge: its
      // change crosses a series break, so it stands in no DiD of the construct.
      const a = await makeAuthority();
      await Authority.updateOne(
        { _id: a._id },
        { $set: { programStatus: "treated", population: "jewish" } },
      );
      await addResponses(await wave(a._id, v.v1, "baseline"), answering([0]));
      await addResponses(await wave(a._id, v.v2, "follow-up"), answering([4]));
    }
    // Treated: the old arm answers 4–5, the new 1–2; comparison: old 2–3, new 4–5.
    const plan = [
      { treated: true, extra: [] as number[] },
      { treated: true, extra: [2] },
      { treated: true, extra: [1] },
      { treated: false, extra: [] },
      { treated: false, extra: [3] },
    ];
    const expected = {
      treated: { b: [] as number[], l: [] as number[] },
      comparison: { b: [] as number[], l: [] as number[] },
    };
    for (const p of plan) {
      const a = await makeAuthority();
      await Authority.updateOne(
        { _id: a._id },
        { $set: { programStatus: p.treated ? "treated" : "comparison", population: "jewish" } },
      );
      const base = [1, 2, ...p.extra];
      const old = p.treated ? [3, 4, ...p.extra] : [1, 2, ...p.extra];
      const main = p.treated ? [0, 1] : [3, 4];
      await addResponses(await wave(a._id, v.v1, "baseline"), answering(base));
      await bridgedWave(a._id, v, old, main);
      const e = expected[p.treated ? "treated" : "comparison"];
      e.b.push(...Array.from({ length: 20 }, (_, i) => base[i % base.length]! + 1));
      e.l.push(...Array.from({ length: 20 }, (_, i) => old[i % old.length]! + 1));
    }
    const avg = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const did =
      avg(expected.treated.l) -
      avg(expected.treated.b) -
      (avg(expected.comparison.l) - avg(expected.comparison.b));

    const s = await signInAs(app, "researcher");
    const body = (await s.agent.get("/api/results/evaluation?lang=en").expect(200)).body as {
      periods: string[];
      did: Array<{
        constructId: string;
        from: string;
        to: string;
        estimate: number | null;
        treatedAuthorities: number;
      }>;
      pooling: {
        rows: Array<{
          constructId: string;
          period: string;
          group: string;
          n: number | null;
          mean: number | null;
        }>;
      };
    };
    const [from, to] = body.periods as [string, string];
    const row = body.did.find((d) => d.constructId === SOC && d.from === from && d.to === to)!;
    expect(row.estimate).toBeCloseTo(did, 10);
    expect(row.treatedAuthorities).toBe(3);
    // The program's pooled figure of the follow-up period is the new wording's arms only.
    const pooled = body.pooling.rows.find(
      (r) => r.constructId === SOC && r.period === to && r.group === "all",
    )!;
    // (With the unbridged authority's edition-2 follow-up, the same measure:
    // each authority counts equally.)
    expect(pooled.n).toBe(withUnbridged ? 80 : 60);
    expect(pooled.mean).toBeCloseTo(withUnbridged ? (3 * mean([0, 1]) + 5) / 4 : mean([0, 1]), 10);
  },
  90_000,
);
