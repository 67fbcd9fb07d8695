/**
 * Two follow-up waves open at once in one authority (issue 20, Low): the
 * readiness answer warns, naming the other open or paused follow-up, without
 * refusing to open (a deliberate second follow-up is allowed). A baseline, a
 * closed follow-up or another authority's follow-up gives no warning.
 */
import type { Express } from "express";
import { Wave } from "../../server/waves/model";
import { makeOpenWave } from "../factories/program";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
});
afterAll(() => t.close());

/** A second wave of the same authority as `first`, on the same instrument. */
async function sibling(
  first: Awaited<ReturnType<typeof makeOpenWave>>,
  kind: "baseline" | "follow-up",
  status: "draft" | "open" | "paused" | "closed",
  name = "Second follow-up",
) {
  return Wave.create({
    authorityId: first.authority._id,
    instrumentVersionId: first.instrument.id,
    name: { he: `${name} he`, ar: `${name} ar`, en: name },
    kind,
    status,
    opensAt: new Date(),
    channels: ["open-link"],
    openLinkSlug: `${first.slug}-2`,
  });
}

async function readinessOf(slug: string, waveId: string) {
  const res = await researcher.agent
    .get(`/api/authorities/${slug}/waves/${waveId}/readiness?lang=en`)
    .expect(200);
  return res.body as {
    ready: boolean;
    warnings: { code: string; waves: { id: string; name: Record<string, string> }[] }[];
  };
}

it("warns on a follow-up draft when another follow-up is open, and still lets it open", async () => {
  const first = await makeOpenWave({ kind: "follow-up", status: "open" });
  const draft = await sibling(first, "follow-up", "draft");
  const r = await readinessOf(first.authority.slug, draft._id.toHexString());
  expect(r.warnings).toEqual([
    {
      code: "follow_up_open",
      waves: [
        {
          id: first.wave._id.toHexString(),
          name: { he: "גל בדיקה", ar: "جولة اختبار", en: "Test wave" },
        },
      ],
    },
  ]);
  // A warning, not a refusal: the open link is set, so the draft may open.
  expect(r.ready).toBe(true);
  await researcher.agent
    .post(`/api/authorities/${first.authority.slug}/waves/${draft._id.toHexString()}/status`)
    .set("X-CSRF-Token", researcher.csrf)
    .send({ status: "open" })
    .expect(200);
  // Both open now: each names the other.
  const again = await readinessOf(first.authority.slug, first.wave._id.toHexString());
  expect(again.warnings[0]!.waves.map((w) => w.id)).toEqual([draft._id.toHexString()]);
});

it("counts a paused follow-up as still in the field", async () => {
  const first = await makeOpenWave({ kind: "follow-up", status: "paused" });
  const draft = await sibling(first, "follow-up", "draft");
  const r = await readinessOf(first.authority.slug, draft._id.toHexString());
  expect(r.warnings.map((w) => w.code)).toEqual(["follow_up_open"]);
});

it("says nothing for a baseline, a closed follow-up or another authority's", async () => {
  const closed = await makeOpenWave({ kind: "follow-up", status: "closed" });
  const afterClosed = await sibling(closed, "follow-up", "draft");
  expect(
    (await readinessOf(closed.authority.slug, afterClosed._id.toHexString())).warnings,
  ).toEqual([]);

  const open = await makeOpenWave({ kind: "follow-up", status: "open" });
  const baseline = await sibling(open, "baseline", "draft", "A baseline");
  expect((await readinessOf(open.authority.slug, baseline._id.toHexString())).warnings).toEqual([]);

  const elsewhere = await makeOpenWave({ kind: "follow-up", status: "draft" });
  expect(
    (await readinessOf(elsewhere.authority.slug, elsewhere.wave._id.toHexString())).warnings,
  ).toEqual([]);
});
