import type { Margin } from "../analytics/raking";

/** A margin set as the engine takes it. */
export interface LoadedMarginSet {
  id: string;
  version: number;
  source: string;
  year: number;
  validFrom: Date;
  waveId: string | null;
  trimCap: number | null;
  margins: Margin[];
}

/** What a wave needs to find its margin set. */
export interface WaveDates {
  _id: { toHexString(): string };
  opensAt: Date;
}

/**
 * The margin set of one wave: the newest version pinned to it, else the one
 * with the latest `validFrom` on or before the day it opened (the newest
 * version among equals), else none. So a wave of 2022 keeps the 2022 CBS
 * figures after the 2024 ones are added for later waves.
 */
export function chooseMarginSet(
  sets: readonly LoadedMarginSet[],
  wave: WaveDates,
): LoadedMarginSet | null {
  const id = wave._id.toHexString();
  const newest = (a: LoadedMarginSet | null, b: LoadedMarginSet) =>
    !a || b.version > a.version ? b : a;
  const pinned = sets.filter((s) => s.waveId === id).reduce(newest, null);
  if (pinned) return pinned;
  let best: LoadedMarginSet | null = null;
  for (const s of sets) {
    if (s.waveId !== null || s.validFrom.getTime() > wave.opensAt.getTime()) continue;
    if (
      !best ||
      s.validFrom.getTime() > best.validFrom.getTime() ||
      (s.validFrom.getTime() === best.validFrom.getTime() && s.version > best.version)
    )
      best = s;
  }
  return best;
}
