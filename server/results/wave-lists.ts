import type { DispositionTally } from "../analytics/dispositions";
import { emptyTally } from "../analytics/dispositions";
import { createListChanges } from "./list-changes";
import { waveNonResponse, type WaveNonResponse } from "./nonresponse-cells";
import { invitationDispositions, type OutcomeWave } from "./outcomes";

/** What a wave's SMS list says now: its dispositions, and the non-response classes they make. */
export interface WaveList {
  invitations: number;
  tally: DispositionTally;
  nonResponse: WaveNonResponse | null;
}

/**
 * Each wave's list as one cache last read it, kept until a write could have
 * changed it (server/results/list-changes.ts): a view reads again only the
 * lists touched since the view before, not every wave's invitations.
 */
export interface WaveLists {
  /** Forgets the lists written to since the last check. Run once per refresh, before `of`. */
  check(): Promise<void>;
  /** A wave's list (null: it has no invitation), held or read now. */
  of(w: OutcomeWave): Promise<WaveList | null>;
  /** Forgets the lists of waves that are gone. */
  keepOnly(waveIds: ReadonlySet<string>): void;
}

interface HeldList {
  /** The wave's authority and instrument version, which the list is read under. */
  key: string;
  authorityId: string;
  list: Promise<WaveList | null>;
}

/** Reads a wave's list from its invitations. */
export async function readWaveList(w: OutcomeWave): Promise<WaveList | null> {
  const cases = await invitationDispositions(w);
  if (cases.length === 0) return null;
  const tally = emptyTally();
  for (const c of cases) tally[c.disposition] += 1;
  return { invitations: cases.length, tally, nonResponse: waveNonResponse(cases) };
}

/** Makes the lists of one cache, with nothing held. */
export function createWaveLists(): WaveLists {
  const changes = createListChanges();
  const held = new Map<string, HeldList>();
  // Checks run one after another: a view's and an export's may be asked at once,
  // and each compares what it reads with what the check before it saw.
  let last: Promise<void> = Promise.resolve();
  const checkNow = async () => {
    const touched = await changes.check();
    for (const [id, h] of held)
      if (touched.all || touched.waves.has(id) || touched.authorities.has(h.authorityId))
        held.delete(id);
  };
  return {
    check() {
      const run = last.then(checkNow, checkNow);
      last = run.catch(() => undefined);
      return run;
    },
    of(w) {
      const id = w._id.toHexString();
      const key = `${w.authorityId.toHexString()}:${w.instrumentVersionId.toHexString()}`;
      const h = held.get(id);
      if (h?.key === key) return h.list;
      const list = readWaveList(w);
      held.set(id, { key, authorityId: w.authorityId.toHexString(), list });
      // A read that failed is not kept: the next view reads again.
      list.catch(() => {
        if (held.get(id)?.list === list) held.delete(id);
      });
      return list;
    },
    keepOnly(waveIds) {
      for (const id of held.keys()) if (!waveIds.has(id)) held.delete(id);
    },
  };
}
