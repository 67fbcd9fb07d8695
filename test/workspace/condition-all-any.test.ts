/**
 * Display conditions with AND/OR (issue 20) on the real store: a condition is
 * rules joined by "all" or "any"; each reader follows it (the preview's and the
 * published snapshot's SurveyJS expression, the server's check of a submission,
 * the codebook); bad rules are refused or listed with stable codes; a draft
 * stored with the old single-rule condition still loads and publishes.
 */
import type { Express } from "express";
import { Types } from "mongoose";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { questionsOf } from "../helpers/answers";
import { InstrumentDraftModel } from "../../server/bank/model";
import { getSnapshot } from "../../server/instruments/service";
import { validateAnswers } from "../../server/surveys/answer-schema";
import { codebookMarkdown } from "../../server/surveys/codebook";
import { newKey } from "./factories";

let t: TestStore;
let app: Express;
let r: SignedIn;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  r = await signInAs(app, "researcher");
}, 60_000);
afterAll(() => t.close());

const title = { he: "שאלון", ar: "استبيان", en: "Survey" };
const put = (key: string, body: object) =>
  r.agent.put(`/api/bank/drafts/${key}`).set("X-CSRF-Token", r.csrf).send(body);
const post = (url: string, body: object) =>
  r.agent.post(url).set("X-CSRF-Token", r.csrf).send(body);
/** The visibleIf of vol_in_locality in a preview's SurveyJS JSON. */
const visibleIfIn = (survey: Record<string, unknown>) =>
  (questionsOf(survey).find((q) => q.name === "vol_in_locality") as { visibleIf?: string })
    .visibleIf;

interface Entry {
  kind: string;
  id?: string;
  showIf?: unknown;
}
interface Draft {
  key: string;
  revision: number;
  pages: Array<{ id: string; entries: Entry[] }>;
  problems: Array<{ path: string; code: string }>;
}

async function coreDraft(): Promise<Draft> {
  const key = newKey();
  return (await post("/api/bank/drafts", { key, title, from: { kind: "bank", key: "core" } }))
    .body as Draft;
}

/** Where vol_in_locality is asked (after vol_frequency and inv_events, on the same page). */
function locate(draft: Draft) {
  const page = draft.pages.findIndex((p) => p.entries.some((e) => e.id === "vol_in_locality"));
  const entry = draft.pages[page]!.entries.findIndex((e) => e.id === "vol_in_locality");
  return { page, entry, path: `pages.${draft.pages[page]!.id}.entries.${entry}` };
}

function withCondition(draft: Draft, showIf: unknown) {
  const pages = structuredClone(draft.pages);
  const at = locate(draft);
  pages[at.page]!.entries[at.entry] = { kind: "item", id: "vol_in_locality", showIf };
  return { ...draft, pages };
}

const anyOf = {
  join: "any",
  rules: [
    { question: "vol_frequency", op: ">=", value: 4 },
    { question: "inv_events", op: "=", value: 5 },
  ],
};

it("reads a bank instrument's condition as one rule joined by all", async () => {
  const draft = await coreDraft();
  const hours = draft.pages.flatMap((p) => p.entries).find((e) => e.id === "vol_hours");
  expect(hours!.showIf).toEqual({
    join: "all",
    rules: [{ question: "vol_frequency", op: ">", value: 1 }],
  });
});

it("compiles any-of to an or expression, checks submissions by it, and says it in the codebook", async () => {
  const draft = await coreDraft();
  const saved = await put(draft.key, withCondition(draft, anyOf)).expect(200);
  expect(saved.body.problems).toEqual([]);
  const preview = await r.agent.get(`/api/bank/drafts/${draft.key}/preview`).expect(200);
  expect(visibleIfIn(preview.body.survey)).toBe("{vol_frequency} >= 4 or {inv_events} = 5");

  const published = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: saved.body.revision,
  }).expect(201);
  const snapshot = await getSnapshot(new Types.ObjectId(published.body.id as string));
  const item = snapshot.pages.flatMap((p) => p.items).find((i) => i.id === "vol_in_locality");
  expect(item!.visibleIf).toBe("{vol_frequency} >= 4 or {inv_events} = 5");

  // Either rule shows the question; with neither, its answer is dropped as before.
  const base = { consent: true, vol_frequency: 2, vol_hours: 1, vol_in_locality: 1 };
  const kept = (answers: Record<string, unknown>) => {
    const res = validateAnswers(snapshot, answers);
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    return Object.hasOwn(res.answers, "vol_in_locality");
  };
  expect(kept({ ...base, inv_events: 1 })).toBe(false);
  expect(kept({ ...base, inv_events: 5 })).toBe(true);
  expect(kept({ ...base, vol_frequency: 4, inv_events: 1 })).toBe(true);

  const md = codebookMarkdown(snapshot);
  const section = md.slice(md.indexOf("### vol_in_locality"));
  expect(section.slice(0, section.indexOf("\n|"))).toMatch(
    /shown if `\{vol_frequency\} >= 4 or \{inv_events\} = 5` \(vol_frequency is at least “[^”]+” \(4\) or inv_events is “[^”]+” \(5\)\)/,
  );
});

it("publishes all-of as an and expression", async () => {
  const draft = await coreDraft();
  const saved = await put(draft.key, withCondition(draft, { ...anyOf, join: "all" })).expect(200);
  const preview = await r.agent.get(`/api/bank/drafts/${draft.key}/preview`).expect(200);
  expect(visibleIfIn(preview.body.survey)).toBe("{vol_frequency} >= 4 and {inv_events} = 5");
  // A new draft from this version reads the condition back as it was built.
  await post(`/api/bank/drafts/${draft.key}/publish`, { revision: saved.body.revision }).expect(
    201,
  );
  const next = await post("/api/bank/drafts", {
    key: newKey(),
    title,
    from: { kind: "published", key: draft.key },
  }).expect(201);
  const entry = (next.body as Draft).pages
    .flatMap((p) => p.entries)
    .find((e) => e.id === "vol_in_locality");
  expect(entry!.showIf).toEqual({ ...anyOf, join: "all" });
});

it("refuses more than five rules, no rules, a bad connective or an id that is not an id", async () => {
  const draft = await coreDraft();
  const rule = { question: "vol_frequency", op: ">=", value: 2 };
  const bad = [
    { join: "any", rules: Array.from({ length: 6 }, () => rule) },
    { join: "any", rules: [] },
    { join: "either", rules: [rule] },
    { join: "any", rules: [{ ...rule, question: "vol_frequency} or {consent" }] },
    { join: "any", rules: [{ ...rule, value: "1 or true" }] },
  ];
  for (const showIf of bad) {
    const res = await put(draft.key, withCondition(draft, showIf)).expect(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.message).toEqual(expect.any(String));
  }
});

it("lists each rule on a later or unknown question, or on an answer it does not have", async () => {
  const draft = await coreDraft();
  const at = locate(draft).path;
  const saved = await put(
    draft.key,
    withCondition(draft, {
      join: "all",
      rules: [
        { question: "vol_frequency", op: ">=", value: 2 },
        { question: "vol_frequency", op: "=", value: 9 },
        { question: "vol_in_locality", op: "=", value: 1 },
        { question: "no_such_question", op: "=", value: 1 },
      ],
    }),
  ).expect(200);
  expect(saved.body.problems).toEqual([
    { path: `${at}.showIf.rules.1`, code: "conditionAnswer" },
    { path: `${at}.showIf.rules.2`, code: "conditionUnknown" },
    { path: `${at}.showIf.rules.3`, code: "conditionUnknown" },
  ]);
  const res = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: saved.body.revision,
  }).expect(422);
  expect(res.body.error.code).toBe("DRAFT_NOT_READY");
  // The preview still shows the question, without the condition it cannot keep.
  const preview = await r.agent.get(`/api/bank/drafts/${draft.key}/preview`).expect(200);
  expect(visibleIfIn(preview.body.survey)).toBeUndefined();
});

it("loads a draft stored with the old single-rule condition as one rule, and publishes it", async () => {
  const draft = await coreDraft();
  const at = locate(draft);
  await InstrumentDraftModel.updateOne(
    { key: draft.key },
    {
      $set: {
        [`content.pages.${at.page}.entries.${at.entry}.showIf`]: {
          question: "vol_frequency",
          op: ">=",
          value: 3,
        },
      },
    },
  );
  const loaded = await r.agent.get(`/api/bank/drafts/${draft.key}`).expect(200);
  expect(loaded.body.pages[at.page].entries[at.entry].showIf).toEqual({
    join: "all",
    rules: [{ question: "vol_frequency", op: ">=", value: 3 }],
  });
  expect(loaded.body.problems).toEqual([]);
  const published = await post(`/api/bank/drafts/${draft.key}/publish`, {
    revision: loaded.body.revision,
  }).expect(201);
  const snapshot = await getSnapshot(new Types.ObjectId(published.body.id as string));
  const item = snapshot.pages.flatMap((p) => p.items).find((i) => i.id === "vol_in_locality");
  expect(item!.visibleIf).toBe("{vol_frequency} >= 3");
});
