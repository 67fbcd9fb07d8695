/**
 * The two kinds of survey link the respondent page serves: an open link
 * (`/take/<slug>`) and a personal SMS link (`/r/<token>`). A personal link is
 * keyed "r:<token>" wherever the page keys a survey (drafts, URLs), opens in the
 * contact's language unless the address says otherwise, and saves the answers
 * on the server at every page turn so the resident can resume on any device.
 */
import { postJson } from "../shared/api";
import { keptBallot } from "./ballot-store";

const PERSONAL = /^\/r\/([A-Za-z0-9_-]{43})\/?$/;

/**
 * Whether the address named a language when the page loaded. Read at import,
 * before the page writes ?lang= into the address.
 */
const explicitLang =
  typeof window !== "undefined" && new URLSearchParams(window.location.search).has("lang");

/** The slug of an open link's path, `/take/<slug>`; null for any other path. */
export function slugFromPath(pathname: string): string | null {
  const match = /^\/take\/([a-z0-9-]{2,60})\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

/** "r:<token>" for a personal link's path; null for any other path. */
export function personalKey(pathname: string): string | null {
  const match = PERSONAL.exec(pathname);
  return match ? `r:${match[1]}` : null;
}

const tokenOf = (key: string) => (key.startsWith("r:") ? key.slice(2) : null);

/** True when the survey's own locale should win over the page's first guess. */
export function followsContactLocale(key: string, firstLoad: boolean): boolean {
  return tokenOf(key) !== null && firstLoad && !explicitLang;
}

/** Where the survey is opened; a personal link's first load lets the server pick the language. */
export function openUrl(key: string, locale: string, firstLoad: boolean): string {
  const token = tokenOf(key);
  if (!token) {
    const ballot = keptBallot(key);
    const kept = ballot ? `&ballot=${encodeURIComponent(ballot)}` : "";
    return `/api/take/${key}?lang=${locale}${kept}`;
  }
  return followsContactLocale(key, firstLoad)
    ? `/api/r/${token}`
    : `/api/r/${token}?lang=${locale}`;
}

/** Where the completed answers go. */
export function submitUrl(key: string): string {
  const token = tokenOf(key);
  return token ? `/api/r/${token}/responses` : `/api/take/${encodeURIComponent(key)}/responses`;
}

/** Answers saved on the server for a personal link, if the survey came with them. */
export function serverDraft(
  open: object,
): { answers: Record<string, unknown>; pageNo: number } | null {
  const progress = (
    open as { progress?: { answers: Record<string, unknown>; pageNo: number } | null }
  ).progress;
  return progress && Object.keys(progress.answers).length > 0 ? progress : null;
}

/** Saves the answers so far of a personal link (best effort: the local draft stays too). */
export function saveProgress(key: string, answers: Record<string, unknown>, pageNo: number): void {
  const token = tokenOf(key);
  if (!token || Object.keys(answers).length === 0) return;
  postJson(`/api/r/${token}/progress`, { answers, pageNo }).catch(() => undefined);
}

/**
 * Saves a personal link's answers as the page is left (tab hidden or closed),
 * so a half-answered page is not lost: a keepalive request outlives the page.
 */
export function saveProgressOnLeave(
  key: string,
  answers: Record<string, unknown>,
  pageNo: number,
): void {
  const token = tokenOf(key);
  if (!token || Object.keys(answers).length === 0) return;
  fetch(`/api/r/${token}/progress`, {
    method: "POST",
    keepalive: true,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ answers, pageNo }),
  }).catch(() => undefined);
}
