import type { RequestHandler } from "express";
import { z } from "zod";
import type { RouteDef } from "./route";
import { errorBodySchema } from "./error-body";

type JsonObject = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid input",
  401: "Not signed in (or wrong credentials)",
  403: "Role not allowed, or CSRF token missing",
  404: "Not found (also someone else's authority: ids are not probed)",
  410: "Closed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests (rate limit or login lockout)",
  503: "Store unavailable",
  507: "Insufficient storage",
};

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  delete (json as JsonObject).$schema;
  return json as JsonObject;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = toSchema(schema, "input") as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === "string" ? { description: s.description } : {}),
  }));
}

/** Who may call the operation, as OpenAPI security requirements plus the role list. */
function securityOf(r: RouteDef): JsonObject {
  if (r.auth === "public") return { security: [], "x-roles": ["public"] };
  const people = r.auth.filter((role) => role !== "kiosk");
  const mutation = r.method !== "get";
  const security: JsonObject[] = [];
  if (people.length > 0)
    security.push(mutation ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] });
  if (r.auth.includes("kiosk")) security.push({ kioskToken: [] });
  return { security, "x-roles": [...r.auth] };
}

/**
 * Builds the OpenAPI 3.1 document from the route definitions; nothing in it is
 * written by hand, so it cannot drift from what the server validates.
 */
export function buildOpenApi(routes: readonly RouteDef[], version: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const r of routes) {
    const oaPath = r.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const responses: Record<string, JsonObject> = {
      [String(r.response.status)]: {
        description: r.response.description,
        content: { "application/json": { schema: toSchema(r.response.schema, "output") } },
      },
    };
    for (const status of r.errors) {
      responses[String(status)] = {
        description: STATUS_TEXT[status] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[oaPath] ??= {};
    const errors = new Set(r.errors);
    if (r.auth !== "public") [401, 403].forEach((status) => errors.add(status));
    else errors.add(429);
    for (const status of errors) {
      responses[String(status)] ??= {
        description: STATUS_TEXT[status] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[oaPath][r.method] = {
      summary: r.summary,
      description:
        r.auth === "public"
          ? "Public (rate limited per address and per survey token)."
          : `Roles: ${r.auth.join(", ")}.`,
      tags: r.tags,
      ...securityOf(r),
      parameters: [...parametersOf(r.params, "path"), ...parametersOf(r.query, "query")],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: toSchema(r.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Kehila Pulse API", version },
    paths,
    components: {
      schemas: { Error: toSchema(errorBodySchema, "output") },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "kp_session",
          description:
            "Session cookie from POST /api/auth/login (`__Host-kp_session` in production)",
        },
        csrfToken: {
          type: "apiKey",
          in: "header",
          name: "X-CSRF-Token",
          description: "The session's csrfToken; required on every cookie-authenticated mutation",
        },
        kioskToken: {
          type: "http",
          scheme: "bearer",
          description: "A kiosk device token (kd_...), issued by a coordinator",
        },
      },
    },
  };
}

/**
 * Serves the OpenAPI document, built on its first request and kept: converting
 * every route's schemas is work an app that is never asked for its document
 * (a worker, a test) should not do when it is created.
 */
export function openApiHandler(routes: readonly RouteDef[], version: string): RequestHandler {
  let document: JsonObject | undefined;
  return (_req, res) => {
    document ??= buildOpenApi(routes, version);
    res.json(document);
  };
}
