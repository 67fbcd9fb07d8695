import type { Page, Request } from "playwright-core";

/** How long the page must have no request in flight to count as settled. */
const QUIET_MS = 150;

/** The requests of one page in flight, from the moment it is watched. */
export interface NetworkWatch {
  /**
   * Resolves once the page has had no request in flight for a moment: the
   * screen's reads and the code it loaded lazily have all answered.
   * Playwright's "networkidle" waits half a second of quiet after a full load
   * only; this also follows a screen the client's router opened without a load.
   */
  settled(timeoutMs?: number): Promise<void>;
}

/** Starts counting `page`'s requests in flight; watch before the step that sends them. */
export function watchNetwork(page: Page): NetworkWatch {
  const inFlight = new Set<Request>();
  page.on("request", (r) => inFlight.add(r));
  page.on("requestfinished", (r) => inFlight.delete(r));
  page.on("requestfailed", (r) => inFlight.delete(r));
  return {
    async settled(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let quietSince = Date.now();
      while (inFlight.size > 0 || Date.now() - quietSince < QUIET_MS) {
        if (Date.now() > deadline)
          throw new Error(
            `still loading after ${timeoutMs} ms: ${[...inFlight].map((r) => r.url()).join(", ")}`,
          );
        await page.waitForTimeout(25);
        if (inFlight.size > 0) quietSince = Date.now();
      }
    },
  };
}
