/**
 * Answers kept in sessionStorage until the server acknowledges them, so a
 * reload, a language switch or a failed send loses nothing. Session scope: a
 * shared phone does not keep one resident's answers for the next.
 */
export interface Draft {
  answers: Record<string, unknown>;
  pageNo: number;
  /** Made at the first send attempt and reused by every retry, so the server stores it once. */
  submissionId?: string;
}

const key = (slug: string) => `kp:take:${slug}`;

export function loadDraft(slug: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(key(slug));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    if (!parsed || typeof parsed.answers !== "object" || parsed.answers === null) return null;
    return {
      answers: parsed.answers,
      pageNo: typeof parsed.pageNo === "number" ? parsed.pageNo : 0,
      submissionId: typeof parsed.submissionId === "string" ? parsed.submissionId : undefined,
    };
  } catch {
    return null; // storage disabled (private mode) or corrupt: start afresh
  }
}

export function saveDraft(slug: string, draft: Draft): void {
  try {
    window.sessionStorage.setItem(key(slug), JSON.stringify(draft));
  } catch {
    // storage full or disabled: answers still live in memory for this page
  }
}

export function clearDraft(slug: string): void {
  try {
    window.sessionStorage.removeItem(key(slug));
  } catch {
    // nothing to clear
  }
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (https, localhost). */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
