import type { Express } from "express";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { makeOpenWave } from "../factories/program";

let t: TestStore;
let app: Express;

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
});
afterAll(() => t.close());

function send(s: SignedIn, method: "get" | "post", path: string, body?: unknown) {
  const r = s.agent[method](path).set("X-CSRF-Token", s.csrf);
  return body === undefined ? r : r.send(body as object);
}

async function write(s: SignedIn, slug: string, date: string, he: string) {
  return (
    await send(s, "post", `/api/authorities/${slug}/updates`, { date, text: { he } }).expect(201)
  ).body as { id: string };
}

describe('the researcher\'s queue of "you said, we did" entries', () => {
  it("lists every authority's entries awaiting review, oldest first, with counts", async () => {
    const a = await makeOpenWave();
    const b = await makeOpenWave();
    const coordA = await signInAs(app, "authority-coordinator", a.authority._id);
    const coordB = await signInAs(app, "authority-coordinator", b.authority._id);
    const first = await write(coordA, a.authority.slug, "2026-10-01", "תאורה ברחוב");
    const second = await write(coordB, b.authority.slug, "2026-09-01", "ספסלים בפארק");
    const third = await write(coordA, a.authority.slug, "2026-11-01", "חוג לנוער");
    const researcher = await signInAs(app, "researcher");
    await send(researcher, "post", `/api/updates/${third.id}/review`, {
      decision: "approve",
    }).expect(200);

    const queue = await send(researcher, "get", "/api/updates/review-queue?lang=he").expect(200);
    expect(queue.body.counts).toEqual({ submitted: 2, approved: 1, rejected: 0 });
    expect(queue.body.pending.map((u: { id: string }) => u.id)).toEqual([second.id, first.id]);
    expect(queue.body.pending[0]).toMatchObject({
      status: "submitted",
      date: "2026-09-01",
      text: { he: "ספסלים בפארק", ar: null, en: null },
      authority: { slug: b.authority.slug, name: expect.any(String) },
    });
  });

  it("is for reviewers only", async () => {
    const { authority } = await makeOpenWave();
    const coordinator = await signInAs(app, "authority-coordinator", authority._id);
    const res = await send(coordinator, "get", "/api/updates/review-queue?lang=en").expect(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});
