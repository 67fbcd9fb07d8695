import { ApiError, getJson, NETWORK_ERROR } from "../../../shared/api";
import type { SessionInfo } from "../../session";

/** The wave pages' API shapes, from the server's zod schemas (type-only imports). */
export type {
  Readiness,
  ReadinessCheck,
  ReadinessCode,
  WaveList,
  WaveOptions,
  WaveView,
} from "../../../../server/waves/schema";
export type { SmsDraft, SmsProblem } from "../../../../server/shared/sms/sms-draft";

/** One problem with a field, as the server's 400 and 409 answers point at it. */
export interface FieldIssue {
  path: string;
  code: string;
}

/** An API error that keeps the server's per-field details, so forms show them by their fields. */
export class DetailedApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: FieldIssue[],
  ) {
    super(status, code, message);
  }
}

let csrf: Promise<string> | null = null;

/** The session's CSRF token (the shell already asked for the session; this asks once more at most). */
function csrfToken(): Promise<string> {
  csrf ??= getJson<SessionInfo>("/api/auth/session").then((s) => s.csrfToken);
  return csrf;
}

/** Sends JSON with the CSRF token and reads JSON back; errors keep their field details. */
export async function sendJson<T>(
  method: "POST" | "PATCH" | "PUT",
  url: string,
  body: unknown,
): Promise<T> {
  const token = await csrfToken();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CSRF-Token": token,
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new DetailedApiError(0, NETWORK_ERROR, "", []);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } })
      ?.error;
    throw new DetailedApiError(
      res.status,
      typeof error?.code === "string" ? error.code : "INTERNAL",
      typeof error?.message === "string" ? error.message : "",
      Array.isArray(error?.details) ? (error.details as FieldIssue[]) : [],
    );
  }
  return json as T;
}

/** The server's field issues of a failed request, by path without `body.` (`closesAt`, `name.he`). */
export function fieldIssues(err: unknown): FieldIssue[] {
  if (!(err instanceof DetailedApiError)) return [];
  return err.details.map((d) => ({ path: d.path.replace(/^body\./, ""), code: d.code }));
}

/** Codes of the issues at a field or inside it (`smsTemplates` takes `smsTemplates.invitation.he`). */
export function issuesAt(issues: readonly FieldIssue[], field: string): string[] {
  return issues
    .filter((i) => i.path === field || i.path.startsWith(`${field}.`))
    .map((i) => i.code);
}
