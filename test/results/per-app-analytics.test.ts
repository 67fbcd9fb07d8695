/**
 * Two apps in one process keep their own analytics: the read preference each
 * was configured with, the aggregate cache each was given, and the series-break
 * comparisons each made. Nothing one app sets reaches the other (the read
 * preference was once a module-level setter, so the app made last won).
 */
import type { CommandStartedEvent } from "mongodb";
import { publishInstrument } from "../../server/instruments/service";
import { createAggregateCache } from "../../server/results/aggregate-cache";
import { createAnalyticsScope } from "../../server/results/analytics-scope";
import { brokenConstructs } from "../../server/results/series-breaks";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs } from "../helpers/session";
import { monitorCommands, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, respondents, authorityWithTwoWaves } from "./factory";

let t: TestStore;
let slug: string;
const seen: CommandStartedEvent[] = [];

beforeAll(async () => {
  t = await startTestStore();
  await monitorCommands(t, seen);

  const { authority, baseline, followUp } = await authorityWithTwoWaves();
  slug = authority.slug;
  await addResponses(baseline, respondents(20));
  await addResponses(followUp, respondents(20, {}, 1));
}, 60_000);
afterAll(() => t.close());

/** The read preference modes of the reads of responses since `from`. */
function responseReadModes(from: number): string[] {
  return seen
    .slice(from)
    .filter((e) => e.command[e.commandName] === "responses")
    .filter((e) => ["find", "count", "aggregate"].includes(e.commandName))
    .map((e) => (e.command.$readPreference as { mode?: string } | undefined)?.mode ?? "primary");
}

it("keeps each app's read preference and aggregate cache to itself", async () => {
  // Each app's cache reads as its app does (createApp makes one so when it is given none).
  const cacheA = createAggregateCache({ readPreference: "primary" });
  const cacheB = createAggregateCache({ readPreference: "secondaryPreferred" });
  // Both apps exist before either serves a request, as in a process that runs two.
  const appA = testApp(t, { analyticsReadPreference: "primary" }, { aggregates: cacheA });
  const appB = testApp(
    t,
    { analyticsReadPreference: "secondaryPreferred" },
    { aggregates: cacheB },
  );
  const researcherA = await signInAs(appA, "researcher");
  const researcherB = await signInAs(appB, "researcher");
  const dashboard = `/api/results/authorities/${slug}?lang=en`;

  let from = seen.length;
  const a = (await researcherA.agent.get(dashboard).expect(200)).body;
  const readsA = responseReadModes(from);
  expect(readsA.length).toBeGreaterThan(0);
  expect(readsA.every((mode) => mode === "primary")).toBe(true);
  expect(cacheA.activity().folded).toBe(40);
  expect(cacheB.activity()).toEqual({ folded: 0, recomputed: 0, jobs: 0 });

  from = seen.length;
  const b = (await researcherB.agent.get(dashboard).expect(200)).body;
  // B takes up what A folded (it is stored) and checks the store's size on a secondary.
  expect(responseReadModes(from)).toContain("secondaryPreferred");
  expect(cacheB.activity().folded).toBe(0);
  expect(b).toEqual(a);

  // A again, after B: still its own preference.
  from = seen.length;
  await researcherA.agent.get(dashboard).expect(200);
  expect(responseReadModes(from).every((mode) => mode === "primary")).toBe(true);
});

it("keeps each scope's series-break comparisons to itself", async () => {
  const { wave } = await makeOpenWave();
  const extended = await publishInstrument("extended");
  const one = createAnalyticsScope({
    readPreference: "primary",
    aggregates: createAggregateCache(),
  });
  const two = createAnalyticsScope({
    readPreference: "primary",
    aggregates: createAggregateCache(),
  });
  const broken = await brokenConstructs(wave.instrumentVersionId, extended.id, one.seriesBreaks);
  expect(broken.has("sense_of_community")).toBe(true);
  expect(one.seriesBreaks.size).toBe(1);
  expect(two.seriesBreaks.size).toBe(0);
});
