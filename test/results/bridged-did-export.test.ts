/**
 * The difference in differences of `npm run analyze --comparison` reads a
 * bridged wave and a series break as the program evaluation does (issue 17,
 * items 1 and 7; server/results/readings.ts): a bridged follow-up of the later
 * period on its old wording's arm, and an authority whose instrument changed a
 * construct between the two periods without a bridge in no DiD of it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { makeAuthority } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents, type Respondent } from "./factory";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bridged-did-"));
const DAY = 86_400_000;
/** Treated: one bridged, one with a plain break, two on one edition; then three comparison. */
const PLAN = ["bridged", "broken", "same", "same", "comparison", "comparison", "comparison"];
const groups: Array<{ slug: string; comparison: boolean }> = [];

beforeAll(async () => {
  t = await startTestStore();
  // Few authorities make wide intervals: the comparison needs the figures shown.
  app = testApp(t, { reporting: { minCell: 10, maxHalfWidthShare: 1 } });
  researcher = await signInAs(app, "researcher");
  const admin = await signInAs(app, "admin");
  const v1 = await publishInstrument("core");
  const v2 = await publishInstrument("core", undefined, 2);
  for (const [k, kind] of PLAN.entries()) {
    const authority = await makeAuthority();
    await admin.agent
      .patch(`/api/authorities/${authority.slug}`)
      .set("X-CSRF-Token", admin.csrf)
      .send({ programStatus: kind === "comparison" ? "comparison" : "treated" })
      .expect(200);
    groups.push({ slug: authority.slug, comparison: kind === "comparison" });
    const wave = (days: number, version: typeof v1, bridge: boolean) =>
      Wave.create({
        authorityId: authority._id,
        instrumentVersionId: version.id,
        name: { he: "גל", ar: "جولة", en: "Wave" },
        kind: days > 300 ? "baseline" : "follow-up",
        status: "closed",
        opensAt: new Date(Date.now() - days * DAY),
        channels: ["sms"],
        ...(bridge ? { bridge: { instrumentVersionId: v1.id, share: 0.5 } } : {}),
      });
    const at = (n: number, position: (i: number) => number, days: number): Respondent[] =>
      respondents(n).map((r, i) => ({
        ...r,
        position: position(i),
        submittedAt: new Date(Date.now() - (days - 1) * DAY),
      }));
    const baseline = await wave(700, v1, false);
    await addResponses(
      baseline,
      at(40, (i) => (i + k) % 4, 700),
    );
    const later = kind === "bridged" || kind === "broken" ? v2 : v1;
    const followUp = await wave(100, later, kind === "bridged");
    if (kind === "bridged") {
      // The old wording's arm answers high, the new one's low: pooled they would be neither.
      await addResponses(
        { ...followUp.toObject(), instrumentVersionId: v1.id },
        at(40, (i) => 2 + (i % 2), 100),
      );
      await SurveyResponse.updateMany({ waveId: followUp._id }, { $set: { arm: "bridge" } });
      await addResponses(
        followUp,
        at(40, (i) => i % 2, 100),
      );
      await SurveyResponse.updateMany(
        { waveId: followUp._id, instrumentVersionId: v2.id },
        { $set: { arm: "main" } },
      );
    } else
      await addResponses(
        followUp,
        at(40, (i) => (i + k + (kind === "comparison" ? 0 : 1)) % 4, 100),
      );
  }
}, 120_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

it("gives the evaluation's DiD, bridged and broken authorities read alike", async () => {
  const evaluation = (await researcher.agent.get("/api/results/evaluation?lang=en").expect(200))
    .body;
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
  fs.writeFileSync(path.join(tmp, "all.csv"), csv);
  fs.writeFileSync(
    path.join(tmp, "groups.csv"),
    `authority,group\n${groups.map((g) => `${g.slug},${g.comparison ? "comparison" : "treated"}`).join("\n")}\n`,
  );
  const run = spawnSync(
    "npm",
    [
      "run",
      "--silent",
      "analyze",
      "--",
      "--responses",
      path.join(tmp, "all.csv"),
      "--comparison",
      path.join(tmp, "groups.csv"),
      "--max-ci-half-width-share",
      "1",
      "--json",
    ],
    { encoding: "utf8" },
  );
  expect(run.stderr).toBe("");
  const { did } = JSON.parse(run.stdout) as {
    did: Array<{ construct: string; from_wave: string; to_wave: string } & Record<string, number>>;
  };
  const dfs = new Set<number>();
  let compared = 0;
  for (const row of evaluation.did) {
    const other = did.find(
      (d) => d.construct === row.constructId && d.from_wave === row.from && d.to_wave === row.to,
    )!;
    const at = `${row.constructId} ${row.from}-${row.to}`;
    expect({ at, df: other?.df }).toEqual({ at, df: row.df });
    if (row.estimate === null) continue;
    for (const key of ["estimate", "se", "t", "p"] as const)
      expect({ at, key, gap: Math.abs(row[key] - other[key]!) < 1e-9 }).toEqual({
        at,
        key,
        gap: true,
      });
    dfs.add(row.df);
    compared++;
  }
  // Edition 2 changes every construct's items: the plain break leaves its authority
  // out of every DiD, the bridged one stays in on its old arm, so six authorities, df 2.
  expect([...dfs]).toEqual([2]);
  expect(compared).toBeGreaterThan(8);
}, 120_000);
