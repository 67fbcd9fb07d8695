/**
 * The access matrix's cases of a wave's quota routes (server/quotas/routes.ts),
 * spread into test/helpers/route-table.ts.
 */
import type { RouteCase } from "../helpers/route-table";

const READERS = ["admin", "researcher", "authority-analyst", "authority-coordinator"] as const;

export const QUOTA_CASES: RouteCase[] = [
  {
    method: "get",
    path: "/api/authorities/{slug}/waves/{waveId}/quotas",
    allowed: READERS,
    scoped: true,
    build: async (w, t) => ({ path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/quotas` }),
  },
  {
    method: "put",
    path: "/api/authorities/{slug}/waves/{waveId}/quotas",
    allowed: ["admin", "researcher"],
    scoped: true,
    // No quotas: allowed callers change nothing the other cases read.
    build: async (w, t) => ({
      path: `/api/authorities/${w[t].slug}/waves/${w[t].waveId}/quotas`,
      body: { quotas: [] },
    }),
  },
];
