/**
 * The program view's picture is made once and handed to every view until the
 * program changes (issue 22): the aggregates keep it (FreshAggregates.derived)
 * under the key of everything else it is made from. What must never happen is
 * a view shown a picture made for another: another role (an analyst handed
 * the viewer's per-authority series), another language, older aggregates, or
 * a wave's sample design as it was.
 */
import type { Express } from "express";
import type { UserPrincipal } from "../../server/access/principal";
import { programResults } from "../../server/results/program";
import { setSampleDesign } from "../../server/results/sample-design";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { clearCollections, startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "./factory";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());
beforeEach(() => clearCollections());

interface Program {
  benchmark: Array<{
    id: string;
    name: string;
    points: Array<{ n: number; engagement?: boolean }>;
  }>;
  perAuthority: unknown[];
  own: unknown;
}

const view = async (s: SignedIn, lang = "en") =>
  (await s.agent.get(`/api/results/program?lang=${lang}`).expect(200)).body as Program;

/** Two waves; the follow-up's responses came by open link, an engagement sample until marked. */
async function program() {
  const made = await authorityWithTwoWaves();
  await addResponses(made.baseline, respondents(20));
  await addResponses(made.followUp, respondents(20, { channel: "open-link" }));
  return made;
}

const viewerPrincipal: UserPrincipal = {
  kind: "user",
  id: "viewer",
  email: "viewer@example.test",
  name: "Viewer",
  role: "program-viewer",
  authorityId: null,
  totpEnabled: true,
  setup: [],
  sessionId: "s",
  csrfToken: "c",
};

const ns = (p: Program) => p.benchmark.map((s) => s.points.map((x) => x.n));

it("makes the picture once while nothing in the program changes", async () => {
  const { followUp } = await program();
  const first = await programResults(standaloneAnalytics(), viewerPrincipal, "en");
  expect(await programResults(standaloneAnalytics(), viewerPrincipal, "en")).toBe(first);
  await addResponses(followUp, respondents(1, {}, 30));
  expect(await programResults(standaloneAnalytics(), viewerPrincipal, "en")).not.toBe(first);
});

it("makes it again after a response, a sample design mark or in another language", async () => {
  const { followUp } = await program();
  const viewer = await signInAs(app, "program-viewer");
  const before = await view(viewer);

  await addResponses(followUp, respondents(5, { channel: "open-link" }, 20));
  const after = await view(viewer);
  expect(ns(after)).not.toEqual(ns(before));

  const hebrew = await view(viewer, "he");
  expect(hebrew.benchmark.map((s) => s.name)).not.toEqual(after.benchmark.map((s) => s.name));

  // Marked a probability sample, the wave's figures carry an interval again.
  const engagement = (p: Program) => p.benchmark.flatMap((s) => s.points.map((x) => x.engagement));
  await setSampleDesign(String(followUp._id), true, "test");
  expect(engagement(await view(viewer))).not.toEqual(engagement(after));
});

it("never hands one role's picture to another", async () => {
  const { authority } = await program();
  const viewer = await signInAs(app, "program-viewer");
  const analyst = await signInAs(app, "authority-analyst", authority._id);
  const researcher = await signInAs(app, "researcher");
  expect((await view(viewer)).perAuthority).toHaveLength(1);
  const own = await view(analyst);
  expect(own.perAuthority).toEqual([]);
  expect(own.own).not.toBeNull();
  const named = await view(researcher);
  expect(named.perAuthority).toHaveLength(1);
  expect(named.own).toBeNull();
  expect((await view(viewer)).own).toBeNull();
});
