import request from "supertest";
import type { Express } from "express";
import { ensureDemoProgram } from "../../server/demo/seed";
import { answerAll } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave, submission } from "../factories/program";
import { signInAs } from "../helpers/session";

/** Results need a session now: a researcher sees every authority. */
const researcher = async () => (await signInAs(app, "researcher")).agent;

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Point {
  waveId: string;
  n: number;
  suppressed: boolean;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

async function submitMany(slug: string, survey: Record<string, unknown>, picks: number[]) {
  for (const pick of picks) {
    await request(app)
      .post(`/api/take/${slug}/responses`)
      .send(submission(answerAll(survey, (values) => values[pick]!)))
      .expect(201);
  }
}

it("gives n, mean and the t-based 95% CI of each construct per wave", async () => {
  // Twelve answers give a CI wider than the precision rule allows; this test checks
  // the interval itself against R, so only the privacy threshold (n) applies here:
  // an app configured with the widest threshold.
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
  try {
    await ciOfEachConstruct();
  } finally {
    app = testApp(t);
  }
});

async function ciOfEachConstruct() {
  const { slug, authority, wave } = await makeOpenWave();
  // An open link is reported as engagement (no interval) unless the wave is marked a
  // probability sample, as a researcher does for a drawn sample.
  const staff = await signInAs(app, "researcher");
  await staff.agent
    .put(`/api/results/waves/${wave._id.toHexString()}/sample-design`)
    .set("X-CSRF-Token", staff.csrf)
    .send({ probability: true })
    .expect(200);
  const survey = (await request(app).get(`/api/take/${slug}?lang=en`).expect(200)).body.survey;
  // Scale positions 0..3 give values 1..4 on every item; reversed items score 5 - v on a 1-4 scale.
  const picks = [0, 1, 2, 3, 1, 2, 2, 3, 1, 0, 2, 3];
  await submitMany(slug, survey, picks);

  const res = await (
    await researcher()
  )
    .get(`/api/results/authorities/${authority.slug}?lang=he`)
    .expect(200);
  expect(res.body.waves.map((w: { id: string }) => w.id)).toEqual([wave._id.toHexString()]);
  expect(res.body.constructs.length).toBeGreaterThanOrEqual(3);
  for (const construct of res.body.constructs as Array<{
    id: string;
    name: string;
    scale: { min: number; max: number };
    points: Point[];
  }>) {
    expect(construct.name).toMatch(/[\u0590-\u05FF]/);
    const [point] = construct.points;
    expect(point).toMatchObject({ n: picks.length, suppressed: false });
    expect(point!.mean!).toBeGreaterThanOrEqual(construct.scale.min);
    expect(point!.mean!).toBeLessThanOrEqual(construct.scale.max);
    expect(point!.ciLow!).toBeLessThan(point!.mean!);
    expect(point!.ciHigh!).toBeGreaterThan(point!.mean!);
  }
  // Sense of community has no reversed items: its scores are the picked values themselves.
  const soc = res.body.constructs.find((c: { id: string }) => c.id === "sense_of_community")
    .points[0] as Point;
  // Reference: mean 32/12; SD with n − 1; t(0.975, 11) = 2.200985160082949 (R: qt(0.975, 11)).
  expect(soc.mean).toBeCloseTo(2.6666666666666665, 10);
  expect(soc.ciLow).toBeCloseTo(1.9848598802113133, 10);
  expect(soc.ciHigh).toBeCloseTo(3.3484734531220197, 10);
}

it("shows n but suppresses statistics of cells below the threshold", async () => {
  const { slug, authority } = await makeOpenWave();
  const survey = (await request(app).get(`/api/take/${slug}?lang=en`).expect(200)).body.survey;
  await submitMany(slug, survey, [0, 1, 2]);
  const res = await (
    await researcher()
  )
    .get(`/api/results/authorities/${authority.slug}?lang=ar`)
    .expect(200);
  expect(res.body.minCellSize).toBe(10);
  for (const construct of res.body.constructs as Array<{ points: Point[] }>) {
    expect(construct.points[0]).toMatchObject({
      n: 3,
      suppressed: true,
      mean: null,
      ciLow: null,
      ciHigh: null,
    });
  }
});

it("answers an unknown authority with 404 NOT_FOUND", async () => {
  const res = await (
    await researcher()
  )
    .get("/api/results/authorities/nowhere?lang=en")
    .expect(404);
  expect(res.body.error.code).toBe("NOT_FOUND");
});

describe("the demo program", () => {
  it("creates three authorities and three comparison towns with a baseline and a follow-up each, once", async () => {
    const first = await ensureDemoProgram({ responsesPerWave: 150 });
    expect(first).toMatchObject({ created: true, authorities: 6, waves: 12 });
    expect((await ensureDemoProgram()).created).toBe(false);

    const agent = await researcher();
    const list = await agent.get("/api/authorities?lang=en").expect(200);
    expect(list.body).toHaveLength(6);
    expect(
      list.body.filter((a: { programStatus: string }) => a.programStatus === "comparison"),
    ).toHaveLength(3);
    const res = await agent
      .get(`/api/results/authorities/${first.openLinkAuthoritySlug}?lang=en`)
      .expect(200);
    expect(res.body.waves.map((w: { kind: string }) => w.kind)).toEqual(["baseline", "follow-up"]);
    // The synthetic follow-up is a small, plausible improvement on every construct.
    for (const construct of res.body.constructs as Array<{ id: string; points: Point[] }>) {
      const [baseline, followUp] = construct.points;
      expect(baseline!.n).toBeGreaterThan(100);
      const change = followUp!.mean! - baseline!.mean!;
      expect(change).toBeGreaterThan(0);
      expect(change).toBeLessThan(0.6);
    }
    await request(app).get("/api/take/demo?lang=ar").expect(200);
    // Seeding 1,800 responses: beyond the default 30 s when the machine is busy.
  }, 120_000);
});
