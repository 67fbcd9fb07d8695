import type { Types } from "mongoose";
import type { AnalyticsScope } from "../results/analytics-scope";
import type { Principal } from "../access/principal";
import { scopeFor } from "../access/scope";
import { audit, type AuditInput } from "../audit/service";
import { Authority } from "../authorities/model";
import { NotFoundError } from "../errors";
import type { Locale } from "../shared/locales";
import { writeCsv } from "./csv-writer";
import { startJob } from "./export-jobs";
import { planExport } from "./rows";
import { writeSav } from "./sav-writer";
import { writeXlsx } from "./xlsx-writer";

/** File formats of the responses export. */
export const RESPONSE_FORMATS = ["csv", "xlsx", "sav"] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/** Who asked for an export: a signed-in person, or the command line (the system). */
export interface ExportActor {
  principal: Principal | undefined;
  ip?: string;
  via: "api" | "cli";
}

/** Progress of a long export: rows written of the total. */
export type Progress = (done: number, total: number) => void;

/**
 * The authorities an export covers: one by slug, or all (null). Unknown slugs are
 * 404, and so is any authority but their own for a role bound to one authority
 * (indistinguishable from one that does not exist).
 */
export async function authoritiesFor(
  slug: string,
  principal?: Principal,
): Promise<{ ids: Types.ObjectId[] | null; authorityId: Types.ObjectId | null }> {
  const scope = principal ? scopeFor(principal, "_id") : {};
  if (slug === "all") {
    if (Object.keys(scope).length > 0) throw new NotFoundError();
    return { ids: null, authorityId: null };
  }
  const a = await Authority.findOne({ slug, ...scope }, { _id: 1 }).lean();
  if (!a) throw new NotFoundError();
  return { ids: [a._id], authorityId: a._id };
}

/** MIME type and file extension of each format. */
export const FILE_TYPES: Record<ResponseFormat | "md", { mime: string; ext: string }> = {
  csv: { mime: "text/csv; charset=utf-8", ext: "csv" },
  xlsx: {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ext: "xlsx",
  },
  sav: { mime: "application/x-spss-sav", ext: "sav" },
  md: { mime: "text/markdown; charset=utf-8", ext: "md" },
};

/** Writes the audit event of an export; awaited before any byte leaves. */
export async function auditExport(
  actor: ExportActor,
  action: AuditInput["action"],
  authorityId: Types.ObjectId | null,
  details: Record<string, unknown>,
): Promise<void> {
  await audit({
    action,
    actor: actor.principal,
    target: { kind: "authority", id: authorityId?.toHexString() ?? "all" },
    authorityId,
    ip: actor.ip,
    details: { ...details, via: actor.via },
  });
}

/**
 * The responses export (one row per response, see server/exports/layout.ts) of
 * one authority or all, as CSV, XLSX or SPSS .sav. The export is audit-logged
 * before anything is written: response-level data whose reading cannot be
 * recorded is not handed out. Rows stream one wave at a time.
 */
export async function exportResponses(
  analytics: AnalyticsScope,
  out: NodeJS.WritableStream,
  request: { authority: string; format: ResponseFormat; locale: Locale; job?: string },
  actor: ExportActor,
  progress?: Progress,
): Promise<{ rows: number; columns: number }> {
  const { ids, authorityId } = await authoritiesFor(request.authority);
  const plan = await planExport(analytics, ids, request.locale);
  await auditExport(actor, "responses.exported", authorityId, {
    format: request.format,
    rows: plan.total,
    columns: plan.columns.length,
  });
  const tracker =
    request.job && actor.principal
      ? await startJob(request.job, actor.principal, request, plan.total)
      : undefined;
  let done = 0;
  const onRow = () => {
    done += 1;
    if (done % 500 === 0 || done === plan.total) {
      progress?.(done, plan.total);
      tracker?.progress(done, plan.total);
    }
  };
  try {
    if (request.format === "csv") await writeCsv(out, plan.columns, plan.rows(), onRow);
    else if (request.format === "xlsx")
      await writeXlsx(
        out,
        [{ name: "responses", columns: plan.columns, rows: plan.rows() }],
        onRow,
      );
    else
      await writeSav(out, plan.columns, plan.rows(), {
        cases: plan.total,
        label: `Kehila Pulse responses: ${request.authority}`,
        onRow,
      });
  } catch (err) {
    await tracker?.finish("failed", done);
    throw err;
  }
  await tracker?.finish("done", done);
  return { rows: done, columns: plan.columns.length };
}
