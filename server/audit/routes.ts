import { z } from "zod";
import { Authority } from "../authorities/model";
import { defineRoute } from "../http/route";
import { objectId } from "../shared/schemas";
import { Types } from "mongoose";
import { countAuditEvents, writeAuditCsv } from "./csv";
import { AUDIT_ACTIONS, audit, listAuditEvents, type AuditFilter } from "./service";

/** A day (the start of it, UTC) or a moment. */
const moment = z.union([z.iso.date(), z.iso.datetime()]);

const auditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: objectId.optional().describe("Only events by this account"),
  authority: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/)
    .optional()
    .describe("Only events of this authority (its slug)"),
  from: moment.optional().describe("Only events at or after this day or moment"),
  to: moment.optional().describe("Only events before this moment; a day includes that whole day"),
  personal: z
    .enum(["true", "false"])
    .optional()
    .describe("true: only reads and exports of personal data; false: only the rest"),
  before: z.iso.datetime().optional().describe("Only events before this moment (paging)"),
  beforeId: objectId
    .optional()
    .describe("With before: the last event seen, so events of the same moment are not skipped"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang: z.enum(["he", "ar", "en"]).optional(),
});

/** The file takes the list's filters; it holds every matching event, so no paging. */
const auditCsvQuery = auditQuery.omit({ before: true, beforeId: true, limit: true });

const auditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  action: z.string(),
  personal: z.boolean().describe("A read or export of personal data"),
  actor: z.object({
    kind: z.string(),
    id: z.string().nullable(),
    role: z.string().nullable(),
    email: z.string().nullable(),
  }),
  target: z.object({ kind: z.string(), id: z.string().nullable() }),
  authorityId: z.string().nullable(),
  authoritySlug: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** The end of a `to` filter: a bare day means up to the end of that day. */
function endOf(to: string): Date {
  const date = new Date(to);
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(date.getTime() + 86_400_000) : date;
}

async function authorityIdOf(slug: string | undefined) {
  if (!slug) return undefined;
  // An unknown slug filters everything out rather than failing the screen.
  return (await Authority.findOne({ slug }, { _id: 1 }).lean())?._id ?? null;
}

/** The filters both the list and the file share, as the service takes them. */
async function filterOfQuery(
  query: z.infer<typeof auditCsvQuery>,
): Promise<Omit<AuditFilter, "limit">> {
  return {
    action: query.action,
    actorId: query.actor,
    authorityId: await authorityIdOf(query.authority),
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? endOf(query.to) : undefined,
    personal: query.personal === undefined ? undefined : query.personal === "true",
  };
}

export const auditRoutes = [
  defineRoute({
    method: "get",
    path: "/api/audit",
    summary: "The audit log, newest first, filtered (reading it is itself audited)",
    tags: ["admin"],
    auth: ["admin"],
    query: auditQuery,
    response: { status: 200, schema: z.array(auditEventSchema), description: "Audit events" },
    errors: [400, 401, 403],
    handler: async ({ query, principal, req }) => {
      const events = await listAuditEvents({
        ...(await filterOfQuery(query)),
        before: query.before ? new Date(query.before) : undefined,
        beforeId: query.beforeId ? new Types.ObjectId(query.beforeId) : undefined,
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
  defineRoute({
    method: "get",
    path: "/api/audit.csv",
    summary: "Every audit event the filters match, as CSV (the download is itself audited)",
    tags: ["admin"],
    auth: ["admin"],
    query: auditCsvQuery,
    response: {
      status: 200,
      schema: z.string().describe("The file (streamed; not JSON)"),
      description: "CSV, UTF-8 with BOM, newest event first",
    },
    errors: [400, 401, 403],
    handler: async ({ query, principal, req, locale }) => {
      const filter = await filterOfQuery(query);
      // The file is the log as it stood now; its own record and later events stay out.
      const asOf = new Date();
      const rows = await countAuditEvents(filter, asOf);
      const own = await audit({
        action: "audit.exported",
        actor: principal,
        target: { kind: "audit" },
        authorityId: filter.authorityId,
        ip: req.ip,
        details: {
          rows,
          filters: Object.fromEntries(
            Object.entries(query).filter(([k, v]) => k !== "lang" && v !== undefined),
          ),
        },
      });
      return {
        status: 200,
        body: "",
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="audit-${asOf.toISOString().slice(0, 10)}.csv"`,
          "Cache-Control": "no-store",
        },
        stream: (out) => writeAuditCsv(out, filter, asOf, own, query.lang ?? locale),
      };
    },
  }),
];
