/**
 * Issue 19: a kiosk in a wave with a split-ballot bridge keeps working offline,
 * and each resident who answers there while it is offline still gets a ballot
 * (and so an arm) of their own. Each load of the kiosk's survey carries a stock
 * of spare signed ballots with their arms; the tablet spends one per resident
 * (client/kiosk/offline-surveys.ts), so offline residents never share one.
 */
import request from "supertest";
import type { Express } from "express";
import { Authority } from "../../server/authorities/model";
import { publishInstrument } from "../../server/instruments/service";
import { SurveyResponse } from "../../server/responses/model";
import { Wave } from "../../server/waves/model";
import { kioskWithCode } from "../distribution/fixtures";
import { submission } from "../factories/program";
import { testApp } from "../helpers/app";
import { answerAll } from "../helpers/answers";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let v1: Awaited<ReturnType<typeof publishInstrument>>;
let v2: Awaited<ReturnType<typeof publishInstrument>>;
let n = 0;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  v1 = await publishInstrument("core");
  v2 = await publishInstrument("core", undefined, 2);
});
afterAll(() => t.close());

/** A paired kiosk of an open wave on core edition 2, bridged to edition 1 unless told. */
async function pairedKiosk(bridge = true) {
  const id = `${Date.now().toString(36)}-${n++}`;
  const authority = await Authority.create({
    slug: `kiosk-town-${id}`,
    name: { he: "עיר", ar: "مدينة", en: "Town" },
    population: "mixed",
  });
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: v2.id,
    name: { he: "גל", ar: "جولة", en: "Wave" },
    kind: "follow-up",
    status: "open",
    opensAt: new Date(Date.now() - 86_400_000),
    channels: ["kiosk"],
    ...(bridge ? { bridge: { instrumentVersionId: v1.id, share: 0.5 } } : {}),
  });
  const { code } = await kioskWithCode(authority._id, wave._id);
  const paired = await request(app).post("/api/kiosk/pair").send({ code }).expect(200);
  return { Authorization: `Bearer ${paired.body.token}` };
}

interface Spare {
  ballot: string;
  arm: "bridge" | "main";
}

it("hands out spare ballots, each its own, whose arms are the server's own draw", async () => {
  const auth = await pairedKiosk();
  const first = (await request(app).get("/api/kiosk/survey?lang=he").set(auth).expect(200)).body;
  const spares = first.spareBallots as Spare[];
  expect(spares.length).toBeGreaterThanOrEqual(20);
  const all = new Set([first.ballot, ...spares.map((s) => s.ballot)]);
  expect(all.size).toBe(spares.length + 1);
  // Both arms are in stock, so a tablet can keep both questionnaires ready.
  expect(new Set(spares.map((s) => s.arm))).toEqual(new Set(["bridge", "main"]));
  for (const spare of spares.slice(0, 6)) {
    const asked = await request(app)
      .get(`/api/kiosk/survey?lang=ar&ballot=${encodeURIComponent(spare.ballot)}`)
      .set(auth)
      .expect(200);
    expect(asked.body.arm).toBe(spare.arm);
    expect(asked.body.ballot).toBe(spare.ballot);
  }
});

it("stores answers given offline on a spare ballot under that ballot's arm", async () => {
  const auth = await pairedKiosk();
  const open = (await request(app).get("/api/kiosk/survey?lang=he").set(auth).expect(200)).body;
  const spares = open.spareBallots as Spare[];
  for (const arm of ["bridge", "main"] as const) {
    const spare = spares.find((s) => s.arm === arm)!;
    const survey = (
      await request(app)
        .get(`/api/kiosk/survey?lang=he&ballot=${encodeURIComponent(spare.ballot)}`)
        .set(auth)
        .expect(200)
    ).body.survey;
    const res = await request(app)
      .post("/api/kiosk/responses")
      .set(auth)
      .send({ ...submission(answerAll(survey)), ballot: spare.ballot })
      .expect(201);
    expect((await SurveyResponse.findById(res.body.id).lean())!.arm).toBe(arm);
  }
});

it("has no spare ballots in a wave without a bridge", async () => {
  const auth = await pairedKiosk(false);
  const open = (await request(app).get("/api/kiosk/survey?lang=he").set(auth).expect(200)).body;
  expect(open.ballot).toBeUndefined();
  expect(open.spareBallots).toBeUndefined();
});
