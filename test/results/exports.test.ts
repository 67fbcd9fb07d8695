/**
 * Exports on the real store: the responses CSV (BOM, formula-safe, Hebrew kept)
 * round-trips through `npm run analyze` to the dashboard's figures, weighted
 * and not; the XLSX and the SPSS .sav read back (the .sav by an independent
 * reader, and by PSPP when it is installed); every export is audit-logged; and
 * the export verb streams a file with progress on stderr.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Express } from "express";
import { AuditEvent } from "../../server/audit/model";
import { SAV_MISSING_CODE } from "../../server/exports/sav-writer";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";
import { readSav } from "./sav-reader";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kp-export-"));

beforeAll(async () => {
  // These small waves test that analyze reproduces every figure the dashboard can
  // show, so the precision rule (CI half-width) is relaxed here; n still applies.
  t = await startTestStore();
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
  const { authority, baseline, followUp } = await authorityWithTwoWaves({
    he: "מדידת בסיס",
    ar: "القياس الأساسي",
    en: "Baseline",
  });
  slug = authority.slug;
  await addResponses(baseline, [
    ...respondents(25, { submittedAt: new Date(Date.now() - 300 * 86_400_000) }),
    {
      position: 1,
      sex: "dk",
      neighbourhood: '=HYPERLINK("http://x")',
      submittedAt: new Date(Date.now() - 299 * 86_400_000),
    },
  ]);
  await addResponses(followUp, [
    ...respondents(30, { neighbourhood: "רמת החייל" }, 1),
    ...respondents(4, { locale: "ar", neighbourhood: "الحي الشرقي" }),
  ]);
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(async () => {
  // The CLI's test closed the store to open its directory; this removes the directory too.
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const download = async (url: string) =>
  (
    await researcher.agent
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
  ).body as Buffer;

function analyze(file: string): {
  results: Array<{
    wave: string;
    construct: string;
    n: number;
    mean: number | null;
    se: number | null;
  }>;
} {
  const run = spawnSync(
    "npm",
    [
      "run",
      "--silent",
      "analyze",
      "--",
      "--responses",
      file,
      "--json",
      // The dashboard here is relaxed to the widest threshold; analyze takes the same.
      "--max-ci-half-width-share",
      "1",
    ],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

async function expectSameAsDashboard(file: string) {
  const dash = (await researcher.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200))
    .body;
  const { results } = analyze(file);
  let compared = 0;
  for (const c of dash.constructs)
    for (const p of c.points) {
      const r = results.find((x) => x.wave === p.waveId && x.construct === c.id)!;
      expect({ id: `${c.id}@${p.waveId}`, n: r.n }).toEqual({ id: `${c.id}@${p.waveId}`, n: p.n });
      if (p.mean === null) continue;
      expect(r.mean).toBeCloseTo(p.mean, 9);
      expect(r.se).toBeCloseTo(p.se, 9);
      compared++;
    }
  expect(compared).toBeGreaterThan(20);
}

it("writes CSV with a BOM, safe cells and Hebrew intact, and logs the export", async () => {
  const csv = await download(`/api/exports/responses?authority=${slug}&format=csv`);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString("utf8");
  const [header] = text.slice(1).split("\r\n");
  expect(header!.split(",").slice(0, 8)).toEqual([
    "response_id",
    "authority",
    "wave",
    "wave_name",
    "channel",
    "locale",
    "submitted_at",
    "weight",
  ]);
  expect(header).toContain("dem_age_band");
  expect(header).toContain("score_sense_of_community");
  expect(text.trimEnd().split("\r\n")).toHaveLength(1 + 26 + 34);
  expect(text).toContain("רמת החייל");
  expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  const events = await AuditEvent.find({ action: "responses.exported" }).lean();
  expect(events.at(-1)).toMatchObject({ details: { format: "csv", rows: 60, via: "api" } });
  fs.writeFileSync(path.join(tmp, "responses.csv"), csv);
});

it("round-trips the CSV through npm run analyze to the dashboard's figures", async () => {
  await expectSameAsDashboard(path.join(tmp, "responses.csv"));
}, 60_000);

it("exports the raking weights, and analyze on them gives the weighted dashboard", async () => {
  await researcher.agent
    .put(`/api/results/authorities/${slug}/margins`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.3, "2": 0.7 } }] })
    .expect(200);
  const csv = await download(`/api/exports/responses?authority=${slug}&format=csv`);
  const file = path.join(tmp, "weighted.csv");
  fs.writeFileSync(file, csv);
  expect(csv.toString("utf8").split("\r\n")[1]).toMatch(/,\d+\.\d+,/);
  await expectSameAsDashboard(file);
}, 60_000);

it("writes an XLSX that reads back with its Hebrew", async () => {
  const xlsx = await download(`/api/exports/responses?authority=${slug}&format=xlsx&lang=he`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("responses")!;
  expect(sheet.rowCount).toBe(61);
  expect(sheet.getRow(1).getCell(1).value).toBe("response_id");
  const names = (sheet.getRow(1).values as unknown[]).slice(1);
  const waveName = names.indexOf("wave_name") + 1;
  expect(sheet.getRow(2).getCell(waveName).value).toBe("מדידת בסיס");
  const results = await download(`/api/exports/results?authority=${slug}&format=xlsx`);
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.load(results as unknown as ArrayBuffer);
  expect(wb2.getWorksheet("results")!.rowCount).toBeGreaterThan(20);
});

it("writes an SPSS .sav with variable and value labels that reads back", async () => {
  const sav = await download(`/api/exports/responses?authority=${slug}&format=sav`);
  const file = path.join(tmp, "responses.sav");
  fs.writeFileSync(file, sav);
  const f = readSav(sav);
  expect(f.encoding).toBe("UTF-8");
  expect(f.cases).toHaveLength(60);
  const sex = f.variables.find((v) => v.name === "dem_sex")!;
  expect(sex.label).toBe("Sex");
  expect(Object.fromEntries(sex.valueLabels)).toMatchObject({ 1: "Woman", 2: "Man" });
  expect(sex.missing).toEqual([SAV_MISSING_CODE]);
  const col = (name: string) => f.variables.findIndex((v) => v.name === name);
  // The respondent who preferred not to say has the missing code.
  expect(f.cases.filter((c) => c[col("dem_sex")] === SAV_MISSING_CODE)).toHaveLength(1);
  const csv = fs
    .readFileSync(path.join(tmp, "responses.csv"), "utf8")
    .slice(1)
    .trimEnd()
    .split("\r\n");
  const header = csv[0]!.split(",");
  const first = csv[1]!.split(",");
  for (const name of ["response_id", "authority", "score_sense_of_community", "dem_age_band"]) {
    const v = f.cases[0]![col(name)];
    // A system-missing value reads back as null in the .sav and is an empty cell in the CSV.
    expect(v === null ? "" : String(v)).toBe(first[header.indexOf(name)]);
  }
  const pspp = spawnSync("pspp-convert", [file, path.join(tmp, "pspp.csv")], { encoding: "utf8" });
  if (pspp.error) {
    console.warn("PSPP is not installed: the .sav was checked by the test's own reader only");
    return;
  }
  expect(pspp.status).toBe(0);
  const back = fs.readFileSync(path.join(tmp, "pspp.csv"), "utf8").trimEnd().split(/\r?\n/);
  expect(back).toHaveLength(61);
  expect(back[0]).toContain("score_sense_of_community");
  const syntax = path.join(tmp, "dict.sps");
  fs.writeFileSync(syntax, `GET FILE='${file}'.\nDISPLAY DICTIONARY /VARIABLES=dem_sex.\n`);
  const dict = spawnSync("pspp", ["-o", path.join(tmp, "dict.txt"), syntax], { encoding: "utf8" });
  expect(dict.status).toBe(0);
  const out = fs.readFileSync(path.join(tmp, "dict.txt"), "utf8");
  expect(out).toMatch(/Woman/);
  expect(out).toMatch(/Sex/);
});

it("gives the codebook", async () => {
  const csv = (await download(`/api/exports/codebook?authority=${slug}&format=csv`)).toString(
    "utf8",
  );
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("dem_sex");
});

it("exports the results table with a disclosure sheet: design, dates, weighting and AAPOR rates", async () => {
  const xlsx = await download(`/api/exports/results?authority=${slug}&format=xlsx&lang=en`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const results = wb.getWorksheet("results")!;
  const header = (results.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(
    expect.arrayContaining(["change_ci_low", "change_detectable", "design", "effective_n"]),
  );
  const sheet = wb.getWorksheet("disclosure")!;
  const cols = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  expect(cols).toEqual(expect.arrayContaining(["rr1", "rr3", "coop1", "ref1", "con1", "e"]));
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  const sms = rows
    .map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i + 1]])))
    .filter((r) => r.channel === "sms");
  // Two waves, SMS answers in each, no invitation list: completes but no rate.
  expect(sms).toHaveLength(2);
  expect(sms[0]).toMatchObject({ authority: slug, design: "list", frame: "contact-list" });
  expect(sms.map((r) => r.responses)).toEqual([26, 34]);
}, 60_000);

it("npm run export streams a file with progress on stderr", async () => {
  await t.store.close();
  const out = path.join(tmp, "cli.csv");
  const run = spawnSync(
    "npm",
    ["run", "--silent", "export", "--", "--authority", "all", "--format", "csv", "--out", out],
    {
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: t.dataDir, NODE_ENV: "test", LOG_LEVEL: "silent" },
    },
  );
  fs.rmSync(t.dataDir, { recursive: true, force: true });
  expect(run.stderr).toMatch(/60 responses × \d+ columns/);
  expect(run.status).toBe(0);
  expect(fs.readFileSync(out, "utf8").trimEnd().split("\r\n")).toHaveLength(61);
  const bad = spawnSync("npm", ["run", "--silent", "export", "--", "--format", "pdf"], {
    encoding: "utf8",
  });
  expect(bad.status).toBe(2);
}, 60_000);
