import { estimateEligibility } from "../analytics/aapor";
import { aaporCounts, emptyTally, type Disposition } from "../analytics/dispositions";
import {
  DEFAULT_MIN_RESPONDENTS,
  nonResponseClasses,
  type AdjustmentCell,
} from "../analytics/nonresponse-classes";
import { FRAME_VARIABLES, frameValues, type ResponseFrame } from "../responses/frame";

/**
 * A wave's non-response adjustment classes (docs/methods.md, section 3), made
 * from its SMS invitations: every invitation is a sampled case with its frame
 * cell (the list's language and neighbourhood), base weight 1 (the platform
 * invites the whole list it is given), eligibility 1 when known eligible
 * (every disposition but the two below), 0 for an undeliverable number and
 * AAPOR's e (estimated from the wave's dispositions, as its rates take it) for
 * a case of unknown eligibility; a complete is a respondent.
 */
export interface WaveNonResponse {
  /** The adjustment class of a response's frame text; undefined when it has none. */
  classOf(frame: string): string | undefined;
  /** Each class's eligible sum (Σ eligibility over the invitations in it). */
  eligible: ReadonlyMap<string, number>;
  /** The classes, as the frame gave them (respondents are completed invitations). */
  cells: readonly AdjustmentCell[];
}

/** What one invitation says of the frame: its cell and its disposition. */
export interface FrameCase {
  frame: ResponseFrame;
  disposition: Disposition;
}

/**
 * The classes of a wave's invitations; null when none of them completed (there
 * is nobody to adjust).
 */
export function waveNonResponse(
  invitations: readonly FrameCase[],
  minRespondents = DEFAULT_MIN_RESPONDENTS,
): WaveNonResponse | null {
  if (!invitations.some((i) => i.disposition === "complete")) return null;
  const tally = emptyTally();
  for (const i of invitations) tally[i.disposition] += 1;
  const e = estimateEligibility(aaporCounts(tally));
  const classes = nonResponseClasses(
    invitations.map((i) => ({
      frame: { language: i.frame.language, neighbourhood: i.frame.neighbourhood },
      baseWeight: 1,
      eligibility: i.disposition === "ineligible" ? 0 : i.disposition === "unknown" ? e : 1,
      responded: i.disposition === "complete",
    })),
    FRAME_VARIABLES,
    minRespondents,
  );
  return nonResponseOfCells(classes.cells);
}

/** A wave's non-response classes from their cells (as made above, or as stored). */
export function nonResponseOfCells(cells: readonly AdjustmentCell[]): WaveNonResponse {
  return {
    classOf(text) {
      const values = frameValues(text);
      if (!values) return undefined;
      // The classes partition the frame by its first variables: one matches.
      return cells.find((c) => Object.entries(c.values).every(([k, v]) => values[k] === v))?.key;
    },
    eligible: new Map(cells.map((c) => [c.key, c.eligibleSum])),
    cells,
  };
}

/** How a wave's weights took non-response into account, for its disclosure block. */
export interface NonResponseStep {
  applied: boolean;
  /**
   * Why not: noFrame, nobody was invited from a list (or nobody invited
   * answered); frameNotRecorded, some responses carry no frame cell (open link
   * or kiosk answers, or stored before responses recorded it and not
   * recoverable since).
   */
  reason: "noFrame" | "frameNotRecorded" | null;
  /** The frame variables the classes split by (none: one class for the whole list). */
  variables: string[];
  /** Each class: its frame values, invitations, eligible sum, respondents and factor. */
  cells: Array<{
    values: Record<string, string>;
    invitations: number;
    eligible: number;
    respondents: number;
    factor: number;
  }>;
}

/** The step's record when it was not applied. */
export const notApplied = (reason: "noFrame" | "frameNotRecorded"): NonResponseStep => ({
  applied: false,
  reason,
  variables: [],
  cells: [],
});

/**
 * Each respondent's class for the weighting pipeline, or a reason the wave
 * cannot be adjusted: it has no classes, or a response's frame falls in none.
 */
export function respondentClasses(
  frames: readonly string[],
  nonResponse: WaveNonResponse | null | undefined,
): { cells: string[]; step: NonResponseStep } | { cells: null; step: NonResponseStep } {
  if (!nonResponse) return { cells: null, step: notApplied("noFrame") };
  const cells: string[] = [];
  for (const f of frames) {
    const c = nonResponse.classOf(f);
    if (c === undefined) return { cells: null, step: notApplied("frameNotRecorded") };
    cells.push(c);
  }
  const respondents = new Map<string, number>();
  for (const c of cells) respondents.set(c, (respondents.get(c) ?? 0) + 1);
  const used = nonResponse.cells.filter((c) => respondents.has(c.key));
  return {
    cells,
    step: {
      applied: true,
      reason: null,
      variables: FRAME_VARIABLES.filter((v) => used.some((c) => v in c.values)),
      cells: used.map((c) => ({
        values: { ...c.values },
        invitations: c.sampled,
        eligible: c.eligibleSum,
        respondents: respondents.get(c.key)!,
        factor: c.eligibleSum / respondents.get(c.key)!,
      })),
    },
  };
}
