/**
 * Comparison localities (issue 17, items 1, 5 and 7): authorities carry their
 * program status and matching attributes (admin sets them); comparison
 * authorities never enter the program's pooled figure or benchmark; the
 * program evaluation's difference in differences is the very figure
 * `npm run analyze --comparison` gives on the export; primary outcomes are
 * registered before follow-up data and frozen after.
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
let admin: SignedIn;
let researcher: SignedIn;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kp-did-"));
type Waves = Awaited<ReturnType<typeof authorityWithTwoWaves>>;
const towns: Array<Waves & { comparison: boolean }> = [];
const PLAN = [
  { comparison: false, population: "jewish", size: 30_000, shift: 1 },
  { comparison: false, population: "jewish", size: 12_000, shift: 1 },
  { comparison: false, population: "arab", size: 45_000, shift: 2 },
  { comparison: false, population: "arab", size: 20_000, shift: 1 },
  { comparison: true, population: "jewish", size: 25_000, shift: 0 },
  { comparison: true, population: "arab", size: 33_000, shift: 1 },
  { comparison: true, population: "mixed", size: 9_000, shift: 0 },
] as const;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  admin = await signInAs(app, "admin");
  researcher = await signInAs(app, "researcher");
  for (const [k, p] of PLAN.entries()) {
    const waves = await authorityWithTwoWaves();
    towns.push({ ...waves, comparison: p.comparison });
    await addResponses(waves.baseline, respondents(40 + 3 * k, { channel: "sms" }, k));
  }
}, 90_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const patch = (who: SignedIn, slug: string, body: object) =>
  who.agent.patch(`/api/authorities/${slug}`).set("X-CSRF-Token", who.csrf).send(body);

it("lets an admin set program status, CBS clusters, population group and size", async () => {
  for (const [k, p] of PLAN.entries()) {
    const res = await patch(admin, towns[k]!.authority.slug, {
      programStatus: p.comparison ? "comparison" : "treated",
      population: p.population,
      populationSize: p.size,
      socioEconomicCluster: 3,
      peripheryCluster: 2 + (k % 3),
    }).expect(200);
    expect(res.body).toMatchObject({ programStatus: p.comparison ? "comparison" : "treated" });
  }
  const list = await researcher.agent.get("/api/authorities?lang=en").expect(200);
  const first = list.body.find((a: { slug: string }) => a.slug === towns[4]!.authority.slug);
  expect(first).toMatchObject({
    programStatus: "comparison",
    population: "jewish",
    populationSize: 25_000,
    socioEconomicCluster: 3,
    peripheryCluster: 3,
  });
  await patch(researcher, towns[0]!.authority.slug, { programStatus: "comparison" }).expect(403);
  const bad = await patch(admin, towns[0]!.authority.slug, { socioEconomicCluster: 11 }).expect(
    400,
  );
  expect(bad.body.error.code).toBe("VALIDATION_FAILED");
  await patch(admin, "nowhere-town", { peripheryCluster: 4 }).expect(404);
  const cleared = await patch(admin, towns[0]!.authority.slug, { peripheryCluster: null });
  expect(cleared.body.peripheryCluster).toBeNull();
});

it("registers primary outcomes before follow-up data, and freezes them after", async () => {
  const put = (body: object) =>
    researcher.agent
      .put("/api/results/primary-outcomes")
      .set("X-CSRF-Token", researcher.csrf)
      .send(body);
  const unknown = await put({ constructIds: ["not_a_construct"] }).expect(400);
  expect(unknown.body.error.code).toBe("VALIDATION_FAILED");
  const ok = await put({ constructIds: ["sense_of_community", "solidarity_trust"] }).expect(200);
  expect(ok.body).toMatchObject({ frozen: false });
  expect(ok.body.registeredAt).not.toBeNull();

  for (const [k, p] of PLAN.entries())
    await addResponses(towns[k]!.followUp, respondents(44 + k, { channel: "sms" }, k + p.shift));

  const refused = await put({ constructIds: ["safety_at_night"] }).expect(409);
  expect(refused.body.error.code).toBe("CONFLICT");
  expect(refused.body.error.details).toEqual([
    { path: "body.constructIds", code: "frozen_after_follow_up" },
  ]);
  const now = await researcher.agent.get("/api/results/primary-outcomes").expect(200);
  expect(now.body).toMatchObject({
    constructIds: ["sense_of_community", "solidarity_trust"],
    frozen: true,
  });
}, 60_000);

it("gives the difference in differences that npm run analyze gives on the export", async () => {
  const evaluation = (await researcher.agent.get("/api/results/evaluation?lang=en").expect(200))
    .body;
  expect(evaluation).toMatchObject({ comparisonAuthorities: 3, treatedAuthorities: 4 });
  expect(evaluation.periods).toEqual(["baseline", "2027"]);

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
    `authority,group\n${towns
      .map((x) => `${x.authority.slug},${x.comparison ? "comparison" : "treated"}`)
      .join("\n")}\n`,
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
      "--json",
    ],
    { encoding: "utf8" },
  );
  expect(run.stderr).toBe("");
  const { did } = JSON.parse(run.stdout) as {
    did: Array<{ construct: string; from_wave: string; to_wave: string } & Record<string, number>>;
  };
  let compared = 0;
  for (const row of evaluation.did) {
    const other = did.find(
      (d) => d.construct === row.constructId && d.from_wave === row.from && d.to_wave === row.to,
    )!;
    expect(other).toBeDefined();
    expect(row.df).toBe(other.df);
    if (row.estimate === null) continue;
    expect(row.df).toBe(7 - 4);
    for (const [mine, theirs] of [
      ["estimate", "estimate"],
      ["se", "se"],
      ["t", "t"],
      ["p", "p"],
    ] as const)
      expect(Math.abs(row[mine] - other[theirs]!)).toBeLessThan(1e-9);
    expect(row.primary).toBe(["sense_of_community", "solidarity_trust"].includes(row.constructId));
    compared++;
  }
  expect(compared).toBeGreaterThan(8);
}, 90_000);

it("pools only treated authorities, stratified by population group, as chosen", async () => {
  const equal = (await researcher.agent.get("/api/results/evaluation?lang=en").expect(200)).body;
  const byPop = (
    await researcher.agent.get("/api/results/evaluation?lang=en&weighting=population").expect(200)
  ).body;
  expect(equal.pooling.weighting).toBe("equal");
  expect(byPop.pooling.weighting).toBe("population");
  const all = (e: typeof equal) =>
    e.pooling.rows.find(
      (r: { constructId: string; period: string; group: string }) =>
        r.constructId === "sense_of_community" && r.period === "baseline" && r.group === "all",
    );
  // Four treated authorities: 40, 43, 46, 49 baseline respondents; comparison ones left out.
  expect(all(equal)).toMatchObject({ shown: true, authorities: 4, df: 4 - 2 });
  expect(all(equal).n).toBeLessThanOrEqual(40 + 43 + 46 + 49);
  expect(all(equal).mean).not.toBeCloseTo(all(byPop).mean, 6);
  // Two treated authorities per group: too few to show a group's own figure.
  const jewish = equal.pooling.rows.find(
    (r: { period: string; group: string }) => r.period === "baseline" && r.group === "jewish",
  );
  expect(jewish).toMatchObject({ shown: false, mean: null });

  const program = (await researcher.agent.get("/api/results/program?lang=en").expect(200)).body;
  expect(program.authorities).toBe(4);
  const bench = program.benchmark.find((c: { id: string }) => c.id === "sense_of_community");
  const baseline = bench.points.find((p: { kind: string }) => p.kind === "baseline");
  expect(baseline.n).toBe(all(equal).n);
  // The program page's figure is the evaluation's, by either rule.
  for (const [weighting, row] of [
    ["equal", all(equal)],
    ["population", all(byPop)],
  ] as const) {
    const page = (
      await researcher.agent.get(`/api/results/program?lang=en&weighting=${weighting}`).expect(200)
    ).body;
    const point = page.benchmark
      .find((c: { id: string }) => c.id === "sense_of_community")
      .points.find((p: { period: string }) => p.period === "baseline");
    for (const key of ["mean", "se", "ciLow", "ciHigh"])
      expect(Math.abs(point[key] - row[key])).toBeLessThan(1e-12);
    expect([point.df, point.authorities]).toEqual([row.df, row.authorities]);
  }
  // Beside a treated authority's own wave: the three other treated ones, no comparison town.
  const page = (
    await researcher.agent
      .get(`/api/results/authorities/${towns[0]!.authority.slug}?lang=en`)
      .expect(200)
  ).body;
  const soc = page.constructs.find((c: { id: string }) => c.id === "sense_of_community");
  expect(soc.benchmark.map((b: { others: number }) => b.others)).toEqual([3, 3]);
}, 60_000);
