import { z } from "zod";
import type { Store } from "../db/store";
import { defineRoute } from "../http/route";

const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  uptimeSeconds: z.number(),
  store: z.object({
    kind: z.enum(["embedded", "mongodb"]),
    state: z.enum(["connected", "connecting", "disconnected"]),
    embedded: z
      .object({
        state: z.enum(["running", "closing", "closed"]),
        databases: z.number(),
        collections: z.number(),
        documents: z.number(),
        journalBytes: z.number(),
      })
      .optional(),
  }),
});

/** Liveness and the store in use; 503 while the store is not connected. */
export function healthRoutes(store: Pick<Store, "health">, version: string) {
  return [
    defineRoute({
      method: "get",
      path: "/api/health",
      summary: "Service health and the store in use",
      tags: ["operations"],
      auth: "public",
      response: { status: 200, schema: healthSchema, description: "Healthy (503 when not)" },
      errors: [],
      handler: async () => {
        const s = store.health();
        const ok = s.state === "connected";
        return {
          status: ok ? 200 : 503,
          body: {
            status: ok ? ("ok" as const) : ("degraded" as const),
            version,
            uptimeSeconds: Math.round(process.uptime()),
            store: s,
          },
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
  ];
}
