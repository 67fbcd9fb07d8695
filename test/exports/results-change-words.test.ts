/**
 * The results table says each change in words, in the export's language, as
 * the dashboard does (issue 20: the CSV showed the key "change.noReliableChange").
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  await addResponses(baseline, respondents(30));
  await addResponses(followUp, respondents(30, { position: 3 }));
  researcher = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

it.each(["he", "ar", "en"] as const)(
  "gives every change's reading in words in %s",
  async (lang) => {
    const res = await researcher.agent
      .get(`/api/exports/results?authority=${slug}&format=xlsx&lang=${lang}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.getWorksheet("results")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const reading = header.indexOf("change_reading") + 1;
    const words = header.indexOf("change_words") + 1;
    expect(words).toBeGreaterThan(0);
    const catalogue = JSON.parse(
      fs.readFileSync(path.join("locales", lang, "results.json"), "utf8"),
    ) as { change: Record<string, string> };
    let read = 0;
    for (let r = 2; r <= sheet.rowCount; r += 1) {
      const key = sheet.getRow(r).getCell(reading).value as string | null;
      const text = sheet.getRow(r).getCell(words).value as string | null;
      if (key === null) {
        expect(text).toBeNull();
        continue;
      }
      expect(text).toBe(catalogue.change[key.replace(/^change\./, "")]);
      expect(text).not.toMatch(/change\./);
      read += 1;
    }
    expect(read).toBeGreaterThan(0);
  },
);
