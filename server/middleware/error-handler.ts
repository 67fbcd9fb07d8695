import type { NextFunction, Request, Response } from "express";
import mongoose from "mongoose";
import type { Logger } from "pino";
import {
  AppError,
  ConflictError,
  InternalError,
  MalformedJsonError,
  MalformedPathError,
  NotFoundError,
  PayloadTooLargeError,
  StorageFullError,
  StoreUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../errors";
import type { Principal } from "../access/principal";
import { audit } from "../audit/service";
import { errorBody } from "../http/error-body";
import { loggableUrl } from "../http/log-serializers";
import { DEFAULT_LOCALE, type RespondentLocale } from "../shared/locales";
import type { Translate } from "../i18n/translator";

/** MongoDB's code for a write refused because the disk is full. */
const OUT_OF_DISK_SPACE = 14031;

interface BodyParserError {
  type?: string;
  limit?: number;
}

/** Maps anything thrown below the routes onto the error catalogue. */
export function toAppError(err: unknown, maxBodyBytes: number): AppError {
  if (err instanceof AppError) return err;
  const bp = err as BodyParserError;
  if (bp && typeof bp === "object" && typeof bp.type === "string") {
    if (bp.type === "entity.parse.failed") return new MalformedJsonError();
    if (bp.type === "entity.too.large") return new PayloadTooLargeError(bp.limit ?? maxBodyBytes);
    if (bp.type === "encoding.unsupported" || bp.type === "charset.unsupported")
      return new UnsupportedMediaTypeError();
  }
  // A path parameter that does not decode (server/http/route.ts marks it 400).
  if (err instanceof URIError) return new MalformedPathError();
  if (err instanceof mongoose.Error.CastError) return new NotFoundError();
  if (err instanceof mongoose.Error.ValidationError) {
    return new ValidationError(
      Object.values(err.errors).map((e) => ({ path: e.path, code: e.kind })),
    );
  }
  const code = (err as { code?: unknown })?.code;
  if (code === 11000) return new ConflictError();
  if (code === OUT_OF_DISK_SPACE) return new StorageFullError();
  const name = (err as { name?: unknown })?.name;
  if (
    typeof name === "string" &&
    /^Mongo(NetworkError|NotConnectedError|ServerSelectionError|TopologyClosedError)/.test(name)
  ) {
    return new StoreUnavailableError();
  }
  return new InternalError();
}

/**
 * Writes a refused request (403: a role without access, a failed CSRF check, a
 * session that owes account setup) to the audit log: who, which route (its
 * pattern, so no token or id of the path is kept), and the code. A failure to
 * write it is logged; the refusal stands either way.
 */
async function auditDenial(req: Request, res: Response, error: AppError, logger: Logger) {
  const principal = res.locals.principal as Principal | undefined;
  const route = (res.locals.route as string | undefined) ?? loggableUrl(req.originalUrl);
  try {
    await audit({
      action: "access.denied",
      actor: principal ?? "anonymous",
      target: { kind: "route", id: `${req.method} ${route}` },
      authorityId: principal?.authorityId ?? null,
      ip: req.ip,
      details: { code: error.code },
    });
  } catch (auditError) {
    logger.error({ err: auditError, code: error.code }, "access denial not audited");
  }
}

/**
 * The one error middleware: stable code, translated message, never a stack
 * trace; refusals (403) are audited first.
 */
export function errorHandler(translate: Translate, logger: Logger, maxBodyBytes: number) {
  return async (err: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    const appError = toAppError(err, maxBodyBytes);
    if (appError.status >= 500) {
      // The URL without its secrets: a 5xx on a personal link must not log the token.
      logger.error(
        { err, url: loggableUrl(req.originalUrl), code: appError.code },
        "request failed",
      );
    }
    if (appError.status === 403) await auditDenial(req, res, appError, logger);
    // A resident's Russian reads its messages in Russian (server/middleware/locale.ts).
    const locale: RespondentLocale =
      res.locals.messageLocale ?? res.locals.locale ?? DEFAULT_LOCALE;
    const body = errorBody(
      appError.code,
      translate(locale, appError.code, appError.params),
      appError.details,
    );
    if (res.headersSent) {
      res.end();
      return;
    }
    // A refusal that says when to come back (a spent budget, a lock) says it in the header too.
    const retryAfter = (appError as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === "number" && !res.hasHeader("Retry-After"))
      res.setHeader("Retry-After", String(retryAfter));
    res.status(appError.status).json(body);
  };
}
