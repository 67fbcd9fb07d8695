import { z } from "zod";
import type { RouteDef } from "./route";
import { errorBodySchema } from "./error-body";

type JsonObject = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: "Invalid input",
  404: "Not found",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
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
    paths[oaPath][r.method] = {
      summary: r.summary,
      tags: r.tags,
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
    components: { schemas: { Error: toSchema(errorBodySchema, "output") } },
  };
}
