/**
 * The results export's disclosure sheet says how each wave was weighted, as the
 * page does: the margin set version, the weight cap and whether it was met, or
 * why the fit failed (issue 17, item 3).
 */
import ExcelJS from "exceljs";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

it("names the margin set, the cap and a failed fit's reason in the disclosure sheet", async () => {
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  // The baseline has men only: raking to sex fails there (no woman to carry half).
  await addResponses(baseline, respondents(30, { sex: 1 }));
  await addResponses(followUp, respondents(30));
  const s = await signInAs(app, "researcher");
  await s.agent
    .post(`/api/results/authorities/${authority.slug}/margin-sets`)
    .set("X-CSRF-Token", s.csrf)
    .send({
      source: "CBS, localities 2022",
      year: 2022,
      universe: "18+",
      validFrom: "2000-01-01",
      trimCap: 4,
      margins: [{ variable: "dem_sex", shares: { "1": 0.48, "2": 0.52 } }],
    })
    .expect(201);
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
  const cols = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) =>
    Object.fromEntries(cols.map((c, i) => [c, r[i + 1] ?? null])),
  );
  const of = (id: string) => rows.find((r) => r.wave === id)!;
  expect(of(baseline._id.toHexString())).toMatchObject({
    weighting: "failed",
    weighting_failure: "empty_margin_cell",
    margin_set_version: null,
  });
  expect(of(followUp._id.toHexString())).toMatchObject({
    weighting: "raked",
    weighting_failure: null,
    margin_set_version: 1,
    margin_set_source: "CBS, localities 2022",
    margin_set_year: 2022,
    weight_cap: 4,
    weight_cap_met: "yes",
  });
}, 60_000);
