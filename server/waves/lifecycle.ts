import { WaveTransitionError } from "../errors";
import type { WAVE_STATUSES } from "./model";

export type WaveStatus = (typeof WAVE_STATUSES)[number];

/**
 * The wave life cycle. A draft opens (or is dropped by closing it); an open wave
 * pauses and resumes; closing is final, because a closed wave accepts nothing
 * more and its results are what was published.
 */
const NEXT: Record<WaveStatus, readonly WaveStatus[]> = {
  draft: ["open", "closed"],
  open: ["paused", "closed"],
  paused: ["open", "closed"],
  closed: [],
};

/** Throws unless `from → to` is a step the life cycle allows. */
export function assertTransition(from: WaveStatus, to: WaveStatus): void {
  if (!NEXT[from].includes(to)) throw new WaveTransitionError(from, to);
}

/** Quiet hours a new wave starts with: the Sabbath rest applies outside Arab localities. */
export function defaultQuietHours(population: string) {
  return {
    nightStart: "21:00",
    nightEnd: "08:00",
    weekendRest: population !== "arab",
    weekendStart: "14:00",
    weekendEnd: "20:00",
  };
}
