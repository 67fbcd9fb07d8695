import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { z } from "zod";
import type { AuthVia, Principal } from "../access/principal";
import type { Role } from "../shared/roles";
import {
  ForbiddenError,
  SetupRequiredError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type ErrorDetail,
} from "../errors";
import type { Locale } from "../shared/locales";
import { verifyCsrf } from "../middleware/csrf";
import type { RateLimiter } from "../middleware/rate-limit";

/** Who may call a route: anyone (residents, the login form) or the listed roles. */
export type RouteAuth = "public" | readonly Role[];

type AnySchema = z.ZodType;
type Infer<S> = S extends AnySchema ? z.infer<S> : undefined;

/** What a handler receives: trusted, parsed input, the request's locale and the caller. */
export interface RouteInput<P, Q, B, A extends RouteAuth = RouteAuth> {
  params: P;
  query: Q;
  body: B;
  locale: Locale;
  /** The caller; always present on a route that is not public, with one of its roles. */
  principal: A extends "public" ? Principal | undefined : Principal;
  req: Request;
}

/** The result of a handler: a status and a body that the response schema describes. */
export interface RouteResult<T> {
  status: number;
  body: T;
  headers?: Record<string, string>;
  /**
   * A file sent as a stream instead of `body` (exports): it writes to the
   * response and resolves when done, so memory stays flat however large the file.
   */
  stream?: (out: NodeJS.WritableStream) => Promise<void>;
}

/**
 * One API route, described once: Express runs it, the OpenAPI document is built
 * from it, and its zod schemas validate everything that crosses the edge.
 */
export interface RouteDef<
  P extends AnySchema | undefined = AnySchema | undefined,
  Q extends AnySchema | undefined = AnySchema | undefined,
  B extends AnySchema | undefined = AnySchema | undefined,
  R extends AnySchema = AnySchema,
  A extends RouteAuth = RouteAuth,
> {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tags: string[];
  /** Required on every route, so none is open by omission; the OpenAPI document shows it. */
  auth: A;
  /**
   * Open to a session that still owes account setup (TOTP enrolment, a new
   * password): reading the session, signing out, and the setup steps themselves.
   */
  duringSetup?: true;
  /**
   * For public routes reached with a survey token (an open link's slug, later a
   * personal link): the token, so each one is rate limited on its own as well as per address.
   */
  rateLimitToken?: (params: Infer<P>) => string;
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; schema: R; description: string };
  errors: number[];
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>, A>) => Promise<RouteResult<z.input<R>>>;
}

/** Declares a route with inferred types. */
export function defineRoute<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
  R extends AnySchema,
  const A extends RouteAuth,
>(def: RouteDef<P, Q, B, R, A>): RouteDef<P, Q, B, R, A> {
  return def;
}

/** Turns zod issues into the catalogue's details: a dotted path and a stable code. */
export function zodDetails(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    code: issue.code,
  }));
}

type ParsedPart = ReturnType<AnySchema["safeParse"]>;

function parsePart(
  schema: AnySchema | undefined,
  value: unknown,
  prefix: string,
  parsed: ParsedPart | undefined = schema?.safeParse(value),
): unknown {
  if (!parsed) return undefined;
  if (!parsed.success) throw new ValidationError(zodDetails(parsed.error, prefix));
  return parsed.data;
}

/** What every mounted route shares: the limiters of public routes. */
export interface MountOptions {
  limits: { perIp: RateLimiter; perToken: RateLimiter };
}

/** A token as its rate-limit bucket is keyed: SHA-256, not the stored token hash of a link. */
function bucketKeyOf(token: string): string {
  return createHash("sha256").update(`rate-limit:${token}`).digest("base64url");
}

function limit(limiter: RateLimiter, key: string, res: Response): void {
  const wait = limiter.take(key);
  if (wait > 0) {
    res.setHeader("Retry-After", String(wait));
    throw new TooManyRequestsError(wait);
  }
}

/**
 * Checks who may call the route, in this order: rate limits of public routes,
 * a caller at all (401), the caller's role (403), and for cookie sessions the
 * CSRF token of any request that changes something (403), and a session owing
 * account setup to the setup routes (403). Which authority's data
 * the caller then sees is `scopeFor` (server/access/scope.ts), in the services.
 */
function admit(
  def: RouteDef,
  req: Request,
  res: Response,
  options: MountOptions,
  params: ParsedPart | undefined,
): Principal | undefined {
  if (def.auth === "public") {
    limit(options.limits.perIp, `ip:${req.ip ?? "unknown"}`, res);
    if (def.rateLimitToken) {
      if (params?.success) {
        const token = (def.rateLimitToken as (p: unknown) => string)(params.data);
        // Hashed: buckets are stored (ratebuckets), and a personal link's token must
        // not sit there in the clear for anyone reading the database.
        limit(options.limits.perToken, `token:${bucketKeyOf(token)}`, res);
      }
    }
  }
  const principal = res.locals.principal as Principal | undefined;
  if (def.auth === "public") return principal;
  if (!principal) throw new UnauthenticatedError();
  if (!def.auth.includes(principal.role)) throw new ForbiddenError();
  if (res.locals.authVia === ("cookie" satisfies AuthVia) && principal.kind === "user") {
    verifyCsrf(req, principal.csrfToken);
    const step = principal.setup[0];
    if (step && !def.duringSetup)
      throw new SetupRequiredError(
        step === "totp-enrolment" ? "TOTP_ENROLMENT_REQUIRED" : "PASSWORD_CHANGE_REQUIRED",
      );
  }
  return principal;
}

/**
 * Runs a streamed result. Once bytes are out, an error can no longer become an
 * error body: the connection is cut instead, so a client never takes a
 * truncated file for a whole one.
 */
async function streamOut(
  res: Response,
  write: (out: NodeJS.WritableStream) => Promise<void>,
): Promise<void> {
  try {
    await write(res);
    res.end();
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  }
}

/**
 * Express's own router with each route registered by its method and path:
 * Express matches (any case, an optional trailing slash), decodes parameters
 * (400 for one that does not decode), serves HEAD from GET and answers OPTIONS
 * with the allowed methods. Declaration order is match order, and a request no
 * route takes passes on to what the app mounts next.
 */
export function routeRouter(routes: readonly RouteDef[], options: MountOptions): Router {
  const router = express.Router();
  for (const def of routes) router[def.method](def.path, routeHandler(def, options));
  return router;
}

/**
 * Runs one route on a request, with its access checks, rate limits and
 * validation, and returns its result without sending it. A page that carries
 * what an API route would answer (server/web/take-page.ts) runs the route itself
 * this way, so the two never differ and the page is limited as the API is.
 */
export async function runRoute(
  def: RouteDef,
  req: Request,
  res: Response,
  options: MountOptions,
): Promise<RouteResult<unknown>> {
  // The route's pattern, for an audited refusal (never the path with its ids and tokens).
  res.locals.route = def.path;
  // Parsed once: public routes' token limits key on a parameter before anything is checked.
  const params = def.params?.safeParse(req.params);
  const principal = admit(def, req, res, options, params);
  if (def.body && !req.is("application/json")) throw new UnsupportedMediaTypeError();
  const input = {
    params: parsePart(def.params, req.params, "params", params),
    query: parsePart(def.query, req.query, "query"),
    body: parsePart(def.body, req.body, "body"),
    locale: res.locals.locale as Locale,
    principal,
    req,
  };
  // The handler's generic types were checked where the route was defined.
  return (def.handler as (i: typeof input) => Promise<RouteResult<unknown>>)(input);
}

/** One route's handler: access checks, validation, the handler, and one error path. */
function routeHandler(def: RouteDef, options: MountOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const result = await runRoute(def, req, res, options);
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      if (result.stream) {
        res.status(result.status);
        await streamOut(res, result.stream);
        return;
      }
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    } catch (err) {
      next(err);
    }
  };
}
