import { z } from "zod";
import { bridgeArmOf } from "../instruments/bridge";
import { BALLOT_PATTERN, newBallotKey, type Ballots } from "./ballot";

/**
 * How many spare ballots a kiosk gets with each load: enough for a day of
 * residents at a tablet that lost its connection (each load tops the stock up).
 */
export const SPARE_BALLOTS = 24;

/** A ballot the kiosk keeps for a resident who starts while it is offline, and its arm. */
export const spareBallotsSchema = z
  .array(z.object({ ballot: z.string().regex(BALLOT_PATTERN), arm: z.enum(["bridge", "main"]) }))
  .describe(
    "In a wave with a bridge: fresh signed ballots with their arms, one per resident who starts offline",
  );

/**
 * Fresh ballots for a kiosk in a wave with a bridge, each with the arm the
 * server will ask and store for it (the same draw as every other ballot), so an
 * offline tablet gives every resident a ballot, and an arm, of their own
 * instead of reusing the last one it was handed.
 */
export function spareBallots(
  ballots: Ballots,
  wave: { _id: { toHexString(): string }; bridge?: { share?: number | null } | null },
  count = SPARE_BALLOTS,
): z.infer<typeof spareBallotsSchema> | undefined {
  const share = wave.bridge?.share;
  if (!share) return undefined;
  const waveId = wave._id.toHexString();
  return Array.from({ length: count }, () => {
    const key = newBallotKey();
    return { ballot: ballots.sign(key), arm: bridgeArmOf(waveId, key, share) };
  });
}
