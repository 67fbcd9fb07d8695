/**
 * Population margins as versioned data (issue 17, item 3): versions with
 * source, year and universe, chosen per wave by date; CBS locality tables as
 * CSV with errors per row; trimming and a failed fit shown in the results, never
 * an unweighted wave labelled weighted.
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const day = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
const DAY = 86_400_000;

function set(validFrom: string, shares: Record<string, number>, extra: object = {}) {
  return {
    source: "CBS locality table",
    year: 2022,
    universe: "18+",
    validFrom,
    margins: [{ variable: "dem_sex", shares }],
    ...extra,
  };
}

async function researcher() {
  const s = await signInAs(app, "researcher");
  const post = (path: string, body: object, lang = "en") =>
    s.agent.post(`${path}?lang=${lang}`).set("X-CSRF-Token", s.csrf).send(body);
  const results = async (slug: string) =>
    (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
  return { s, post, results };
}

const socMean = (
  body: { constructs: Array<{ id: string; points: Array<{ mean: number }> }> },
  i: number,
) => body.constructs.find((c) => c.id === "sense_of_community")!.points[i]!.mean;

it("keeps versions with their source, year and universe, and gives each wave the set valid for it", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  // Men (1) all at position 3 (score 4), women (2) at 0 (score 1), 60 and 20 in each wave.
  const people = [
    ...respondents(60, { sex: 1, position: 3 }),
    ...respondents(20, { sex: 2, position: 0 }),
  ];
  await addResponses(baseline, people);
  await addResponses(followUp, people);
  const { s, post, results } = await researcher();
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;

  const first = await post(base, set("2000-01-01", { "1": 0.5, "2": 0.5 })).expect(201);
  expect(first.body).toMatchObject({
    version: 1,
    source: "CBS locality table",
    year: 2022,
    universe: "18+",
  });
  // A later census applies from 30 days ago: to the follow-up only.
  const second = await post(
    base,
    set(day(30 * DAY), { "1": 0.25, "2": 0.75 }, { year: 2024 }),
  ).expect(201);
  expect(second.body.version).toBe(2);

  const list = (await s.agent.get(base).expect(200)).body;
  expect(list.sets.map((x: { version: number }) => x.version)).toEqual([2, 1]);
  const versionOf = new Map(
    list.waves.map((w: { id: string; version: number }) => [w.id, w.version]),
  );
  expect(versionOf.get(baseline._id.toHexString())).toBe(1);
  expect(versionOf.get(followUp._id.toHexString())).toBe(2);

  const body = await results(authority.slug);
  // Baseline raked to 50/50: (4 + 1) / 2; follow-up to 25/75: 0.25·4 + 0.75·1.
  expect(socMean(body, 0)).toBeCloseTo(2.5, 8);
  expect(socMean(body, 1)).toBeCloseTo(1.75, 8);
  const disclosed = body.waves.map(
    (w: { disclosure: { weighting: unknown } }) => w.disclosure.weighting,
  );
  expect(disclosed[0]).toMatchObject({
    method: "raked",
    variables: ["dem_sex"],
    marginSet: { version: 1, year: 2022 },
  });
  expect(disclosed[1]).toMatchObject({ method: "raked", marginSet: { version: 2, year: 2024 } });
  expect(disclosed[1].deff).toBeGreaterThan(1);
  // Every point carries Kish's deff beside its effective n: n / effective n.
  const point = body.constructs.find((c: { id: string }) => c.id === "sense_of_community")
    .points[1];
  expect(point.deff).toBeCloseTo(point.n / point.effectiveN, 12);
  expect(point.deff).toBeGreaterThan(1);
  expect(disclosed[1].effectiveN).toBeLessThan(80);

  // A set pinned to the baseline wins over dates.
  await post(
    base,
    set("2030-01-01", { "1": 0.75, "2": 0.25 }, { waveId: baseline._id.toHexString() }),
  ).expect(201);
  expect(socMean(await results(authority.slug), 0)).toBeCloseTo(0.75 * 4 + 0.25, 8);
});

it("refuses margins it cannot use, with codes and a translated message", async () => {
  const { authority } = await makeOpenWave();
  const { post } = await researcher();
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;
  const sum = await post(base, set("2022-01-01", { "1": 0.5, "2": 0.3 }), "ar").expect(400);
  expect(sum.body.error.code).toBe("VALIDATION_FAILED");
  expect(sum.body.error.details).toContainEqual({
    path: "body.margins.0.shares",
    code: "sum_not_1",
  });
  expect(sum.body.error.message).toMatch(/[\u0600-\u06ff]/);
  const universe = await post(base, {
    ...set("2022-01-01", { "1": 0.5, "2": 0.5 }),
    universe: "all",
  }).expect(400);
  expect(universe.body.error.code).toBe("VALIDATION_FAILED");
  const category = await post(base, {
    ...set("2022-01-01", {}),
    margins: [{ variable: "dem_education", shares: { "1": 0.5, "Bad Key": 0.5 } }],
  }).expect(400);
  expect(category.body.error.code).toBe("VALIDATION_FAILED");
  const pinned = await post(
    base,
    set("2022-01-01", { "1": 0.5, "2": 0.5 }, { waveId: "0".repeat(24) }),
  ).expect(400);
  expect(pinned.body.error.details).toContainEqual({
    path: "body.waveId",
    code: "wave_not_in_authority",
  });
});

const CBS = [
  "locality_code,variable,category,count",
  "3000,sex,1,12000",
  "3000,sex,2,13000",
  "3000,age_band,1,5000",
  "3000,age_band,2,20000",
  "3000,education,1,-",
  '3000,education,2,"10,000"',
  "3000,education,3,15000",
  "70,sex,1,900",
  "70,sex,2,1100",
].join("\n");

it("imports the margins of one locality from a CBS table as CSV", async () => {
  const { authority } = await makeOpenWave();
  const { post } = await researcher();
  const res = await post(`/api/results/authorities/${authority.slug}/margin-sets/cbs`, {
    source: "CBS, localities 2022",
    year: 2022,
    universe: "18+",
    validFrom: "2022-01-01",
    localityCode: "3000",
    csv: CBS,
  }).expect(201);
  const byVariable = Object.fromEntries(
    res.body.margins.map((m: { variable: string; shares: object }) => [m.variable, m.shares]),
  );
  expect(byVariable.dem_sex["1"]).toBeCloseTo(12 / 25, 12);
  expect(byVariable.dem_age_band["2"]).toBeCloseTo(0.8, 12);
  // "-" is the CBS's nil: the category is left out, the others share the residents.
  expect(byVariable.dem_education).toEqual({ "2": 0.4, "3": 0.6 });
});

it("reports every bad row of a CBS file, in the reader's language", async () => {
  const { authority } = await makeOpenWave();
  const { post } = await researcher();
  const bad = [
    "locality_code,variable,category,count",
    "3000,sex,1,12000",
    "3000,sex,2,..",
    "3000,colour,1,5",
    "3000,sex,1,7",
    "3000,age_band,1,many",
  ].join("\n");
  const body = () => ({
    source: "CBS",
    year: 2022,
    universe: "18+",
    validFrom: "2022-01-01",
    localityCode: "3000",
    csv: bad,
  });
  const path = `/api/results/authorities/${authority.slug}/margin-sets/cbs`;
  const en = await post(path, body(), "en").expect(400);
  expect(en.body.error.code).toBe("MARGINS_FILE_INVALID");
  expect(en.body.error.details).toEqual([
    { path: "row.3", code: "not_available" },
    { path: "row.4", code: "unknown_variable" },
    { path: "row.5", code: "duplicate_category" },
    { path: "row.6", code: "bad_count" },
  ]);
  expect(en.body.error.message).toContain("Row 3");
  expect(en.body.error.message).not.toContain("marginsFile");
  for (const lang of ["he", "ar"]) {
    const res = await post(path, body(), lang).expect(400);
    expect(res.body.error.message).toContain("3");
    expect(res.body.error.message).not.toContain("marginsFile");
    expect(res.body.error.message).not.toBe(en.body.error.message);
  }
  const elsewhere = await post(path, { ...body(), localityCode: "9999" }, "en").expect(400);
  // Rows of other localities are not read, so their problems are not this import's.
  expect(elsewhere.body.error.details).toEqual([
    { path: "body.localityCode", code: "locality_not_found" },
  ]);
  const noRows = await post(
    path,
    { ...body(), csv: "locality_code,variable,category,count\n70,sex,1,5\n" },
    "en",
  ).expect(400);
  expect(noRows.body.error.details).toEqual([
    { path: "body.localityCode", code: "locality_not_found" },
  ]);
});

it("shows a failed fit as failed, with its code, and never as weighted", async () => {
  const { authority, wave } = await makeOpenWave();
  // Only men answered: no respondent in the women's population category.
  await addResponses(wave, respondents(40, { sex: 1 }));
  const { post, results } = await researcher();
  await post(
    `/api/results/authorities/${authority.slug}/margin-sets`,
    set("2000-01-01", { "1": 0.5, "2": 0.5 }),
  ).expect(201);
  const body = await results(authority.slug);
  expect(body.waves[0].weighting.method).toBe("failed");
  expect(body.waves[0].disclosure.weighting).toMatchObject({
    method: "failed",
    variables: [],
    failure: { code: "empty_margin_cell", variable: "dem_sex" },
    deff: 1,
    effectiveN: 40,
  });
});

it("caps extreme weights at 5 × the median, or at the set's own cap, and says what it did", async () => {
  const { authority, wave } = await makeOpenWave();
  // 95 men, 5 women, raked to half and half and to age: women's weights near 10 (mean 1).
  await addResponses(wave, [...respondents(95, { sex: 1 }), ...respondents(5, { sex: 2 })]);
  const { post, results } = await researcher();
  const margins = [
    { variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } },
    {
      variable: "dem_age_band",
      shares: { "1": 0.1, "2": 0.15, "3": 0.15, "4": 0.15, "5": 0.15, "6": 0.15, "7": 0.15 },
    },
  ];
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;
  await post(base, { ...set("2000-01-01", {}), margins }).expect(201);
  const w = (await results(authority.slug)).waves[0].disclosure.weighting;
  expect(w.method).toBe("raked");
  expect(w.trimming.cap).toBeGreaterThan(1);
  expect(w.trimming.maxBefore).toBeGreaterThan(w.trimming.cap);
  // Five women cannot carry half the weight under that cap: after 50 trim-and-rake rounds
  // the margins win, and the payload says the cap was not met rather than hiding it.
  expect(w.trimming).toMatchObject({ rounds: 50, converged: false });
  expect(w.trimming.maxAfter).toBeGreaterThan(w.trimming.cap);

  // A later version with its own cap of 12: nothing to trim.
  await post(base, { ...set("2001-01-01", {}), margins, trimCap: 12 }).expect(201);
  const capped = (await results(authority.slug)).waves[0].disclosure.weighting;
  expect(capped.marginSet.version).toBe(2);
  expect(capped.trimming).toMatchObject({ cap: 12, rounds: 0, converged: true });
});
