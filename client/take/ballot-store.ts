/**
 * The split-ballot ballot of an open link (server/take/ballot.ts): the first one
 * the server hands this device for a link is kept and sent back when the page
 * loads again and with the answers, so a reload asks the same wording and the
 * answers are filed under the arm that was asked. Waves without a bridge hand
 * out none, and nothing is kept.
 */
const key = (slug: string) => `kp:ballot:${slug}`;

/** The ballot kept for this open link, if any. */
export function keptBallot(slug: string): string | null {
  try {
    return window.localStorage.getItem(key(slug));
  } catch {
    return null; // storage disabled: each load draws again
  }
}

/** Keeps the survey's ballot for this open link (a survey without one keeps nothing). */
export function keepBallot(slug: string, open: { ballot?: string }): void {
  if (!open.ballot) return;
  try {
    window.localStorage.setItem(key(slug), open.ballot);
  } catch {
    // storage disabled: the answers still carry this page's ballot
  }
}
