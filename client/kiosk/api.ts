import type { OpenSurvey } from "../../server/take/schema";
import type { RespondentLocale } from "../shared/locale";
import { newSubmissionId } from "../take/draft-store";
import * as queue from "./offline-queue";
import {
  keepLanguages,
  offlineSurvey,
  rememberSurvey,
  spareForMissingArm,
  type KioskSurvey,
} from "./offline-surveys";

export type { OpenSurvey };
export { newSubmissionId };

const TOKEN_KEY = "kp:kiosk:token";

/** The device token the tablet received when it was paired. */
export const deviceToken = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** An answer from the server that is not a success: its status and stable code. */
export class KioskApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = deviceToken.get();
  const res = await fetch(path, {
    ...init,
    headers: {
      Accept: "application/json",
      ...(init.body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
  if (!res.ok) throw new KioskApiError(res.status, body?.error?.code ?? "INTERNAL");
  return body as T;
}

/** Exchanges a pairing code for the device token and keeps it. */
export async function pair(code: string, locale: string): Promise<void> {
  const res = await call<{ token: string; languages: RespondentLocale[] }>(
    `/api/kiosk/pair?lang=${locale}`,
    { method: "POST", body: JSON.stringify({ code }) },
  );
  deviceToken.set(res.token);
  keepLanguages(localStorage, res.languages);
}

/**
 * The kiosk's survey in a language. Copies are kept (client/kiosk/offline-surveys.ts),
 * so a tablet that lost its connection still starts a survey for the next
 * resident; in a wave with a bridge, each such resident gets a spare ballot of
 * their own, never the last resident's.
 */
export async function loadSurvey(locale: string, ballot?: string): Promise<OpenSurvey> {
  try {
    // A ballot keeps the resident's wording when they change language mid-survey.
    const kept = ballot ? `&ballot=${encodeURIComponent(ballot)}` : "";
    const survey = await call<KioskSurvey>(
      `/api/kiosk/survey?lang=${locale}&queued=${queue.pendingCount()}${kept}`,
    );
    rememberSurvey(localStorage, survey);
    void keepOtherArm(locale);
    const { spareBallots: _spares, ...open } = survey;
    void _spares;
    return open;
  } catch (err) {
    if (!(err instanceof KioskApiError && err.status < 500)) {
      const offline = offlineSurvey(localStorage, locale, ballot);
      if (offline) return offline;
    }
    throw err;
  }
}

/** Fetches the other arm's questionnaire once per language, so either arm can start offline. */
async function keepOtherArm(locale: string): Promise<void> {
  const spare = spareForMissingArm(localStorage, locale);
  if (!spare) return;
  try {
    const survey = await call<KioskSurvey>(
      `/api/kiosk/survey?lang=${locale}&ballot=${encodeURIComponent(spare)}`,
    );
    rememberSurvey(localStorage, survey);
  } catch {
    // Offline again: the next load tries once more.
  }
}

let flushing: Promise<void> | null = null;

/** Answers the server will never take: invalid ones, and those of a full quota cell. */
const refusedForGood = (err: KioskApiError) => err.status === 400 || err.code === "QUOTA_FULL";

/**
 * Sends every queued answer, oldest first. An acknowledged one (201, or 200 for
 * one stored before) leaves the queue; one the server refuses for good (400, or a
 * full quota cell) too, so it cannot block the rest; on no connection or a server
 * error it stays.
 */
export function flushQueue(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const item of await queue.pending()) {
        try {
          await call(`/api/kiosk/responses?lang=${item.locale}`, {
            method: "POST",
            body: JSON.stringify(item),
          });
          queue.remove(item.submissionId);
        } catch (err) {
          if (err instanceof KioskApiError && refusedForGood(err)) queue.remove(item.submissionId);
          else break;
        }
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/**
 * Tells the server the tablet is alive and how many answers wait in its queue,
 * so the workspace shows "last seen" and "queued answers" for this kiosk. A
 * tablet that cannot reach the server simply reports next time.
 */
export async function reportQueue(locale: string): Promise<void> {
  if (!deviceToken.get()) return;
  await call(`/api/kiosk/heartbeat?lang=${locale}`, {
    method: "POST",
    body: JSON.stringify({ queued: queue.pendingCount() }),
  });
}
