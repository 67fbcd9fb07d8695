/**
 * One engine (issue 17, item 7): the same responses through the dashboard API
 * and through `npm run analyze` on the export of every authority give the same
 * n, mean, SE and % favourable, with favourable as the codebook defines it per
 * scale (3+ of 4 on satisfaction, any volunteering on volunteer5), and an
 * export where only some authorities are weighted is analysed, not refused.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
const slugs: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kp-one-engine-"));

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  for (let k = 0; k < 2; k++) {
    const { authority, baseline, followUp } = await authorityWithTwoWaves();
    slugs.push(authority.slug);
    await addResponses(baseline, respondents(64, { channel: "sms" }, k));
    await addResponses(followUp, respondents(72, { channel: "sms" }, k + 1));
  }
  researcher = await signInAs(app, "researcher");
  // Only the first authority has margins: its waves are raked, the other's are not.
  await researcher.agent
    .put(`/api/results/authorities/${slugs[0]}/margins`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.35, "2": 0.65 } }] })
    .expect(200);
}, 60_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface AnalyzeRow {
  authority: string;
  wave: string;
  construct: string;
  n: number;
  mean: number | null;
  se: number | null;
  favourable: number | null;
  favourable_low: number | null;
  favourable_high: number | null;
}

function analyze(args: string[]): { results: AnalyzeRow[] } {
  const run = spawnSync("npm", ["run", "--silent", "analyze", "--", ...args, "--json"], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

it("gives the dashboard's figures, % favourable per scale included, on a partly weighted export", async () => {
  const csv = (
    await researcher.agent
      .get("/api/exports/responses?authority=all&format=csv")
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
  ).body as Buffer;
  const file = path.join(tmp, "all.csv");
  fs.writeFileSync(file, csv);
  const { results } = analyze(["--responses", file]);

  let compared = 0;
  const favourableOf = new Map<string, number>();
  for (const slug of slugs) {
    const dash = (
      await researcher.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)
    ).body;
    for (const c of dash.constructs)
      for (const p of c.points) {
        const r = results.find(
          (x) => x.authority === slug && x.wave === p.waveId && x.construct === c.id,
        );
        expect(r).toBeDefined();
        expect({ at: `${slug}/${c.id}`, n: r!.n }).toEqual({ at: `${slug}/${c.id}`, n: p.n });
        if (p.mean === null) continue;
        expect(r!.mean).toBeCloseTo(p.mean, 9);
        expect(r!.favourable).toBeCloseTo(p.favourable, 9);
        // Where the dashboard withholds an interval as too imprecise, there is nothing to compare.
        if (p.se === null) continue;
        expect(r!.se).toBeCloseTo(p.se, 9);
        expect(r!.favourable_low).toBeCloseTo(p.favourableLow, 9);
        expect(r!.favourable_high).toBeCloseTo(p.favourableHigh, 9);
        favourableOf.set(`${slug}/${p.waveId}/${c.id}`, p.favourable);
        compared++;
      }
  }
  expect(compared).toBeGreaterThan(40);
  // Positions cycle 0..3: satisfaction (1-4, favourable from 3) is favourable for half,
  // volunteering (favourable from 2, any volunteering) for three quarters, unweighted.
  const unweighted = [...favourableOf].filter(([k]) => k.startsWith(`${slugs[1]}/`));
  const sat = unweighted.filter(([k]) => k.endsWith("/satisfaction_with_authority"));
  expect(sat.length).toBeGreaterThan(0);
  for (const [, v] of sat) expect(v).toBeGreaterThan(0.4);
  const vol = unweighted.filter(([k]) => k.endsWith("/volunteering"));
  for (const [, v] of vol) expect(v).toBeGreaterThan(0.7);
}, 90_000);
