/**
 * The dashboards weight a list sample as the pipeline describes (issue 17,
 * item 3): base weight × non-response adjustment within the classes of the
 * wave's contact list × raking to the margins. Every SMS invitation is a case
 * of its frame cell (the list's language and neighbourhood); a response
 * records its invitation's cell. The fixture's classes are worked by hand and
 * its weights, mean and SE come from R's survey package
 * (test/analytics/reference/nonresponse-dashboard.R).
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";
import { addResponses } from "./factory";
import { invite, respondentsOf } from "./nonresponse-fixture";

const expected = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, "..", "analytics", "fixtures", "expected-nonresponse-dashboard.json"),
    "utf8",
  ),
) as {
  e: number;
  factors: Record<string, number>;
  weights: Record<string, number>;
  mean: number;
  se: number;
  meanRakedOnly: number;
};

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

async function dashboard(slug: string) {
  const s = await signInAs(app, "researcher");
  await s.agent
    .put(`/api/results/authorities/${slug}/margins`)
    .set("X-CSRF-Token", s.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }] })
    .expect(200);
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
  return { s, body };
}

it("adjusts within the list's classes before raking, as R does", async () => {
  const { authority, wave } = await makeOpenWave({ status: "closed" });
  await invite(wave);
  await addResponses(wave, respondentsOf(true));
  const { s, body } = await dashboard(authority.slug);
  const soc = body.constructs.find((c: { id: string }) => c.id === "sense_of_community").points[0];
  expect(soc.n).toBe(69);
  expect(soc.mean).toBeCloseTo(expected.mean, 9);
  expect(soc.se).toBeCloseTo(expected.se, 9);
  // Raking alone gives another mean: the adjustment is what moved it.
  expect(Math.abs(soc.mean - expected.meanRakedOnly)).toBeGreaterThan(0.01);

  const step = body.waves[0].disclosure.weighting.nonResponse;
  expect(step.applied).toBe(true);
  expect(step.reason).toBeNull();
  // By hand: e = (69 complete + 30 non-contact) / (99 + 11 undeliverable) = 0.9. Hebrew:
  // 45 complete + 10 non-contact + 0·5 undeliverable + 0.9·10 unknown = 64 eligible over
  // 45 respondents (its neighbourhoods are not split: south has 15 respondents, below 20).
  // Arabic: 24 + 20 + 0·6 + 0.9·10 = 53 over 24.
  expect(expected.e).toBeCloseTo(0.9, 12);
  const cells = [...step.cells].sort((a, b) => a.values.language.localeCompare(b.values.language));
  expect(cells).toHaveLength(2);
  expect(cells[0]).toMatchObject({ values: { language: "ar" }, invitations: 60, respondents: 24 });
  expect(cells[0].eligible).toBeCloseTo(53, 9);
  expect(cells[0].factor).toBeCloseTo(53 / 24, 12);
  expect(cells[0].factor).toBeCloseTo(expected.factors.ar!, 12);
  expect(cells[1]).toMatchObject({ values: { language: "he" }, invitations: 70, respondents: 45 });
  expect(cells[1].factor).toBeCloseTo(64 / 45, 12);
  expect(cells[1].factor).toBeCloseTo(expected.factors.he!, 12);
  expect(step.variables).toContain("language");

  // The results export's disclosure sheet names the step and its classes.
  const res = await s.agent
    .get(`/api/exports/results?authority=${authority.slug}&format=xlsx&lang=en`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on("data", (c: Buffer) => chunks.push(c));
      r.on("end", () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as ArrayBuffer);
  const sheet = wb.getWorksheet("disclosure")!;
  const names = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const sms = (sheet.getSheetValues().slice(2) as unknown[][])
    .map((r) => Object.fromEntries(names.map((c, i) => [c, r[i + 1] ?? null])))
    .find((r) => r.channel === "sms")!;
  expect(sms).toMatchObject({ nonresponse_adjusted: "yes", nonresponse_reason: null });
  expect(String(sms.nonresponse_classes)).toMatch(
    /language=ar neighbourhood=: 24 of 60, factor 2\.208/,
  );
  expect(String(sms.nonresponse_classes)).toMatch(/language=he: 45 of 70, factor 1\.422/);

  // The export's weights are the dashboard's, respondent by respondent (R's).
  const file = (
    await s.agent.get(`/api/exports/responses?authority=${authority.slug}&format=csv`).expect(200)
  ).text
    .trim()
    .split("\n");
  const header = file[0]!.split(",");
  const col = (name: string) => header.indexOf(name);
  for (const line of file.slice(1)) {
    const cells = line.split(",");
    const key = `${cells[col("locale")]}/${cells[col("dem_sex")]}`;
    expect(Number(cells[col("weight")])).toBeCloseTo(expected.weights[key]!, 9);
  }
}, 60_000);

it("leaves a wave whose responses carry no frame cell raked only, and says so", async () => {
  const { authority, wave } = await makeOpenWave({ status: "closed" });
  await invite(wave);
  await addResponses(wave, respondentsOf(false));
  const { body } = await dashboard(authority.slug);
  const soc = body.constructs.find((c: { id: string }) => c.id === "sense_of_community").points[0];
  expect(soc.mean).toBeCloseTo(expected.meanRakedOnly, 9);
  expect(body.waves[0].disclosure.weighting.nonResponse).toEqual({
    applied: false,
    reason: "frameNotRecorded",
    variables: [],
    cells: [],
  });
}, 60_000);
