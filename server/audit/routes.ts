import { z } from "zod";
import { defineRoute } from "../http/route";
import { AUDIT_ACTIONS, audit, listAuditEvents } from "./service";

const auditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  before: z.iso.datetime().optional().describe("Only events before this moment (paging)"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang: z.enum(["he", "ar", "en"]).optional(),
});

const auditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  action: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), role: z.string().nullable() }),
  target: z.object({ kind: z.string(), id: z.string().nullable() }),
  authorityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditRoutes = [
  defineRoute({
    method: "get",
    path: "/api/audit",
    summary: "The audit log, newest first (reading it is itself audited)",
    tags: ["admin"],
    auth: ["admin"],
    query: auditQuery,
    response: { status: 200, schema: z.array(auditEventSchema), description: "Audit events" },
    errors: [400, 401, 403],
    handler: async ({ query, principal, req }) => {
      const events = await listAuditEvents({
        action: query.action,
        before: query.before ? new Date(query.before) : undefined,
        limit: query.limit,
      });
      await audit({
        action: "audit.read",
        actor: principal,
        target: { kind: "audit" },
        ip: req.ip,
      });
      return { status: 200, body: events, headers: { "Cache-Control": "no-store" } };
    },
  }),
];
