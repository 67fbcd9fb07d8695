import pino, { type Logger } from "pino";
import type { Config } from "./config";

/** Structured JSON logs. Credentials and personal links never reach a log line. */
export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "kehila-pulse" },
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      censor: "[redacted]",
    },
  });
}
