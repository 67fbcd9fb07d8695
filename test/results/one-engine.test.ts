/**
 * One engine (issue 17, item 7): the same responses through the dashboard API
 * and through `npm run analyze` on the export of every authority give the same
 * n, mean, SE and % favourable, with favourable as the codebook defines it per
 * scale (3+ of 4 on satisfaction, any volunteering on volunteer5), and an
 * export where only some authorities are weighted is analysed, not refused.
 * Bridged programs and series breaks read alike (server/results/readings.ts):
 * a bridged wave's point is its new wording's arm, its old wording's arm is
 * shown beside it, a change into it is tested on the old arm and out of it on
 * the new, and no change across a break is tested, in both.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { addResponses, authorityWithTwoWaves, respondents, type Respondent } from "./factory";

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
  await editionsProgram();
  researcher = await signInAs(app, "researcher");
  // Only the first authority has margins: its waves are raked, the other's are not.
  await researcher.agent
    .put(`/api/results/authorities/${slugs[0]}/margins`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.35, "2": 0.65 } }] })
    .expect(200);
}, 60_000);
const DAY = 86_400_000;
/** Slugs of the authorities whose instrument changed: one bridged, one not. */
const editions: { bridged: string; broken: string } = { bridged: "", broken: "" };

/**
 * Edition 2 of the core instrument changes sense of community. One authority
 * moves to it through a split-ballot bridge (baseline on edition 1, a bridged
 * wave, a later wave on edition 2); another moves without one (a series break).
 */
async function editionsProgram() {
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  const programOf = async (waves: Array<{ days: number; bridge: boolean; v: typeof v1 }>) => {
    const authority = await makeAuthority();
    const made = [];
    for (const [i, w] of waves.entries()) {
      const opensAt = new Date(Date.now() - w.days * DAY);
      const wave = await Wave.create({
        authorityId: authority._id,
        instrumentVersionId: w.v.id,
        name: { he: `גל ${i}`, ar: `جولة ${i}`, en: `Wave ${i}` },
        kind: i === 0 ? "baseline" : "follow-up",
        status: "closed",
        opensAt,
        channels: ["sms"],
        ...(w.bridge ? { bridge: { instrumentVersionId: v1.id, share: 0.5 } } : {}),
      });
      made.push({ wave, submittedAt: new Date(opensAt.getTime() + DAY) });
    }
    return { authority, made };
  };
  const at = (n: number, position: (i: number) => number, submittedAt: Date): Respondent[] =>
    respondents(n).map((r, i) => ({ ...r, position: position(i), submittedAt }));

  const bridged = await programOf([
    { days: 700, bridge: false, v: v1 },
    { days: 400, bridge: true, v: v2 },
    { days: 100, bridge: false, v: v2 },
  ]);
  const [base, mid, last] = bridged.made as [
    (typeof bridged.made)[number],
    (typeof bridged.made)[number],
    (typeof bridged.made)[number],
  ];
  await addResponses(
    base.wave,
    at(48, (i) => i % 4, base.submittedAt),
  );
  // The old wording's arm answers high (3s and 4s), the new wording's low (1s and 2s).
  await addResponses(
    { ...mid.wave.toObject(), instrumentVersionId: v1.id },
    at(48, (i) => 2 + (i % 2), mid.submittedAt),
  );
  await SurveyResponse.updateMany({ waveId: mid.wave._id }, { $set: { arm: "bridge" } });
  await addResponses(
    mid.wave,
    at(48, (i) => i % 2, mid.submittedAt),
  );
  await SurveyResponse.updateMany(
    { waveId: mid.wave._id, instrumentVersionId: v2.id },
    { $set: { arm: "main" } },
  );
  await addResponses(
    last.wave,
    at(48, (i) => (i + 1) % 4, last.submittedAt),
  );

  const broken = await programOf([
    { days: 600, bridge: false, v: v1 },
    { days: 200, bridge: false, v: v2 },
  ]);
  for (const [k, m] of broken.made.entries())
    await addResponses(
      m.wave,
      at(48, (i) => (i + k) % 4, m.submittedAt),
    );
  editions.bridged = bridged.authority.slug;
  editions.broken = broken.authority.slug;
  slugs.push(editions.bridged, editions.broken);
}

afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface AnalyzeRow {
  authority: string;
  wave: string;
  construct: string;
  arm: "main" | "bridge" | null;
  n: number;
  mean: number | null;
  se: number | null;
  favourable: number | null;
  favourable_low: number | null;
  favourable_high: number | null;
}

interface AnalyzeChange {
  authority: string;
  construct: string;
  from_wave: string;
  to_wave: string;
  diff: number | null;
  se: number | null;
  p: number | null;
  p_holm: number | null;
  comparable: "yes" | "seriesBreak" | "engagement";
  from_arm: "main" | null;
  to_arm: "bridge" | null;
}

async function exportOfAll(name: string): Promise<string> {
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
  const file = path.join(tmp, name);
  fs.writeFileSync(file, csv);
  return file;
}

function analyze(args: string[]): { results: AnalyzeRow[]; changes: AnalyzeChange[] } {
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
        // The wave's point: a bridged wave's new-wording arm, else the whole wave.
        const r = results.find(
          (x) =>
            x.authority === slug &&
            x.wave === p.waveId &&
            x.construct === c.id &&
            x.arm !== "bridge",
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

it("reads bridged arms and series breaks as the dashboards do", async () => {
  const { results, changes } = analyze(["--responses", await exportOfAll("editions.csv")]);
  let tested = 0;
  const notComparable = new Map<string, number>();
  for (const slug of [editions.bridged, editions.broken]) {
    const dash = (
      await researcher.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)
    ).body;
    for (const c of dash.constructs) {
      // The old wording's arm beside a bridged wave's point.
      for (const a of c.bridgeArms) {
        const r = results.find(
          (x) =>
            x.authority === slug &&
            x.wave === a.waveId &&
            x.construct === c.id &&
            x.arm === "bridge",
        );
        expect({ at: `${slug}/${c.id}`, n: r?.n }).toEqual({
          at: `${slug}/${c.id}`,
          n: a.bridge.n,
        });
        expect(r!.mean).toBeCloseTo(a.bridge.mean, 9);
        expect(r!.se).toBeCloseTo(a.bridge.se, 9);
      }
      for (const ch of c.changes.waveOverWave) {
        const r = changes.find(
          (x) =>
            x.authority === slug &&
            x.construct === c.id &&
            x.from_wave === ch.fromWaveId &&
            x.to_wave === ch.toWaveId,
        );
        const at = `${slug}/${c.id}/${ch.fromWaveId}-${ch.toWaveId}`;
        expect({ at, comparable: r?.comparable }).toEqual({ at, comparable: ch.comparable });
        expect({ at, from: r!.from_arm, to: r!.to_arm }).toEqual({
          at,
          from: ch.fromArm ?? null,
          to: ch.toArm ?? null,
        });
        if (ch.comparable !== "yes") {
          expect(r!.diff).toBeNull();
          notComparable.set(slug, (notComparable.get(slug) ?? 0) + 1);
          continue;
        }
        // A withheld cell withholds its change in both.
        expect({ at, shown: r!.diff !== null }).toEqual({ at, shown: ch.diff !== null });
        if (ch.diff === null) continue;
        expect(r!.diff).toBeCloseTo(ch.diff, 9);
        expect(r!.se).toBeCloseTo(ch.se, 9);
        expect(r!.p).toBeCloseTo(ch.p, 9);
        expect(r!.p_holm).toBeCloseTo(ch.pHolm, 9);
        tested++;
      }
    }
  }
  // Edition 2 breaks constructs' series: untested across the plain break; the bridged
  // authority's changes into and out of its bridge are all tested, on the right arms.
  expect(notComparable.get(editions.broken)).toBeGreaterThan(0);
  expect(notComparable.get(editions.bridged)).toBeUndefined();
  expect(tested).toBeGreaterThan(20);
  const into = changes.find(
    (x) => x.authority === editions.bridged && x.construct === "sense_of_community" && x.to_arm,
  );
  expect(into).toMatchObject({ comparable: "yes", to_arm: "bridge" });
}, 90_000);
