import { keptBallot } from "./ballot-store";
import { slugFromPath } from "./personal-link";
import type { OpenSurvey } from "./types";

/** The id of the `<script type="application/json">` the server puts the survey in. */
export const PRELOADED_ID = "kp-open";

/**
 * The survey the server drew the page with (server/web/take-page.ts): what the
 * survey API would have answered, so the page need not ask it again. Null on
 * a plain page (a link the server could not open: the API says why), and when
 * the server drew another arm of a split-ballot bridge than the one this device
 * was given before: the server cannot read the kept ballot, and a reload must
 * ask the same wording, so the page asks the API with it instead.
 */
export function readPreloaded(pathname: string): OpenSurvey | null {
  const text = document.getElementById(PRELOADED_ID)?.textContent;
  if (!text) return null;
  let open: OpenSurvey;
  try {
    open = JSON.parse(text) as OpenSurvey;
  } catch {
    return null;
  }
  const slug = slugFromPath(pathname);
  const kept = slug && open.ballot ? keptBallot(slug) : null;
  return kept && kept !== open.ballot ? null : open;
}
