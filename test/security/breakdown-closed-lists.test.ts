/**
 * Issue 16, finding 1: breakdown groups come from closed lists only. Seen: a
 * free-text "neighbourhood" typed on the open link ("name, street, phone")
 * reached analysts as a breakdown label. The neighbourhood is now a choice
 * from the authority's own list (set by a researcher); anything else a client
 * sends is stored as "other" without its text, and a text stored before this
 * change never becomes a group or a label.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import type { Express } from "express";
import { SurveyResponse } from "../../server/responses/model";
import { makeOpenWave, submission } from "../factories/program";
import { answerAll, questionsOf } from "../helpers/answers";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { standaloneAnalytics } from "../../server/results/analytics-scope";

let t: TestStore;
let app: Express;
let researcher: SignedIn;

const TYPED = "Dana Levi, 5 Herzl St, 050-1234567";
const LIST = [
  { key: "centre", name: { he: "מרכז העיר", ar: "مركز المدينة", en: "Town centre" } },
  { key: "north", name: { he: "צפון", ar: "الشمال", en: "North" } },
];

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
});
afterAll(() => t.close());

const setList = (who: SignedIn, slug: string, neighbourhoods: unknown) =>
  who.agent
    .put(`/api/authorities/${slug}/neighbourhoods`)
    .set("X-CSRF-Token", who.csrf)
    .send({ neighbourhoods });

async function post(slug: string, neighbourhood: unknown) {
  const survey = (await request(app).get(`/api/take/${slug}?lang=he`).expect(200)).body.survey;
  const answers = { ...answerAll(survey), dem_neighbourhood: neighbourhood };
  return request(app).post(`/api/take/${slug}/responses`).send(submission(answers)).expect(201);
}

async function neighbourhoodGroups(slug: string, authorityId: unknown) {
  const analyst = await signInAs(app, "authority-analyst", authorityId as never);
  standaloneAnalytics().aggregates.reset();
  const res = await analyst.agent.get(`/api/results/authorities/${slug}?lang=en`).expect(200);
  return res.body.constructs.flatMap(
    (c: {
      breakdowns: Array<{
        dimension: string;
        groups: Array<{ key: string; label: string | null }>;
      }>;
    }) => c.breakdowns.filter((b) => b.dimension === "neighbourhood").flatMap((b) => b.groups),
  ) as Array<{ key: string; label: string | null }>;
}

describe("the neighbourhood question", () => {
  it("offers the authority's list, in the resident's language, and 'other'", async () => {
    const { slug, authority } = await makeOpenWave();
    await setList(researcher, authority.slug, LIST).expect(200);
    const survey = (await request(app).get(`/api/take/${slug}?lang=ar`).expect(200)).body.survey;
    const q = questionsOf(survey).find((e) => e.name === "dem_neighbourhood")!;
    expect(q.type).toBe("dropdown");
    const choices = q.choices as Array<{ value: string; text: string }>;
    expect(choices.map((c) => c.value)).toEqual(["centre", "north", "other"]);
    expect(choices[0]!.text).toBe("مركز المدينة");
    expect(choices[2]!.text).toMatch(/[\u0600-\u06FF]/);
  });

  it("is not asked where the authority has no list", async () => {
    const { slug } = await makeOpenWave();
    const survey = (await request(app).get(`/api/take/${slug}`).expect(200)).body.survey;
    expect(questionsOf(survey).map((e) => e.name)).not.toContain("dem_neighbourhood");
  });

  it("is set by researchers and admins only, with keys and three names each", async () => {
    const { authority } = await makeOpenWave();
    const analyst = await signInAs(app, "authority-analyst", authority._id);
    await setList(analyst, authority.slug, LIST).expect(403);
    const bad = await setList(researcher, authority.slug, [{ key: "A B", name: LIST[0]!.name }]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    const dup = await setList(researcher, authority.slug, [LIST[0], LIST[0]]);
    expect(dup.status).toBe(400);
  });
});

describe("a neighbourhood typed instead of chosen", () => {
  it("is stored as 'other' without its text, and never becomes a label", async () => {
    const { slug, authority, wave } = await makeOpenWave();
    await setList(researcher, authority.slug, LIST).expect(200);
    const chosen = await post(slug, "north");
    const typed = await post(slug, TYPED);
    expect((await SurveyResponse.findById(chosen.body.id).lean())!.answers.dem_neighbourhood).toBe(
      "north",
    );
    const stored = (await SurveyResponse.findById(typed.body.id).lean())!;
    expect(stored.answers.dem_neighbourhood).toBe("other");
    expect(JSON.stringify(await SurveyResponse.find({ waveId: wave._id }).lean())).not.toContain(
      "Herzl",
    );
    const groups = await neighbourhoodGroups(authority.slug, authority._id);
    expect([...new Set(groups.map((g) => g.key))].sort()).toEqual(["north", "other"]);
    expect(groups.find((g) => g.key === "north")!.label).toBe("North");
    expect(JSON.stringify(groups)).not.toContain("Herzl");
  });

  it("is dropped where the authority has no list", async () => {
    const { slug } = await makeOpenWave();
    const res = await post(slug, TYPED);
    const stored = (await SurveyResponse.findById(res.body.id).lean())!;
    expect(stored.answers).not.toHaveProperty("dem_neighbourhood");
  });

  it("stored before the list existed is shown as 'other', never as its text", async () => {
    const { slug, authority, wave } = await makeOpenWave();
    const first = await post(slug, "x");
    const doc = (await SurveyResponse.findById(first.body.id).lean())!;
    await SurveyResponse.collection.insertOne({
      ...doc,
      _id: undefined as never,
      submissionId: randomUUID(),
      answers: { ...doc.answers, dem_neighbourhood: TYPED },
    });
    await SurveyResponse.collection.insertOne({
      ...doc,
      _id: undefined as never,
      submissionId: randomUUID(),
      answers: { ...doc.answers, dem_neighbourhood: "dana" },
    });
    await setList(researcher, authority.slug, LIST).expect(200);
    expect(await SurveyResponse.countDocuments({ waveId: wave._id })).toBe(3);
    const groups = await neighbourhoodGroups(authority.slug, authority._id);
    expect(JSON.stringify(groups)).not.toMatch(/Herzl|dana/);
    for (const g of groups) expect(["centre", "north", "other", "_"]).toContain(g.key);
  });
});
