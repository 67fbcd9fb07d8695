/**
 * Issue 19: researchers set a split-ballot bridge on a draft wave through the
 * wave API (old version, share), and the wave's readers see the comparison of
 * the two wordings per changed item: each arm's mean, the difference and its
 * 95% interval, so a series break can be bridged.
 */
import request from "supertest";
import type { Express } from "express";
import type { Types } from "mongoose";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";
import { submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll } from "../helpers/answers";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let v1: Awaited<ReturnType<typeof publishInstrument>>;
let v2: Awaited<ReturnType<typeof publishInstrument>>;
let n = 0;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  v1 = await publishInstrument("core");
  v2 = await publishInstrument("core", undefined, 2);
  researcher = await signInAs(app, "researcher");
});
afterAll(() => t.close());

async function draftWave(instrumentVersionId = v2.id) {
  const id = `${Date.now().toString(36)}-${n++}`;
  const authority = await Authority.create({
    slug: `bridge-api-${id}`,
    name: { he: "עיר", ar: "مدينة", en: "Town" },
    population: "mixed",
  });
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId,
    name: { he: "גל", ar: "جولة", en: "Wave" },
    kind: "follow-up",
    opensAt: new Date(Date.now() - 86_400_000),
    channels: ["open-link"],
    openLinkSlug: `bridge-api-${id}`,
  });
  return { authority, wave, path: `/api/authorities/${authority.slug}/waves/${wave._id}` };
}

const as = (s: SignedIn, method: "get" | "put", path: string) =>
  request(app)[method](path).set("Cookie", s.cookie).set("X-CSRF-Token", s.csrf);

describe("setting a bridge on a wave", () => {
  it("offers the earlier versions, sets one with a share, and removes it", async () => {
    const { path, wave } = await draftWave();
    const before = (await as(researcher, "get", `${path}/bridge`).expect(200)).body;
    expect(before.bridge).toBeNull();
    expect(before.editable).toBe(true);
    expect(before.candidates.map((c: { id: string }) => c.id)).toContain(v1.id.toHexString());
    expect(before.version).toMatchObject({ key: "core", version: v2.version, edition: 2 });

    const set = await as(researcher, "put", `${path}/bridge`)
      .send({ bridge: { instrumentVersionId: v1.id.toHexString(), share: 0.4 } })
      .expect(200);
    expect(set.body.bridge).toMatchObject({ old: { version: v1.version, edition: 1 }, share: 0.4 });
    expect((await Wave.findById(wave._id).lean())!.bridge).toMatchObject({ share: 0.4 });

    await as(researcher, "put", `${path}/bridge`).send({ bridge: null }).expect(200);
    expect((await Wave.findById(wave._id).lean())!.bridge).toBeUndefined();
  });

  it("takes half when no share is given", async () => {
    const { path } = await draftWave();
    const res = await as(researcher, "put", `${path}/bridge`)
      .send({ bridge: { instrumentVersionId: v1.id.toHexString() } })
      .expect(200);
    expect(res.body.bridge.share).toBe(0.5);
  });

  it.each([
    ["a later version", () => draftWave(v1.id), () => v2.id, 400, "notEarlier"],
    ["another instrument", () => draftWave(), () => extendedId, 400, "otherInstrument"],
  ])("refuses %s with BRIDGE_INVALID", async (_, make, old, status, reason) => {
    const { path } = await make();
    const res = await as(researcher, "put", `${path}/bridge?lang=ar`).send({
      bridge: { instrumentVersionId: old().toHexString(), share: 0.5 },
    });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe("BRIDGE_INVALID");
    expect(res.body.error.details).toEqual([{ path: "body.bridge", code: reason }]);
    expect(res.body.error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it("refuses a share of all or nothing at the edge", async () => {
    const { path } = await draftWave();
    for (const share of [0, 1, 1.5]) {
      const res = await as(researcher, "put", `${path}/bridge`).send({
        bridge: { instrumentVersionId: v1.id.toHexString(), share },
      });
      expect([share, res.status, res.body.error.code]).toEqual([share, 400, "VALIDATION_FAILED"]);
    }
  });

  it("refuses to change the arms once the wave has opened (409)", async () => {
    const { path, wave } = await draftWave();
    await Wave.updateOne({ _id: wave._id }, { $set: { status: "open" } });
    const res = await as(researcher, "put", `${path}/bridge`).send({
      bridge: { instrumentVersionId: v1.id.toHexString(), share: 0.5 },
    });
    expect([res.status, res.body.error.code]).toEqual([409, "BRIDGE_INVALID"]);
    expect((await as(researcher, "get", `${path}/bridge`).expect(200)).body.editable).toBe(false);
  });

  it("lets an authority's analyst read the bridge but not set it", async () => {
    const { path, authority } = await draftWave();
    const analyst = await signInAs(app, "authority-analyst", authority._id);
    await as(analyst, "get", `${path}/bridge`).expect(200);
    const res = await as(analyst, "put", `${path}/bridge`).send({ bridge: null });
    expect(res.status).toBe(403);
  });
});

let extendedId: Types.ObjectId;
beforeAll(async () => {
  extendedId = (await publishInstrument("extended")).id;
});

describe("the comparison of the two wordings", () => {
  it("gives each arm's mean per changed item and the difference with its interval", async () => {
    const { path, wave, authority } = await draftWave();
    await as(researcher, "put", `${path}/bridge`)
      .send({ bridge: { instrumentVersionId: v1.id.toHexString(), share: 0.5 } })
      .expect(200);
    await Wave.updateOne({ _id: wave._id }, { $set: { status: "open" } });
    const slug = wave.openLinkSlug!;
    const counts = { bridge: 0, main: 0 };
    // The old wording answered at the bottom of the scale, the new at the top,
    // so the difference is +100 points of the range.
    for (let i = 0; (counts.bridge < 12 || counts.main < 12) && i < 80; i++) {
      const open = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body;
      const arm = open.arm as "bridge" | "main";
      const answers = answerAll(open.survey, (v) =>
        arm === "bridge" ? Math.min(...v) : Math.max(...v),
      );
      await request(app)
        .post(`/api/take/${slug}/responses`)
        .send({ ...submission(answers), ballot: open.ballot })
        .expect(201);
      counts[arm]++;
    }
    const analyst = await signInAs(app, "authority-analyst", authority._id);
    const res = await as(analyst, "get", `${path}/bridge-comparison`).expect(200);
    expect(res.body.bridged).toBe(true);
    expect(res.body.arms).toEqual({
      bridge: { version: v1.version, n: counts.bridge },
      main: { version: v2.version, n: counts.main },
    });
    const item = res.body.items.find((i: { newId: string }) => i.newId === "soc_connection_1b");
    expect(item).toMatchObject({
      oldId: "soc_connection_1",
      constructId: "sense_of_community",
      bridge: { n: counts.bridge, mean: 0 },
      main: { n: counts.main, mean: 100 },
      difference: { estimate: 100, low: 100, high: 100 },
    });
    expect(item.change).toBeTruthy();
    // an item turned from reversed to positive is compared in its construct's direction
    const attach = res.body.items.find((i: { newId: string }) => i.newId === "res_attach_like");
    if (attach) expect(attach.bridge.mean).not.toBe(attach.main.mean);
  });

  it("shows n but no mean for an arm below the smallest cell", async () => {
    const { path, wave } = await draftWave();
    await as(researcher, "put", `${path}/bridge`)
      .send({ bridge: { instrumentVersionId: v1.id.toHexString(), share: 0.5 } })
      .expect(200);
    await Wave.updateOne({ _id: wave._id }, { $set: { status: "open" } });
    const open = (await request(app).get(`/api/take/${wave.openLinkSlug}?lang=he`)).body;
    await request(app)
      .post(`/api/take/${wave.openLinkSlug}/responses`)
      .send({ ...submission(answerAll(open.survey)), ballot: open.ballot })
      .expect(201);
    const res = await as(researcher, "get", `${path}/bridge-comparison`).expect(200);
    const arm = open.arm as "bridge" | "main";
    expect(res.body.items[0][arm]).toEqual({ n: 1, mean: null });
    expect(res.body.items[0].difference).toBeNull();
  });

  it("answers a wave without a bridge with no items", async () => {
    const { path } = await draftWave();
    const res = await as(researcher, "get", `${path}/bridge-comparison`).expect(200);
    expect(res.body).toMatchObject({ bridged: false, items: [] });
  });
});
