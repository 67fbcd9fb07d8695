import { z } from "zod";
import { BallotInvalidError } from "../errors";
import { BALLOT_PATTERN, newBallotKey, type Ballots } from "./ballot";

/** `?ballot=`: the ballot a page kept, so a reload asks the same wording. */
export const ballotQuery = {
  ballot: z
    .string()
    .regex(BALLOT_PATTERN)
    .optional()
    .describe("The ballot kept from an earlier load, in a wave with a split-ballot bridge"),
};

/**
 * The ballot key of a load of the survey: the one the page kept, else a new one.
 * A kept ballot this server did not sign (a secret rotated since) is replaced,
 * not refused: the page must still open.
 */
export function keptBallotKey(ballots: Ballots, ballot: string | undefined): string {
  return ballots.keyOf(ballot) ?? newBallotKey();
}

/**
 * The ballot key a submission carries: none (null) for a wave without a bridge,
 * a 400 for one this server did not sign, so answers are never filed under an arm
 * the page chose for itself.
 */
export function submittedBallotKey(ballots: Ballots, ballot: string | undefined): string | null {
  if (ballot === undefined) return null;
  const key = ballots.keyOf(ballot);
  if (!key) throw new BallotInvalidError();
  return key;
}

/** The survey with its signed ballot, in a wave with a bridge only (elsewhere it means nothing). */
export function withBallot<S extends { arm?: "bridge" | "main" }>(
  ballots: Ballots,
  key: string,
  survey: S,
): S & { ballot?: string } {
  return survey.arm ? { ...survey, ballot: ballots.sign(key) } : survey;
}
