/**
 * Issue 18, speed: the open link's HTML carries its first page. On a slow phone the
 * survey used to wait for the page's JavaScript to run before even asking for the
 * survey (a request waterfall: HTML, JS, then the API); now the server answers
 * `/take/<slug>` with the first page already drawn (the consent question), the
 * survey as the API would give it (with a device token), the page in the
 * resident's language and direction, and the page's small stylesheets inline, so
 * the first question paints with the HTML. Anything it cannot open (unknown,
 * paused) gets the plain page, whose script asks the API and explains.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import pino from "pino";
import request from "supertest";
import { createApp } from "../../server/app";
import { Invitation } from "../../server/distribution/invitations/model";
import { importInto, makeSmsWave, tokenOf } from "../distribution/fixtures";
import { makeOpenWave } from "../factories/program";
import { startTestStore, type TestStore } from "../helpers/store";

/** The shape of the built take.html (client/take.html after `vite build`). */
const TAKE_HTML = `<!doctype html>
<html lang="he" dir="rtl">
  <head>
    <title>Kehila Pulse</title>
    <script type="module" crossorigin src="/assets/take-x.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/take-x.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

let t: TestStore;
let app: Express;
let clientDir: string;

beforeAll(async () => {
  t = await startTestStore();
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-take-inline-"));
  fs.mkdirSync(path.join(clientDir, "assets"));
  fs.writeFileSync(path.join(clientDir, "take.html"), TAKE_HTML);
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>ws</title>");
  fs.writeFileSync(path.join(clientDir, "assets", "take-x.css"), ".kp-first-page{color:#111}");
  app = createApp({
    config: t.config,
    logger: pino({ level: "silent" }),
    store: t.store,
    clientDir,
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

/** The JSON the page carries, parsed. */
function inlineSurvey(html: string): Record<string, unknown> | null {
  const m = /<script type="application\/json" id="kp-open">([^<]*)<\/script>/.exec(html);
  return m ? (JSON.parse(m[1]!) as Record<string, unknown>) : null;
}

it("draws the first page into the HTML, in the resident's language, with the survey inline", async () => {
  const { slug, wave } = await makeOpenWave();
  const res = await request(app).get(`/take/${slug}?lang=ar`).expect(200);
  expect(res.headers["content-type"]).toMatch(/text\/html/);
  expect(res.headers["cache-control"]).toBe("no-store");
  const html = res.text;
  expect(html).toContain('<html lang="ar" dir="rtl">');
  // The consent question is there before any script runs: answerable at once.
  expect(html).toMatch(/<div id="root"><a class="skip-link"/);
  expect(html).toMatch(/data-name="consent"[^]*<input[^>]*type="checkbox"/);
  expect(html).toContain("kp-first-page__next");
  const open = inlineSurvey(html)!;
  expect(open).toMatchObject({ locale: "ar", wave: { id: wave._id.toHexString() } });
  expect((open.device as { token: string }).token).toMatch(/\./);
  expect((open.survey as { pages: unknown[] }).pages.length).toBeGreaterThan(1);
  // The stylesheet comes with the page instead of a request the first paint waits for.
  // (Its link stays, disabled, for the script that loads more styles to find.)
  expect(html).toContain(
    '<style>.kp-first-page{color:#111}</style><link rel="stylesheet" crossorigin href="/assets/take-x.css" disabled>',
  );
  // The title names the survey as the running page does.
  expect(html).toMatch(/<title>[^<]*جولة اختبار[^<]*<\/title>/);
});

it("takes the language from the browser when the address names none", async () => {
  const { slug } = await makeOpenWave();
  const res = await request(app).get(`/take/${slug}`).set("Accept-Language", "en-GB,en;q=0.9");
  expect(res.text).toContain('<html lang="en" dir="ltr">');
  expect(inlineSurvey(res.text)).toMatchObject({ locale: "en" });
});

it("draws a Russian browser's page in Russian, as the page's own script would pick", async () => {
  const { slug } = await makeOpenWave();
  const res = await request(app)
    .get(`/take/${slug}`)
    .set("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5");
  expect(res.text).toContain('<html lang="ru" dir="ltr">');
  expect(inlineSurvey(res.text)).toMatchObject({ locale: "ru" });
});

it("cannot put a closing script tag into the page through survey texts", async () => {
  const { slug } = await makeOpenWave();
  const html = (await request(app).get(`/take/${slug}?lang=he`)).text;
  const json = /id="kp-open">([^]*?)<\/script>/.exec(html)![1]!;
  expect(json).not.toContain("<");
});

it("draws a personal link's first page in the contact's language, with its saved answers field", async () => {
  const { wave } = await makeSmsWave({ population: "arab" });
  await importInto(t.config, wave, [["0521234567", "ar", "yes"]]);
  const inv = (await Invitation.findOne({ waveId: wave._id }).lean())!;
  const token = await tokenOf(t.config, inv._id);
  const html = (await request(app).get(`/r/${token}`).expect(200)).text;
  expect(html).toContain('<html lang="ar" dir="rtl">');
  expect(html).toMatch(/data-name="consent"[^]*<input[^>]*type="checkbox"/);
  expect(inlineSurvey(html)).toMatchObject({ locale: "ar", progress: null });
  // The address's own language wins, as in the API.
  const he = (await request(app).get(`/r/${token}?lang=he`)).text;
  expect(inlineSurvey(he)).toMatchObject({ locale: "he" });
});

it("sends the plain page for a link it cannot open (the script explains)", async () => {
  const { slug } = await makeOpenWave({ status: "paused" });
  for (const url of [`/take/${slug}?lang=he`, "/take/no-such-link", "/take"]) {
    const res = await request(app).get(url).expect(200);
    expect(res.text).toContain('<div id="root"></div>');
    expect(inlineSurvey(res.text)).toBeNull();
  }
});
