/**
 * The researchers' margins file (issue 17, item 3): `source,year,variable,category,share`,
 * one version per file; a check lists every problem by row before anything is
 * stored, an import refuses a faulty file whole, and the list says which wave
 * is raked to which version.
 */
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

const GOOD = [
  "source,year,variable,category,share",
  "CBS localities,2022,sex,1,0.48",
  "CBS localities,2022,sex,2,0.52",
  "CBS localities,2022,dem_age_band,1,30%",
  "CBS localities,2022,dem_age_band,2,45%",
  "CBS localities,2022,dem_age_band,3,25%",
  "CBS localities,2022,education,1,0",
  "CBS localities,2022,education,2,0.4",
  "CBS localities,2022,education,3,0.6",
].join("\n");

const BAD = [
  "source,year,variable,category,share",
  "CBS localities,2022,sex,1,0.48",
  "CBS localities,2022,sex,2,many",
  "CBS localities,2021,sex,2,0.52",
  "CBS localities,2022,colour,1,0.5",
  "CBS localities,2022,sex,1,0.48",
  "CBS localities,2022,age_band,x1,0.5",
  "CBS localities,22,age_band,1,0.5",
  "CBS localities,2022,age_band,2,1.5",
].join("\n");

async function researcher() {
  const s = await signInAs(app, "researcher");
  const post = (path: string, body: object, lang = "en") =>
    s.agent.post(`${path}?lang=${lang}`).set("X-CSRF-Token", s.csrf).send(body);
  return { s, post };
}

const body = (csv: string, extra: object = {}) => ({
  universe: "18+",
  validFrom: "2022-01-01",
  csv,
  ...extra,
});

it("checks a margins file and stores it as a version with the file's source and year", async () => {
  const { authority, wave } = await makeOpenWave();
  const { s, post } = await researcher();
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;
  const check = await post(`${base}/upload/check`, body(GOOD)).expect(200);
  expect(check.body.problems).toEqual([]);
  expect(check.body.source).toBe("CBS localities");
  expect(check.body.year).toBe(2022);
  // A check stores nothing.
  expect((await s.agent.get(base).expect(200)).body.sets).toEqual([]);

  const stored = await post(`${base}/upload`, body(GOOD)).expect(201);
  expect(stored.body).toMatchObject({ version: 1, source: "CBS localities", year: 2022 });
  const byVariable = Object.fromEntries(
    stored.body.margins.map((m: { variable: string; shares: object }) => [m.variable, m.shares]),
  );
  expect(byVariable.dem_sex).toEqual({ "1": 0.48, "2": 0.52 });
  expect(byVariable.dem_age_band["2"]).toBeCloseTo(0.45, 12);
  // A share of 0 leaves the category out, as the CBS's nil does.
  expect(byVariable.dem_education).toEqual({ "2": 0.4, "3": 0.6 });

  const list = (await s.agent.get(base).expect(200)).body;
  expect(list.waves).toEqual([
    expect.objectContaining({
      id: wave._id.toHexString(),
      version: 1,
      status: wave.status,
      name: expect.objectContaining({ he: expect.any(String), ar: expect.any(String) }),
    }),
  ]);
});

it("lists every problem of a file with its row, and refuses the file whole", async () => {
  const { authority } = await makeOpenWave();
  const { s, post } = await researcher();
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;
  const check = await post(`${base}/upload/check`, body(BAD)).expect(200);
  expect(check.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
    [3, "bad_share"],
    [4, "mixed_source"],
    [5, "unknown_variable"],
    [6, "duplicate_category"],
    [7, "bad_category"],
    [8, "bad_year"],
    [9, "bad_share"],
  ]);
  const refused = await post(`${base}/upload`, body(BAD), "en").expect(400);
  expect(refused.body.error.code).toBe("MARGINS_FILE_INVALID");
  expect(refused.body.error.details).toHaveLength(7);
  expect(refused.body.error.message).toContain("Row 3");
  for (const lang of ["he", "ar"]) {
    const res = await post(`${base}/upload`, body(BAD), lang).expect(400);
    expect(res.body.error.message).toContain("3");
    expect(res.body.error.message).not.toContain("marginsFile");
    expect(res.body.error.message).not.toBe(refused.body.error.message);
  }
  expect((await s.agent.get(base).expect(200)).body.sets).toEqual([]);
});

it("checks each variable's sum and the header", async () => {
  const { authority } = await makeOpenWave();
  const { post } = await researcher();
  const base = `/api/results/authorities/${authority.slug}/margin-sets`;
  const sums = [
    "source,year,variable,category,share",
    "CBS,2022,sex,1,0.4",
    "CBS,2022,sex,2,0.4",
    "CBS,2022,age_band,1,1",
  ].join("\n");
  const check = await post(`${base}/upload/check`, body(sums)).expect(200);
  expect(check.body.problems).toEqual([
    { path: "variable.dem_sex", row: null, variable: "dem_sex", code: "sum_not_1" },
    {
      path: "variable.dem_age_band",
      row: null,
      variable: "dem_age_band",
      code: "too_few_categories",
    },
  ]);
  const header = await post(
    `${base}/upload/check`,
    body("source,year,variable,share\nCBS,2022,sex,0.5\n"),
  ).expect(200);
  expect(header.body.problems).toEqual([
    { path: "header.category", row: null, variable: null, code: "missing_margins_column" },
  ]);
  const msg = await post(`${base}/upload`, body(sums), "en").expect(400);
  expect(msg.body.error.message).not.toContain("marginsFile");
});

it("is the research team's: an authority analyst may not upload margins", async () => {
  const { authority } = await makeOpenWave();
  const s = await signInAs(app, "authority-analyst", authority._id);
  await s.agent
    .post(`/api/results/authorities/${authority.slug}/margin-sets/upload/check?lang=en`)
    .set("X-CSRF-Token", s.csrf)
    .send(body(GOOD))
    .expect(403);
});
