/**
 * The analytics read preference: dashboards, results and exports read responses
 * with ANALYTICS_READ_PREFERENCE ("secondaryPreferred" by default), which the
 * embedded store's one-member replica set answers from its primary. The
 * commands the driver sends are watched through its command monitoring, so the
 * test sees the `$readPreference` that reaches the server; the figures and the
 * files are the same whichever preference is set.
 */
import type { CommandStartedEvent } from "mongodb";
import { loadConfig } from "../../server/config";
import { SurveyResponse } from "../../server/responses/model";
import { WaveStatsRecord } from "../../server/results/wave-stats-record";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { monitorCommands, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let t: TestStore;
let slug: string;
const seen: CommandStartedEvent[] = [];

beforeAll(async () => {
  t = await startTestStore();
  await monitorCommands(t, seen);

  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  await addResponses(baseline, respondents(30));
  await addResponses(followUp, respondents(25, { locale: "ar" }, 1));
}, 60_000);
afterAll(() => t.close());

/** The read preference mode of each command on the responses collection since `from`. */
function responseReads(from: number): Array<{ command: string; mode: string; outbox: boolean }> {
  return seen
    .slice(from)
    .filter((e) => {
      const target = e.command[e.commandName];
      return target === "responses" && ["find", "count", "aggregate"].includes(e.commandName);
    })
    .map((e) => ({
      command: e.commandName,
      mode: (e.command.$readPreference as { mode?: string } | undefined)?.mode ?? "primary",
      // The aggregates' outbox: responses not yet folded into their wave's statistics.
      outbox: JSON.stringify(e.command.filter ?? {}).includes('"aggregated"'),
    }));
}

/** Signs in a researcher on an app configured with the given preference. */
async function researcherWith(
  analyticsReadPreference: "primary" | "secondaryPreferred",
): Promise<SignedIn> {
  return signInAs(testApp(t, { analyticsReadPreference }), "researcher");
}

async function download(s: SignedIn, url: string): Promise<Buffer> {
  return (
    await s.agent
      .get(url)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200)
  ).body as Buffer;
}

/** A dashboard computed from the responses (nothing in memory or stored beforehand). */
async function dashboardFromResponses(s: SignedIn) {
  standaloneAnalytics().aggregates.reset();
  await WaveStatsRecord.deleteMany({});
  await SurveyResponse.collection.updateMany({}, { $unset: { aggregated: "" } });
  const from = seen.length;
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
  return { body, reads: responseReads(from) };
}

it("folds new responses from the primary, checks counts as secondaryPreferred, same figures", async () => {
  expect(loadConfig({}).analyticsReadPreference).toBe("secondaryPreferred");
  const onPrimary = await dashboardFromResponses(await researcherWith("primary"));
  expect(onPrimary.reads.length).toBeGreaterThan(0);
  expect(onPrimary.reads.every((r) => r.mode === "primary")).toBe(true);

  const onSecondary = await dashboardFromResponses(await researcherWith("secondaryPreferred"));
  // The outbox of unfolded responses is read from the primary: a lagging secondary
  // would hand back responses already folded, and they would count twice.
  const outbox = onSecondary.reads.filter((r) => r.command === "find" && r.outbox);
  expect(outbox.length).toBeGreaterThanOrEqual(1);
  expect(outbox.every((r) => r.mode === "primary")).toBe(true);
  // The check of the store's size, which needs no exact moment, goes to a secondary.
  // (Whether anything is left to fold is counted on the primary, with the outbox.)
  expect(onSecondary.reads.filter((r) => r.command === "count")).toContainEqual({
    command: "count",
    mode: "secondaryPreferred",
    outbox: false,
  });
  expect(onSecondary.body).toEqual(onPrimary.body);
});

it("sends export reads as secondaryPreferred in one session, with the same file as primary", async () => {
  const url = `/api/exports/responses?authority=${slug}&format=csv`;
  let from = seen.length;
  const onPrimary = await download(await researcherWith("primary"), url);
  expect(responseReads(from).every((r) => r.mode === "primary")).toBe(true);

  from = seen.length;
  const onSecondary = await download(await researcherWith("secondaryPreferred"), url);
  const reads = responseReads(from);
  // The newest id, the count and two reads per wave.
  expect(reads.length).toBeGreaterThanOrEqual(6);
  expect(reads.every((r) => r.mode === "secondaryPreferred")).toBe(true);
  const sessions = new Set(
    seen
      .slice(from)
      .filter((e) => e.command[e.commandName] === "responses")
      .map((e) => (e.command.lsid as { id: { toString(enc: string): string } }).id.toString("hex")),
  );
  expect(sessions.size).toBe(1);
  expect(onSecondary.equals(onPrimary)).toBe(true);
  expect(onSecondary.toString("utf8")).toContain(slug);
});

it("keeps margins, which an analyst must see as saved, on the primary", async () => {
  const s = await researcherWith("secondaryPreferred");
  const from = seen.length;
  await s.agent
    .put(`/api/results/authorities/${slug}/margins`)
    .set("X-CSRF-Token", s.csrf)
    .send({ margins: [{ variable: "dem_sex", shares: { "1": 0.5, "2": 0.5 } }] })
    .expect(200);
  const body = (await s.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200)).body;
  expect(body.waves[0].weighting.method).toBe("raked");
  const marginReads = seen
    .slice(from)
    .filter((e) => e.commandName === "find" && e.command.find === "populationmargins");
  expect(marginReads.length).toBeGreaterThan(0);
  expect(marginReads.every((e) => e.command.$readPreference === undefined)).toBe(true);
});

it("accepts primary and refuses an unknown read preference", () => {
  expect(loadConfig({ ANALYTICS_READ_PREFERENCE: "primary" }).analyticsReadPreference).toBe(
    "primary",
  );
  expect(() => loadConfig({ ANALYTICS_READ_PREFERENCE: "fastest" })).toThrow(
    /ANALYTICS_READ_PREFERENCE/,
  );
});
