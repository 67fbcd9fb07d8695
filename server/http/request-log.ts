import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { Principal } from "../access/principal";
import { httpLogSerializers } from "./log-serializers";

/**
 * Who made the request, by id only: a person's account id or a kiosk's device id,
 * never an email, a name or a phone number (the log is not a personal-data store).
 */
function callerOf(principal: Principal | undefined): { userId?: string; kioskId?: string } {
  if (!principal) return {};
  return principal.kind === "user" ? { userId: principal.id } : { kioskId: principal.id };
}

/**
 * One log line per finished request: method, cleaned path, status, time and the
 * caller's id (server/http/log-serializers.ts keeps secrets and headers out). Nothing is
 * built for a request whose line the log level would drop, so a busy server at
 * LOG_LEVEL=warn pays one timestamp per request; a 5xx is always logged.
 */
export function requestLog(logger: Logger, ignore: (url: string) => boolean): RequestHandler {
  let counter = 0;
  return (req, res, next) => {
    const url = req.originalUrl;
    if (ignore(url)) return next();
    const started = performance.now();
    const id = (counter = (counter + 1) % Number.MAX_SAFE_INTEGER);
    // "close" comes after the last byte went out, and also when the client gave up first.
    res.once("close", () => {
      const status = res.statusCode;
      const aborted = !res.writableFinished;
      const level = status >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const fields = {
        req: httpLogSerializers.req(Object.assign(req as IncomingMessage, { id })),
        res: httpLogSerializers.res(res as ServerResponse),
        responseTime: Math.round(performance.now() - started),
        ...callerOf(res.locals.principal as Principal | undefined),
      };
      const message = aborted
        ? "request aborted"
        : status >= 500
          ? "request failed"
          : "request completed";
      logger[level](fields, message);
    });
    next();
  };
}
