import pino from "pino";
import type { Express } from "express";
import { createApp, type AppDeps } from "../../server/app";
import type { Config } from "../../server/config";
import type { TestStore } from "./store";

/**
 * The application over a test store, with silent logs. Rate limits are raised
 * so a test's own traffic from one address is not throttled (nor challenged or
 * flagged as stuffing on an open link); tests of the limits pass their own.
 * `deps` gives the app what it would otherwise make itself (its aggregate cache,
 * the stuffing guard's clock).
 */
export function testApp(
  t: TestStore,
  overrides: Partial<Config> = {},
  deps: Pick<AppDeps, "aggregates" | "now"> = {},
): Express {
  const config: Config = {
    ...t.config,
    rateLimit: { ipPerMinute: 1_000_000, tokenPerMinute: 1_000_000 },
    // Open links never ask for a proof of work nor flag one address's many answers.
    openLink: { challengeAfter: 0, challengeBits: 16, burstPerAddress: 1_000_000 },
    ...overrides,
  };
  return createApp({ ...deps, config, logger: pino({ level: "silent" }), store: t.store });
}
