import { emptyDispositionCounts, type DispositionCounts } from "./aapor";

/** The final disposition of one invitation, in the platform's words. */
export const DISPOSITIONS = [
  "complete",
  "partial",
  "break-off",
  "refusal",
  "non-contact",
  "ineligible",
  "unknown",
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * Each disposition's AAPOR code (Standard Definitions 2023, internet surveys
 * of specifically named persons, with an SMS invitation): 1.1 I, 1.2 P,
 * 2.12 break-off and 2.11 refusal both R, 2.20 NC, 4.31 non-working number NE,
 * 3.1x UO. See docs/methods.md, section 8, for why each goes where it goes.
 */
export const AAPOR_CODE: Record<Disposition, keyof DispositionCounts> = {
  complete: "I",
  partial: "P",
  "break-off": "R",
  refusal: "R",
  "non-contact": "NC",
  ineligible: "NE",
  unknown: "UO",
};

/** What is known of one invitation at the end (or so far) of fieldwork. */
export interface InvitationFacts {
  invited: boolean;
  /** A delivery receipt came back for one of its messages. */
  delivered: boolean;
  opened: boolean;
  started: boolean;
  completed: boolean;
  bounced: boolean;
  optedOut: boolean;
  /** The page the resident's saved answers reached (0-based), or null. */
  pageReached: number | null;
}

/**
 * Pages a resident must have got past for a started, unfinished response to be
 * a partial rather than a break-off: half of the instrument's pages, rounded
 * up (AAPOR leaves the threshold to the survey and asks that it be stated;
 * half is the middle of the 50–80% it cites as usual).
 */
export function partialThreshold(pages: number): number {
  return Math.max(1, Math.ceil(pages / 2));
}

/**
 * The one final disposition of an invitation, the first that holds of:
 * complete; partial (started, got past `partialFrom` pages); refusal (the
 * number opted out: STOP, or staff on the resident's request); break-off
 * (opened the link, or started, and stopped before a partial); ineligible
 * (the number bounced: not a working number, so not a member of the frame);
 * non-contact (delivered, never opened); unknown (never sent, or sent with no
 * delivery receipt and no sign of life).
 */
export function classifyInvitation(f: InvitationFacts, partialFrom: number): Disposition {
  if (f.completed) return "complete";
  if (f.started && f.pageReached !== null && f.pageReached >= partialFrom) return "partial";
  if (f.optedOut) return "refusal";
  if (f.opened || f.started) return "break-off";
  if (f.bounced) return "ineligible";
  if (f.invited && f.delivered) return "non-contact";
  return "unknown";
}

/** How many invitations ended in each disposition. */
export type DispositionTally = Record<Disposition, number>;

/** A tally with every disposition zero. */
export function emptyTally(): DispositionTally {
  return Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as DispositionTally;
}

/** AAPOR's counts from a tally of the platform's dispositions. */
export function aaporCounts(tally: DispositionTally): DispositionCounts {
  const c = emptyDispositionCounts();
  for (const d of DISPOSITIONS) c[AAPOR_CODE[d]] += tally[d];
  return c;
}
