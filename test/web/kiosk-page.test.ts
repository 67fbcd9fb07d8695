/**
 * Issue 18 (Minor: "the kiosk tab title is English"; and the kiosk page was not
 * drawn by the server at all). A kiosk always opens in Hebrew, so `/kiosk` comes
 * from the server in Hebrew from the first byte: its title, language and
 * direction, and a "loading" line in place of a blank screen until the script
 * draws the pairing or language-choice screen.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Express } from "express";
import pino from "pino";
import request from "supertest";
import heCommon from "../../locales/he/common.json";
import heKiosk from "../../locales/he/kiosk.json";
import { createApp } from "../../server/app";
import { startTestStore, type TestStore } from "../helpers/store";

/** The shape of the built kiosk.html (client/kiosk.html after `vite build`). */
const KIOSK_HTML = `<!doctype html>
<html lang="he" dir="rtl">
  <head>
    <title>Kehila Pulse</title>
    <script type="module" crossorigin src="/assets/kiosk-x.js"></script>
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
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-kiosk-page-"));
  fs.writeFileSync(path.join(clientDir, "kiosk.html"), KIOSK_HTML);
  fs.writeFileSync(path.join(clientDir, "take.html"), "<!doctype html><title>take</title>");
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>ws</title>");
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

describe("GET /kiosk", () => {
  it("is in Hebrew before any script runs: title, language, direction, a loading line", async () => {
    const res = await request(app).get("/kiosk").expect(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text).toContain(`<title>${heKiosk.pageTitle}</title>`);
    expect(res.text).not.toContain("<title>Kehila Pulse</title>");
    expect(res.text).toContain('<html lang="he" dir="rtl">');
    expect(res.text).toContain(
      `<div id="root"><p role="status" class="loading">${heCommon.loading}</p></div>`,
    );
    // The script still comes with it, and the page is never kept stale.
    expect(res.text).toContain('src="/assets/kiosk-x.js"');
    expect(res.headers["cache-control"]).toBe("no-cache");
  });
});
