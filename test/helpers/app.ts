import pino from "pino";
import type { Express } from "express";
import { createApp } from "../../server/app";
import type { TestStore } from "./store";

/** The application over a test store, with silent logs. */
export function testApp(t: TestStore): Express {
  return createApp({ config: t.config, logger: pino({ level: "silent" }), store: t.store });
}
