/**
 * Change among panel members on the authority dashboard: residents who answered
 * both waves (same panel pseudonym) are compared pair by pair (paired t-test,
 * d_z, Holm over constructs); everyone else is left out of it, and too few pairs
 * give the count only.
 */
import type { Express } from "express";
import { pairedChange } from "../../server/analytics/change";
import { attritionWeights, weightedPairedChange } from "../../server/analytics/panel-weights";
import { Wave } from "../../server/waves/model";
import { SurveyResponse } from "../../server/responses/model";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents, type Respondent } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface PanelChange {
  fromWaveId: string;
  toWaveId: string;
  pairs: number;
  diff: number | null;
  d: number | null;
  p: number | null;
  pHolm: number | null;
  df: number | null;
  label: { key: string };
}

async function panelOf(slug: string): Promise<Map<string, PanelChange[]>> {
  const s = await signInAs(app, "researcher");
  const res = await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200);
  return new Map(
    (res.body.constructs as Array<{ id: string; changes: { panel: PanelChange[] } }>).map((c) => [
      c.id,
      c.changes.panel,
    ]),
  );
}

/** Members m0…m(n−1): a position in the baseline, one step up in the follow-up (at most 3). */
const members = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, before: i % 3 }));

it("tests the members who answered both waves pair by pair, and nobody else", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  const panel = members(14, "p");
  const once = (prefix: string): Respondent[] =>
    members(6, prefix).map((m) => ({ position: 3, panelId: m.id }));
  await addResponses(baseline, [
    ...panel.map((m) => ({ position: m.before, panelId: m.id })),
    ...once("only-baseline-"), // never in the follow-up
    ...respondents(20),
  ]);
  await addResponses(followUp, [
    ...panel.map((m, i) => ({
      position: i === 0 ? m.before : Math.min(3, m.before + 1),
      panelId: m.id,
    })),
    ...once("only-follow-up-"),
    ...respondents(20, {}, 2),
  ]);

  const byConstruct = await panelOf(authority.slug);
  const [id, changes] = [...byConstruct].find(([, list]) => list.length > 0)!;
  expect(changes).toHaveLength(1);
  const change = changes[0]!;
  expect(change).toMatchObject({
    fromWaveId: baseline._id.toHexString(),
    toWaveId: followUp._id.toHexString(),
    pairs: 14,
    df: 13,
  });

  // The same test computed straight from the stored scores of the 14 pairs.
  const scoreOf = async (waveId: typeof baseline._id) =>
    new Map(
      (await SurveyResponse.find({ waveId }).lean())
        .filter((r) => /^p\d+$/.test(r.panelId ?? ""))
        .map((r) => [r.panelId!, (r.scores as Record<string, number>)[id]!]),
    );
  const [before, after] = [await scoreOf(baseline._id), await scoreOf(followUp._id)];
  const ids = [...before.keys()].filter((m) => after.has(m)).sort();
  const expected = pairedChange(
    ids.map((m) => before.get(m)!),
    ids.map((m) => after.get(m)!),
  )!;
  expect(change.diff).toBeCloseTo(expected.diff, 10);
  expect(change.d).toBeCloseTo(expected.d, 10);
  expect(change.p).toBeCloseTo(expected.p, 10);
  expect(change.diff!).toBeGreaterThan(0);
  // Holm over the constructs of the same waves never lowers a p.
  expect(change.pHolm!).toBeGreaterThanOrEqual(change.p!);
  expect(change.label.key).toMatch(/^change\./);
});

it("gives only the number of pairs when there are fewer than the smallest cell", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  const few = members(5, "f");
  await addResponses(baseline, [
    ...few.map((m) => ({ position: m.before, panelId: m.id })),
    ...respondents(20),
  ]);
  await addResponses(followUp, [
    ...few.map((m) => ({ position: 3, panelId: m.id })),
    ...respondents(20),
  ]);
  const changes = [...(await panelOf(authority.slug)).values()].flat();
  expect(changes.length).toBeGreaterThan(0);
  for (const c of changes) {
    expect(c.pairs).toBe(5);
    expect([c.diff, c.d, c.p, c.pHolm]).toEqual([null, null, null, null]);
    expect(c.label.key).toBe("change.notEnoughData");
  }
});

it("has no panel change where nobody answered twice", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  await addResponses(baseline, respondents(20));
  await addResponses(followUp, respondents(20));
  expect([...(await panelOf(authority.slug)).values()].flat()).toEqual([]);
});

it("compares every pair of waves, weighting the members who stayed for those who left", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  const middle = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: followUp.instrumentVersionId,
    name: { he: "אמצע", ar: "وسط", en: "Middle" },
    kind: "follow-up",
    status: "closed",
    opensAt: new Date(Date.now() - 180 * 86_400_000),
  });
  // 30 members at baseline in age × sex cells; the younger ones drop out more often.
  const panel = Array.from({ length: 30 }, (_, i) => ({
    id: `a${i}`,
    age: 1 + (i % 3),
    sex: 1 + (i % 2),
    before: i % 3,
  }));
  const stays = (i: number, wave: number) => i % 3 !== 0 || i % (4 + wave) === 0;
  await addResponses(baseline, [
    ...panel.map((m) => ({ position: m.before, panelId: m.id, age: m.age, sex: m.sex })),
    ...respondents(20),
  ]);
  await addResponses(middle, [
    ...panel
      .filter((_, i) => stays(i, 1))
      .map((m, i) => ({
        position: Math.min(3, m.before + (i % 2)),
        panelId: m.id,
        age: m.age,
        sex: m.sex,
      })),
    ...respondents(20),
  ]);
  await addResponses(followUp, [
    ...panel
      .filter((_, i) => stays(i, 2))
      .map((m, i) => ({
        position: Math.min(3, m.before + (i % 4 === 1 ? 0 : 1)),
        panelId: m.id,
        age: m.age,
        sex: m.sex,
      })),
    ...respondents(20),
  ]);

  const byConstruct = await panelOf(authority.slug);
  const [id, changes] = [...byConstruct].find(([, list]) => list.some((c) => c.p !== null))!;
  const [b, m, f] = [baseline, middle, followUp].map((w) => w._id.toHexString());
  expect(changes.map((c) => [c.fromWaveId, c.toWaveId])).toEqual([
    [b, m],
    [b, f],
    [m, f],
  ]);

  // Each pair's figures from the stored responses through the engine's functions.
  const stored = async (waveId: typeof baseline._id) =>
    new Map(
      (await SurveyResponse.find({ waveId }).lean())
        .filter((r) => /^a\d+$/.test(r.panelId ?? ""))
        .map((r) => {
          const answers = r.answers as Record<string, number>;
          return [
            r.panelId!,
            {
              y: (r.scores as Record<string, number>)[id]!,
              ageBand: String(answers.dem_age_band),
              sex: String(answers.dem_sex),
            },
          ];
        }),
    );
  const waves = [await stored(baseline._id), await stored(middle._id), await stored(followUp._id)];
  const pairsOf = [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const;
  for (const [k, [from, to]] of pairsOf.entries()) {
    const atRisk = [...waves[from]!];
    const weights = attritionWeights(
      atRisk.map(([member, a]) => ({ ...a, retained: waves[to]!.has(member) })),
    );
    const kept = atRisk.flatMap(([member, a], i) =>
      weights[i] === null ? [] : [{ x: a.y, y: waves[to]!.get(member)!.y, w: weights[i]! }],
    );
    const want = weightedPairedChange(
      kept.map((p) => p.x),
      kept.map((p) => p.y),
      kept.map((p) => p.w),
    )!;
    const got = changes[k]!;
    expect(got.pairs).toBe(kept.length);
    expect(got.diff).toBeCloseTo(want.diff, 10);
    expect(got.p).toBeCloseTo(want.p, 10);
    expect(got.d).toBeCloseTo(want.d, 10);
    // Attrition was uneven across cells, so the weights are not all equal.
    expect(new Set(kept.map((p) => p.w.toFixed(6))).size).toBeGreaterThan(1);
  }
});
