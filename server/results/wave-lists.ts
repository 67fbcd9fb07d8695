import type { DispositionTally } from "../analytics/dispositions";
import { emptyTally } from "../analytics/dispositions";
import type { AdjustmentCell } from "../analytics/nonresponse-classes";
import { createListChanges } from "./list-changes";
import { nonResponseOfCells, waveNonResponse, type WaveNonResponse } from "./nonresponse-cells";
import type { WindowState } from "./stamp-window";
import { LIST_SNAPSHOT_FORMAT, WaveListSnapshot } from "./wave-lists-record";
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
 * lists touched since the view before, not every wave's invitations; and after a
 * restart, only those touched since the last snapshot a server saved.
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
  /** The list once read. */
  value?: WaveList | null;
}

/** A held list as a snapshot keeps it (server/results/wave-lists-record.ts). */
interface StoredList {
  waveId: string;
  key: string;
  authorityId: string;
  /** Absent: the wave has no invitation. */
  list?: { invitations: number; tally: DispositionTally; cells: AdjustmentCell[] | null };
}

/**
 * The held lists are saved at most this often (each save writes all of them), at
 * the check after a list was read or forgotten.
 */
const SAVE_EVERY_MS = 30_000;

/** Reads a wave's list from its invitations. */
export async function readWaveList(w: OutcomeWave): Promise<WaveList | null> {
  const cases = await invitationDispositions(w);
  if (cases.length === 0) return null;
  const tally = emptyTally();
  for (const c of cases) tally[c.disposition] += 1;
  return { invitations: cases.length, tally, nonResponse: waveNonResponse(cases) };
}

const storedOf = (waveId: string, h: HeldList): StoredList => ({
  waveId,
  key: h.key,
  authorityId: h.authorityId,
  ...(h.value
    ? {
        list: {
          invitations: h.value.invitations,
          tally: h.value.tally,
          cells: h.value.nonResponse ? [...h.value.nonResponse.cells] : null,
        },
      }
    : {}),
});

const listOf = (s: StoredList): WaveList | null =>
  s.list
    ? {
        invitations: s.list.invitations,
        tally: s.list.tally,
        nonResponse: s.list.cells ? nonResponseOfCells(s.list.cells) : null,
      }
    : null;

/**
 * Makes the lists of one cache. Its first check takes up the lists the last
 * server saved with what that server's check had seen (WaveListSnapshot), so a
 * restart reads again only the lists written to since; it then saves its own
 * now and then.
 */
export function createWaveLists(): WaveLists {
  const changes = createListChanges();
  const held = new Map<string, HeldList>();
  // Checks run one after another: a view's and an export's may be asked at once,
  // and each compares what it reads with what the check before it saw. Saves run
  // between them, so a snapshot's lists and its check's state agree.
  let last: Promise<void> = Promise.resolve();
  let takenUp = false;
  let changed = false;
  let savedAt = 0;
  const forget = (id: string) => {
    held.delete(id);
    changed = true;
  };
  const takeUp = async () => {
    takenUp = true;
    const saved = await WaveListSnapshot.findById("lists").lean();
    if (saved?.format !== LIST_SNAPSHOT_FORMAT) return;
    // Saved over other collections than this code watches: as good as none.
    if (!changes.takeUp(saved.windows as WindowState[])) return;
    for (const s of saved.lists as StoredList[]) {
      const value = listOf(s);
      held.set(s.waveId, {
        key: s.key,
        authorityId: s.authorityId,
        list: Promise.resolve(value),
        value,
      });
    }
  };
  // The lists held now, with the state of the check before: a list read since is
  // newer than that state, and the next check from it reads again anything written
  // since it began.
  const save = async () => {
    const windows = changes.state();
    if (!windows) return;
    const lists = [...held].flatMap(([id, h]) => (h.value === undefined ? [] : [storedOf(id, h)]));
    changed = false;
    savedAt = Date.now();
    await WaveListSnapshot.updateOne(
      { _id: "lists" },
      { $set: { format: LIST_SNAPSHOT_FORMAT, windows, lists, updatedAt: new Date() } },
      { upsert: true },
    ).catch(() => {
      // Not saved (a store refusing the write, a snapshot past the document size):
      // the next restart reads these lists again, as it did before snapshots.
      changed = true;
    });
  };
  const checkNow = async () => {
    if (!takenUp) await takeUp();
    else if (changed && Date.now() - savedAt >= SAVE_EVERY_MS) await save();
    const touched = await changes.check();
    for (const [id, h] of held)
      if (touched.all || touched.waves.has(id) || touched.authorities.has(h.authorityId))
        forget(id);
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
      const entry: HeldList = { key, authorityId: w.authorityId.toHexString(), list };
      held.set(id, entry);
      list.then(
        (value) => {
          entry.value = value;
          changed = true;
        },
        // A read that failed is not kept: the next view reads again.
        () => {
          if (held.get(id) === entry) held.delete(id);
        },
      );
      return list;
    },
    keepOnly(waveIds) {
      for (const id of held.keys()) if (!waveIds.has(id)) forget(id);
    },
  };
}
