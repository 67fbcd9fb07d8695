/**
 * The readiness checklist of a wave and the refusal to open one that fails it:
 * each check failing on its own (with 409 WAVE_NOT_READY naming it), fixed the
 * way staff fix it, and the wave opening once everything holds. Also the
 * program-wide wave list (scoped) and the new-wave form's options.
 */
import type { Express } from "express";
import { Types } from "mongoose";
import request from "supertest";
import { Authority } from "../../server/authorities/model";
import { InstrumentVersion } from "../../server/instruments/model";
import { publishInstrument } from "../../server/instruments/service";
import { KioskDevice } from "../../server/kiosk/model";
import { Wave } from "../../server/waves/model";
import { missingTexts } from "../../server/waves/readiness";
import { draftSms, sampleLink } from "../../server/shared/sms/sms-draft";
import { importInto, kioskWithCode } from "../distribution/fixtures";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";

let t: TestStore;
let app: Express;
let researcher: SignedIn;
let coreId: string;
let counter = 0;

const DAY = 86_400_000;
const toId = (id: string) => new Types.ObjectId(id);

beforeAll(async () => {
  t = await startTestStore();
  app = testApp(t);
  researcher = await signInAs(app, "researcher");
  coreId = (await publishInstrument("core")).id.toString();
});
afterAll(() => t.close());

async function authority(population: "jewish" | "arab" | "mixed") {
  const id = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
  return Authority.create({
    slug: `ready-${id}`,
    name: { he: `עיר ${id}`, ar: `مدينة ${id}`, en: `Town ${id}` },
    population,
  });
}

const post = (who: SignedIn, path: string, body?: object) =>
  who.agent.post(path).set("X-CSRF-Token", who.csrf).send(body);
const patch = (who: SignedIn, path: string, body: object) =>
  who.agent.patch(path).set("X-CSRF-Token", who.csrf).send(body);

/** A draft wave made through the API, as the workspace makes it. */
async function draftWave(
  population: "jewish" | "arab" | "mixed",
  settings: Record<string, unknown>,
  instrumentVersionId = coreId,
) {
  const a = await authority(population);
  const res = await post(researcher, "/api/waves", {
    authorities: [a.slug],
    instrumentVersionId,
    kind: "baseline",
    name: { he: "גל בדיקה", ar: "جولة اختبار", en: "Test wave" },
    opensAt: new Date().toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    ...settings,
  }).expect(201);
  const wave = res.body[0] as { id: string };
  const path = `/api/authorities/${a.slug}/waves/${wave.id}`;
  return { authority: a, id: wave.id, path };
}

type Check = { code: string; ok: boolean; detail: Record<string, number> };

async function readiness(path: string) {
  const res = await researcher.agent.get(`${path}/readiness`).expect(200);
  return res.body as { ready: boolean; checks: Check[] };
}

/** Opening is refused with 409 WAVE_NOT_READY naming exactly the failing checks. */
async function expectRefused(path: string, failing: string[], lang = "en") {
  const res = await post(researcher, `${path}/status?lang=${lang}`, { status: "open" }).expect(409);
  expect(res.body.error.code).toBe("WAVE_NOT_READY");
  expect(res.body.error.details).toEqual(failing.map((code) => ({ path: "readiness", code })));
  return res.body.error.message as string;
}

async function expectOpens(path: string) {
  const res = await post(researcher, `${path}/status`, { status: "open" }).expect(200);
  expect(res.body.status).toBe("open");
}

it("passes an open-link wave with a slug and a closing date ahead, and opens it", async () => {
  const w = await draftWave("jewish", { channels: ["open-link"], openLinkSlug: `r-${counter}x` });
  const r = await readiness(w.path);
  expect(r).toEqual({
    ready: true,
    checks: [
      // Every language the wave offers (all four unless chosen; Russian has no stored text).
      { code: "translations", ok: true, detail: { he: 0, ar: 0, en: 0 } },
      { code: "open_link_slug", ok: true, detail: {} },
      { code: "closes_after_today", ok: true, detail: {} },
    ],
    // A baseline: no other follow-up to warn about.
    warnings: [],
  });
  await expectOpens(w.path);
});

it("refuses an open-link wave without a slug until one is set", async () => {
  const w = await draftWave("jewish", { channels: ["open-link"] });
  const r = await readiness(w.path);
  expect(r.ready).toBe(false);
  expect(r.checks.find((c) => c.code === "open_link_slug")?.ok).toBe(false);
  const message = await expectRefused(w.path, ["open_link_slug"]);
  expect(message).toMatch(/1 item/);
  await patch(researcher, w.path, { openLinkSlug: `slug-${counter++}-x` }).expect(200);
  await expectOpens(w.path);
});

it("refuses an SMS wave with no contact, in the caller's language, until one is imported", async () => {
  const w = await draftWave("mixed", { channels: ["sms"] });
  const r = await readiness(w.path);
  expect(r.checks.map((c) => [c.code, c.ok])).toEqual([
    ["translations", true],
    ["sms_contacts", false],
    ["closes_after_today", true],
    ["templates_render", true],
  ]);
  expect(r.checks[0]!.detail).toEqual({ he: 0, ar: 0, en: 0 });
  expect(r.checks[1]!.detail).toEqual({ contacts: 0 });
  const he = await expectRefused(w.path, ["sms_contacts"], "he");
  expect(he).toMatch(/[\u0590-\u05FF]/);
  const ar = await expectRefused(w.path, ["sms_contacts"], "ar");
  expect(ar).toMatch(/[\u0600-\u06FF]/);
  // still a draft: nothing changed
  const wave = await researcher.agent.get(w.path).expect(200);
  expect(wave.body.status).toBe("draft");

  await importInto(t.config, { _id: toId(w.id), authorityId: w.authority._id }, [
    ["050-7654321", "ar", "no"],
  ]);
  const after = await readiness(w.path);
  expect(after.checks[1]).toEqual({ code: "sms_contacts", ok: true, detail: { contacts: 1 } });
  await expectOpens(w.path);
});

it("refuses a kiosk wave until a kiosk of the wave is paired, and again once it is revoked", async () => {
  const w = await draftWave("arab", { channels: ["kiosk"] });
  await expectRefused(w.path, ["kiosk_paired"]);
  const kiosk = await kioskWithCode(w.authority._id, w.id);
  let check = (await readiness(w.path)).checks.find((c) => c.code === "kiosk_paired");
  expect(check).toEqual({ code: "kiosk_paired", ok: false, detail: { paired: 0, unpaired: 1 } });
  await expectRefused(w.path, ["kiosk_paired"]);

  await request(app).post("/api/kiosk/pair").send({ code: kiosk.code }).expect(200);
  check = (await readiness(w.path)).checks.find((c) => c.code === "kiosk_paired");
  expect(check).toEqual({ code: "kiosk_paired", ok: true, detail: { paired: 1, unpaired: 0 } });

  await KioskDevice.updateOne({ _id: kiosk.id }, { $set: { revokedAt: new Date() } });
  await expectRefused(w.path, ["kiosk_paired"]);

  await request(app)
    .post("/api/kiosk/pair")
    .send({ code: (await kioskWithCode(w.authority._id, w.id)).code })
    .expect(200);
  await expectOpens(w.path);
});

it("refuses a wave whose closing date is today or past", async () => {
  const w = await draftWave("jewish", {
    channels: ["open-link"],
    openLinkSlug: `past-${counter++}-x`,
    opensAt: new Date(Date.now() - 20 * DAY).toISOString(),
    closesAt: new Date(Date.now() - 2 * DAY).toISOString(),
  });
  await expectRefused(w.path, ["closes_after_today"]);
  await patch(researcher, w.path, {
    closesAt: new Date(Date.now() + 2 * DAY).toISOString(),
  }).expect(200);
  await expectOpens(w.path);
});

it("refuses SMS texts without the link or with placeholders that do not fill in", async () => {
  const w = await draftWave("jewish", { channels: ["sms"], reminderDays: [3] });
  await importInto(t.config, { _id: toId(w.id), authorityId: w.authority._id }, [
    ["050-7654322", "he", "no"],
  ]);
  // Such a text is refused when saved (test/security/sms-text-approval.test.ts); one
  // stored before that rule still keeps the wave from opening.
  const refused = await patch(researcher, w.path, {
    smsTemplates: { reminder: { he: "תזכורת: {link}" } },
  }).expect(400);
  expect(refused.body.error.details.map((d: { code: string }) => d.code).sort()).toEqual([
    "no_link",
    "no_opt_out",
    "unknown_placeholder",
  ]);
  await Wave.updateOne(
    { _id: toId(w.id) },
    { $set: { "smsTemplates.reminder.he": "תזכורת: {link}" } },
  );
  const check = (await readiness(w.path)).checks.find((c) => c.code === "templates_render");
  expect(check?.ok).toBe(false);
  expect(check?.detail.problems).toBe(3); // no {{link}}, no opt-out line, "{link}" left as typed
  await expectRefused(w.path, ["templates_render"]);
  await patch(researcher, w.path, {
    smsTemplates: { reminder: { he: "תזכורת מ{{authority}}: {{link}} להסרה השיבו הסר" } },
  }).expect(200);
  await expectOpens(w.path);
});

it("refuses an instrument version missing texts in a language the wave offers", async () => {
  const core = (await InstrumentVersion.findById(coreId).lean())!;
  const snapshot = structuredClone(core.snapshot) as {
    texts: { thanks: { ar: string } };
    pages: Array<{ title: { ar: string } }>;
  };
  snapshot.texts.thanks.ar = "";
  snapshot.pages[0]!.title.ar = "⚠ עמוד";
  const gap = await InstrumentVersion.create({
    key: "core_gap",
    version: 1,
    contentHash: "0".repeat(64),
    snapshot,
    publishedAt: new Date(),
  });
  expect(missingTexts(snapshot)).toEqual({ he: 0, ar: 2, en: 0 });

  const arab = await draftWave(
    "arab",
    { channels: ["open-link"], openLinkSlug: `gap-${counter++}-x` },
    gap._id.toHexString(),
  );
  const check = (await readiness(arab.path)).checks[0];
  expect(check).toEqual({ code: "translations", ok: false, detail: { he: 0, ar: 2, en: 0 } });
  await expectRefused(arab.path, ["translations"]);

  // A wave offering Hebrew and Russian only: the gap does not stop it...
  const jewish = await draftWave(
    "jewish",
    { channels: ["sms"], languages: ["he", "ru"] },
    gap._id.toHexString(),
  );
  await importInto(t.config, { _id: toId(jewish.id), authorityId: jewish.authority._id }, [
    ["050-7654323", "he", "no"],
  ]);
  expect((await readiness(jewish.path)).checks[0]).toEqual({
    code: "translations",
    ok: true,
    detail: { he: 0 },
  });
  // ...until it offers Arabic too.
  await patch(researcher, jewish.path, { languages: ["he", "ar", "ru"] }).expect(200);
  const checks = (await readiness(jewish.path)).checks;
  expect(checks[0]).toEqual({ code: "translations", ok: false, detail: { he: 0, ar: 2 } });
  await expectRefused(jewish.path, ["translations"]);
});

it("lists every failing check at once, and checks a paused wave again before it resumes", async () => {
  const w = await draftWave("mixed", { channels: ["sms", "kiosk", "open-link"] });
  // Stored before texts were checked when saved.
  await Wave.updateOne(
    { _id: toId(w.id) },
    { $set: { "smsTemplates.invitation.ar": "رابط {{lnk}}" } },
  );
  const message = await expectRefused(w.path, [
    "sms_contacts",
    "kiosk_paired",
    "open_link_slug",
    "templates_render",
  ]);
  expect(message).toMatch(/4 items/);

  const ready = await draftWave("jewish", { channels: ["kiosk"] });
  await request(app)
    .post("/api/kiosk/pair")
    .send({ code: (await kioskWithCode(ready.authority._id, ready.id)).code })
    .expect(200);
  await expectOpens(ready.path);
  await post(researcher, `${ready.path}/status`, { status: "paused" }).expect(200);
  await KioskDevice.updateMany({ waveId: toId(ready.id) }, { $set: { revokedAt: new Date() } });
  await expectRefused(ready.path, ["kiosk_paired"]);
  // pausing and closing never need the checklist
  await post(researcher, `${ready.path}/status`, { status: "closed" }).expect(200);
});

it("counts SMS parts of a rendered template the way the sender does", () => {
  const values = {
    link: sampleLink("https://pulse.example.org.il"),
    authority: "רמת תמר",
    wave: "גל",
  };
  const he = draftSms("invitation", "he", undefined, values);
  expect(he.encoding).toBe("ucs2");
  expect(he.text).toContain(values.link);
  expect(he.problems).toEqual([]);
  expect(he.segments).toBe(Math.ceil(he.units / (he.units > 70 ? 67 : 70)));
  const en = draftSms("reminder", "en", "Hi {{link}} Reply STOP to opt out", {
    ...values,
    authority: "Town",
  });
  expect(en).toMatchObject({ encoding: "gsm7", segments: 1, perSegment: 160, problems: [] });
  expect(en.remaining).toBe(160 - en.units);
  expect(draftSms("invitation", "en", "Hello {link}", values).problems).toEqual([
    "no_link",
    "no_opt_out",
    "unknown_placeholder",
  ]);
});

it("lists waves of all authorities to researchers and only the own authority's to a coordinator", async () => {
  const a = await draftWave("jewish", { channels: ["open-link"] });
  const b = await draftWave("arab", { channels: ["open-link"] });
  const all = await researcher.agent.get("/api/waves").expect(200);
  const ids = (all.body.waves as Array<{ id: string }>).map((w) => w.id);
  expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
  expect(all.body.authorities).toEqual(
    expect.arrayContaining([
      { slug: a.authority.slug, name: expect.any(Object), population: "jewish" },
    ]),
  );
  const coordinator = await signInAs(app, "authority-coordinator", a.authority._id);
  const own = await coordinator.agent.get("/api/waves").expect(200);
  expect((own.body.waves as Array<{ id: string }>).map((w) => w.id)).toEqual([a.id]);
  expect(own.body.authorities.map((x: { slug: string }) => x.slug)).toEqual([a.authority.slug]);
  const wave = own.body.waves[0];
  expect(wave.instrument).toMatchObject({ key: "core", version: expect.any(Number) });
  await coordinator.agent.get("/api/waves/options").expect(403);
});

it("offers the new-wave form authorities with their population and published versions with their gaps", async () => {
  await authority("mixed");
  const res = await researcher.agent.get("/api/waves/options").expect(200);
  expect(res.body.authorities.length).toBeGreaterThan(0);
  expect(res.body.authorities[0]).toEqual({
    slug: expect.any(String),
    name: { he: expect.any(String), ar: expect.any(String), en: expect.any(String) },
    population: expect.stringMatching(/^(jewish|arab|mixed)$/),
  });
  const core = res.body.instruments.find((i: { id: string }) => i.id === coreId);
  expect(core).toMatchObject({ key: "core", missing: { he: 0, ar: 0 } });
  expect(core.title.he).toMatch(/[\u0590-\u05FF]/);
});

it("points a taken open-link address and a shared one at their field", async () => {
  const slug = `taken-${counter++}-x`;
  await draftWave("jewish", { channels: ["open-link"], openLinkSlug: slug });
  const a = await authority("jewish");
  const taken = await post(researcher, "/api/waves?lang=he", {
    authorities: [a.slug],
    instrumentVersionId: coreId,
    kind: "baseline",
    name: { he: "גל", ar: "جولة", en: "Wave" },
    opensAt: new Date().toISOString(),
    openLinkSlug: slug,
  }).expect(409);
  expect(taken.body.error.details).toEqual([{ path: "body.openLinkSlug", code: "taken" }]);
  const other = await draftWave("arab", { channels: ["open-link"] });
  const patched = await patch(researcher, other.path, { openLinkSlug: slug }).expect(409);
  expect(patched.body.error.details).toEqual([{ path: "body.openLinkSlug", code: "taken" }]);
  const b = await authority("mixed");
  const shared = await post(researcher, "/api/waves", {
    authorities: [a.slug, b.slug],
    instrumentVersionId: coreId,
    kind: "baseline",
    name: { he: "גל", ar: "جولة", en: "Wave" },
    opensAt: new Date().toISOString(),
    openLinkSlug: `shared-${counter++}-x`,
  }).expect(400);
  expect(shared.body.error.details).toEqual([
    { path: "body.openLinkSlug", code: "one_authority_only" },
  ]);
});
