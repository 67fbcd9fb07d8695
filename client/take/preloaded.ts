import type { OpenSurvey } from "./types";

/** The id of the `<script type="application/json">` the server puts the survey in. */
export const PRELOADED_ID = "kp-open";

/**
 * The survey the server drew the page with (server/web/take-page.ts): what the
 * survey API would have answered, so the page need not ask it again. Null on
 * a plain page (a link the server could not open: the API says why).
 */
export function readPreloaded(): OpenSurvey | null {
  const text = document.getElementById(PRELOADED_ID)?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as OpenSurvey;
  } catch {
    return null;
  }
}
