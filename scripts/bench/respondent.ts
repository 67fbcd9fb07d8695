/**
 * `npm run bench:respondent`: the respondent page on a slow phone, in headless
 * Chromium — 150 ms latency, 1.6 Mbit/s down, 4x CPU throttling, empty cache —
 * until the first question (consent) is visible and answerable, and the
 * compressed JavaScript loaded before it. Targets: ≤ 350 kB and ≤ 2.5 s.
 * It also times the second page (SurveyJS, loaded in the background meanwhile).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { chromium, type Browser } from "playwright-core";
import { createApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import { openStore } from "../../server/db/store";
import { DEMO_OPEN_LINK, ensureDemoProgram } from "../../server/demo/seed";
import { CHROMIUM_ARGS, chromiumPath } from "../../test/helpers/chromium";

const RUNS = 5;

interface Run {
  ms: number;
  jsBytes: number;
  secondPageMs: number;
}

async function measure(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "he" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const scripts = new Set<string>();
  const finished: Array<{ at: number; bytes: number }> = [];
  cdp.on("Network.responseReceived", (e: { requestId: string; type: string }) => {
    if (e.type === "Script") scripts.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId))
      finished.push({ at: performance.now(), bytes: e.encodedDataLength });
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  const target = page.locator('[data-name="consent"] input').first();
  await target.waitFor({ state: "visible", timeout: 60_000 });
  await target.isEnabled();
  const at = performance.now();
  const jsBytes = finished.filter((f) => f.at <= at).reduce((n, f) => n + f.bytes, 0);
  await page.locator('[data-name="consent"] label').click();
  await page.locator(".sd-navigation__next-btn:visible").click();
  await page.locator(".sd-question[data-name]").first().waitFor({ timeout: 60_000 });
  const secondPageMs = performance.now() - started;
  await context.close();
  return { ms: at - started, jsBytes, secondPageMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error("Chromium is missing: apt-get install -y chromium fonts-noto-core");
  const clientDir = path.join(process.cwd(), "dist", "client");
  if (!fs.existsSync(path.join(clientDir, "take.html")))
    throw new Error("Build the client first: npm run build");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-respondent-"));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    MONGODB_URI: undefined,
  });
  const store = await openStore(config, pino({ level: "silent" }));
  await ensureDemoProgram({ responsesPerWave: 20 });
  const server = createApp({ config, logger: pino({ level: "silent" }), store, clientDir }).listen(
    0,
    "127.0.0.1",
  );
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const url = `${base}/take/${DEMO_OPEN_LINK}?lang=he`;
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await measure(browser, url));
    const ms = median(runs.map((r) => r.ms));
    const kb = median(runs.map((r) => r.jsBytes)) / 1024;
    const second = median(runs.map((r) => r.secondPageMs));
    console.log(
      `first question visible and answerable (median of ${RUNS})   ${(ms / 1000).toFixed(2)} s  (target <= 2.5 s)`,
    );
    console.log(
      `compressed JS loaded before it                              ${kb.toFixed(0)} kB  (target <= 350 kB)`,
    );
    console.log(
      `second page (SurveyJS) ready after consent + next           ${(second / 1000).toFixed(2)} s from the start`,
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
