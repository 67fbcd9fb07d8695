/**
 * `npm run bench:respondent [-- --client DIR] [--baseline DIR]`: the respondent page as an
 * outsider sees it on a slow phone, in headless Chromium through CDP — 150 ms
 * latency, 1.6 Mbit/s down, 750 kbit/s up, CPU x4, cold cache — from the
 * navigation start (the page's own clock) to the first question's input
 * visible and enabled, the compressed JavaScript transferred before it, and,
 * after a 5 s read of the first page, the time from the tap on "Next" to the
 * next page's first question. Medians of 5 runs. Targets: <= 2.5 s,
 * <= 350 kB, <= 1.0 s. The first page comes drawn in the HTML, where its box
 * can be ticked before any script runs; when its scripts have run (its "Next"
 * answers a tap) is printed too, so that wait is not hidden. With `--baseline`,
 * a second build runs turn about with the first and the ratios of the medians
 * are printed: on a shared machine they hold better than the times themselves.
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
  /** From the navigation start until the first page's "Next" has its handler. */
  liveMs: number;
  nextPageMs: number;
}

/** A resident reads the first page this long before tapping "Next". */
const READ_MS = 5000;

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
  await page.goto(url, { waitUntil: "commit" });
  // Measured by the page's own clock: performance.now() counts from the navigation start.
  const handle = await page.waitForFunction(
    () => {
      const input = document.querySelector<HTMLInputElement>('[data-name="consent"] input');
      if (!input || input.disabled) return false;
      const box = input.getBoundingClientRect();
      const style = getComputedStyle(input);
      const shown = box.width > 0 && box.height > 0 && style.visibility !== "hidden";
      return shown ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  const at = performance.now();
  const jsBytes = finished.filter((f) => f.at <= at).reduce((n, f) => n + f.bytes, 0);
  // React has hydrated the button drawn by the server: a tap on it now turns the page.
  const live = await page.waitForFunction(
    () => {
      const next = document.querySelector(".kp-first-page__next, .sd-navigation__next-btn");
      const hydrated = next && Object.keys(next).some((k) => k.startsWith("__reactProps"));
      return hydrated ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  const liveMs = (await live.jsonValue()) as number;
  await page.waitForTimeout(READ_MS);
  await page.locator('[data-name="consent"] label').first().click();
  const tapped = await page.evaluate(() => performance.now());
  await page.locator(".sd-navigation__next-btn:visible").first().click();
  const next = await page.waitForFunction(
    () => {
      // Shown, not merely there: the next page may be drawn, hidden, in advance.
      const q = [
        ...document.querySelectorAll(".sd-question[data-name]:not([data-name='consent'])"),
      ].find((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }));
      return q && q.getBoundingClientRect().height > 0 ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  const nextPageMs = ((await next.jsonValue()) as number) - tapped;
  await context.close();
  return { ms, jsBytes, liveMs, nextPageMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A build of the client given on the command line (`--client DIR`, `--baseline DIR`). */
function clientArg(flag: string): string | null {
  const at = process.argv.indexOf(flag);
  const dir = at > 0 ? process.argv[at + 1] : undefined;
  return dir ? path.resolve(dir) : null;
}

/** The four medians of a build's runs. */
function medians(runs: Run[]) {
  return {
    ms: median(runs.map((r) => r.ms)),
    kb: median(runs.map((r) => r.jsBytes)) / 1024,
    live: median(runs.map((r) => r.liveMs)),
    next: median(runs.map((r) => r.nextPageMs)),
  };
}

function printMedians(m: ReturnType<typeof medians>) {
  console.log(
    `first question visible and answerable (median of ${RUNS})   ${(m.ms / 1000).toFixed(2)} s  (target <= 2.5 s)`,
  );
  console.log(
    `compressed JS loaded before it                              ${m.kb.toFixed(0)} kB  (target <= 350 kB)`,
  );
  console.log(
    `first page's Next answers a tap (its scripts ran)           ${(m.live / 1000).toFixed(2)} s`,
  );
  console.log(
    `next question after a ${READ_MS / 1000} s read, from the tap on Next       ${(m.next / 1000).toFixed(2)} s  (target <= 1.0 s)`,
  );
}

async function main() {
  const executablePath = chromiumPath("bench");
  if (!executablePath)
    throw new Error("Chromium is missing: apt-get install -y chromium fonts-noto-core");
  // --client DIR: a build of one's own (several builds may sit side by side);
  // --baseline DIR: another build, run turn about with it on the same machine at the
  // same moments, so a shared, noisy machine slows both alike and their ratio holds.
  const clientDir = clientArg("--client") ?? path.join(process.cwd(), "dist", "client");
  const baselineDir = clientArg("--baseline");
  const builds = baselineDir ? [baselineDir, clientDir] : [clientDir];
  for (const dir of builds)
    if (!fs.existsSync(path.join(dir, "take.html")))
      throw new Error(`Build the client first: npm run build (no take.html in ${dir})`);
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
  const servers = builds.map((dir) =>
    createApp({ config, logger: pino({ level: "silent" }), store, clientDir: dir }).listen(
      0,
      "127.0.0.1",
    ),
  );
  await Promise.all(servers.map((s) => new Promise((resolve) => s.once("listening", resolve))));
  const urls = servers.map(
    (s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/take/${DEMO_OPEN_LINK}?lang=he`,
  );
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const runs: Run[][] = builds.map(() => []);
    for (let i = 0; i < RUNS; i += 1) {
      for (const [b, url] of urls.entries()) {
        const run = await measure(browser, url);
        runs[b]!.push(run);
        const label = builds.length > 1 ? (b === 0 ? "baseline " : "candidate ") : "";
        console.log(
          `${label}run ${i + 1}: first question ${(run.ms / 1000).toFixed(2)} s, JS ${(run.jsBytes / 1024).toFixed(0)} kB, Next live ${(run.liveMs / 1000).toFixed(2)} s, next page ${(run.nextPageMs / 1000).toFixed(2)} s`,
        );
      }
    }
    const all = runs.map(medians);
    if (all.length === 1) printMedians(all[0]!);
    else {
      const [base, cand] = all as [ReturnType<typeof medians>, ReturnType<typeof medians>];
      console.log(`baseline ${baselineDir}`);
      printMedians(base);
      console.log(`candidate ${clientDir}`);
      printMedians(cand);
      const ratio = (a: number, b: number) => (a / b).toFixed(2);
      console.log(
        `candidate / baseline: first question ${ratio(cand.ms, base.ms)}, JS ${ratio(cand.kb, base.kb)}, Next live ${ratio(cand.live, base.live)}, next page ${ratio(cand.next, base.next)}`,
      );
    }
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
