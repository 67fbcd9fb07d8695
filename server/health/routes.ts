import { z } from "zod";
import type { Store } from "../db/store";
import { defineRoute } from "../http/route";

const storeSchema = z.object({
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
});

const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  uptimeSeconds: z.number().optional().describe("Admins only"),
  store: storeSchema.optional().describe("Admins only"),
});

/**
 * Liveness, 503 while the store is not connected. Anyone (a load balancer) learns
 * only up or not and the version; the store's kind, state and sizes go to admins,
 * since where the data lives and how much there is helps only an attacker.
 */
export function healthRoutes(store: Pick<Store, "health">, version: string) {
  return [
    defineRoute({
      method: "get",
      path: "/api/health",
      summary: "Service health; the store in use for admins",
      tags: ["operations"],
      auth: "public",
      response: { status: 200, schema: healthSchema, description: "Healthy (503 when not)" },
      errors: [],
      handler: async ({ principal }) => {
        const s = store.health();
        const ok = s.state === "connected";
        const admin = principal?.role === "admin";
        return {
          status: ok ? 200 : 503,
          body: {
            status: ok ? ("ok" as const) : ("degraded" as const),
            version,
            ...(admin
              ? {
                  uptimeSeconds: Math.round(process.uptime()),
                  // The data directory's path stays in the logs, not in an answer.
                  store: storeSchema.parse(s),
                }
              : {}),
          },
          headers: { "Cache-Control": "no-store" },
        };
      },
    }),
  ];
}
