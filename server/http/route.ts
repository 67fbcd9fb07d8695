import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import { UnsupportedMediaTypeError, ValidationError, type ErrorDetail } from "../errors";
import type { Locale } from "../i18n/locales";

type AnySchema = z.ZodType;
type Infer<S> = S extends AnySchema ? z.infer<S> : undefined;

/** What a handler receives: trusted, parsed input and the request's locale. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  locale: Locale;
  req: Request;
}

/** The result of a handler: a status and a body that the response schema describes. */
export interface RouteResult<T> {
  status: number;
  body: T;
  headers?: Record<string, string>;
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
> {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: { status: number; schema: R; description: string };
  errors: number[];
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>) => Promise<RouteResult<z.input<R>>>;
}

/** Declares a route with inferred types. */
export function defineRoute<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
  R extends AnySchema,
>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return def;
}

/** Turns zod issues into the catalogue's details: a dotted path and a stable code. */
export function zodDetails(error: z.ZodError, prefix: string): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join("."),
    code: issue.code,
  }));
}

function parsePart(schema: AnySchema | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodDetails(result.error, prefix));
  return result.data;
}

/** Mounts route definitions on a router, each wrapped in validation and one error path. */
export function mountRoutes(router: Router, routes: readonly RouteDef[]): void {
  for (const def of routes) {
    router[def.method](def.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (def.body && !req.is("application/json")) throw new UnsupportedMediaTypeError();
        const input = {
          params: parsePart(def.params, req.params, "params"),
          query: parsePart(def.query, req.query, "query"),
          body: parsePart(def.body, req.body, "body"),
          locale: res.locals.locale as Locale,
          req,
        };
        // The handler's generic types were checked where the route was defined.
        const result = await (def.handler as (i: typeof input) => Promise<RouteResult<unknown>>)(
          input,
        );
        for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
        res.status(result.status).json(result.body);
      } catch (err) {
        next(err);
      }
    });
  }
}
