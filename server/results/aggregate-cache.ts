import mongoose, { type Types } from "mongoose";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { Wave, type WAVE_KINDS, type WAVE_STATUSES } from "../waves/model";
import { STATS_FORMAT, WaveStatsRecord } from "./wave-stats-record";
import {
  arrivalsBeingFolded,
  createAggregateJob,
  updateAggregateJob,
  type RecomputeReason,
} from "./aggregate-jobs";
import { loadMarginSets, marginsForWave, type LoadedMargins } from "./margin-sets";
import { MarginSet } from "./margin-set-model";
import { PopulationMargins } from "./margins-model";
import { createStampWindow, stampedModel, type Stamped, type StampedModel } from "./stamp-window";
import { DEFAULT_ANALYTICS_READ_PREFERENCE, type AnalyticsReadPreference } from "./read-preference";
import type { WaveNonResponse } from "./nonresponse-cells";
import type { OutcomeWave } from "./outcomes";
import { createWaveLists, type WaveList, type WaveLists } from "./wave-lists";
import type { ResponseRow, WaveAggregate } from "./wave-aggregate";
import {
  cellVariables,
  decodeStats,
  emptyStats,
  encodeStats,
  finishStats,
  foldResponse,
  type StatsBasis,
  type WaveStats,
} from "./wave-stats";
import { addTo, groupBy } from "../shared/group";

/**
 * The dashboards' per-wave aggregates, kept as sufficient statistics per wave
 * (server/results/wave-stats.ts, collection wave_stats) that grow as responses
 * arrive: a response is stored without `aggregated`, which makes the responses
 * collection itself the outbox; the next view folds such responses into their
 * waves' statistics and marks them. A view folds a bounded number: when more
 * arrived than that (a bulk import), the rest are folded by a background job
 * with progress (reason "arrived") while views show what is folded so far.
 * Nothing is lost on a crash (an unmarked response is folded by the next
 * refresh, on any server) and nothing is counted twice (statistics and the ids
 * they took in are written in one versioned update before the responses are
 * marked).
 *
 * A view never computes a wave from its responses: new margins over the same
 * variables re-weight a wave from its cell counts at once, and a change that
 * the statistics cannot follow (the instrument version or the margin variables
 * changed, responses removed or moved out) starts a background recomputation
 * (server/results/aggregate-jobs.ts) while the views show the last statistics.
 *
 * A raked wave's weights also take its SMS list (the non-response classes), and
 * its disclosure the list's dispositions: each cache holds every list it read
 * and reads one again only when a write since the last view could have changed
 * it (server/results/wave-lists.ts, server/results/list-changes.ts). Waves,
 * the statistics' records and the margins are held the same way: a refresh
 * reads what was written since the last one (stamp-window.ts), so a view with
 * nothing new costs a few counts, not a read of every wave of the program.
 */

const PROJECTION = {
  waveId: 1,
  channel: 1,
  locale: 1,
  arm: 1,
  answers: 1,
  scores: 1,
  frame: 1,
} as const;
const WAVE_FIELDS = {
  authorityId: 1,
  instrumentVersionId: 1,
  kind: 1,
  status: 1,
  opensAt: 1,
  bridge: 1,
} as const;
const HEAD_FIELDS = {
  format: 1,
  instrumentVersionId: 1,
  variables: 1,
  version: 1,
  responses: 1,
  pendingIds: 1,
} as const;
/** Unfolded responses read per round trip. */
const DRAIN_BATCH = 2000;
/**
 * At most this many responses are folded inside a view; more than that is the
 * background job's. A wave's ordinary trickle between two views is far below it.
 */
const VIEW_FOLD = 2 * DRAIN_BATCH;
/** At most this many are folded between two views' turns while the job runs. */
const JOB_STEP_FOLD = 2 * DRAIN_BATCH;
/** How long a view waits for the recomputations it started before showing the last statistics. */
const RECOMPUTE_WAIT_MS = 2000;
/** Per-wave counts run this many at a time. */
const COUNT_BATCH = 16;
/** Derived values kept per name (one per role, locale and rules a view was asked in). */
const DERIVED_KEPT = 8;

/** A wave as the cache holds it. */
export interface HeldWave {
  _id: Types.ObjectId;
  opensAt: Date;
  authorityId: Types.ObjectId;
  instrumentVersionId: Types.ObjectId;
  kind: (typeof WAVE_KINDS)[number];
  status: (typeof WAVE_STATUSES)[number];
  bridge?: { instrumentVersionId: Types.ObjectId } | null;
}
type WaveInfo = HeldWave;

/** Waves in the order the views show them: by opening, then by id. */
export const oldestFirst = (a: HeldWave, b: HeldWave) =>
  a.opensAt.getTime() - b.opensAt.getTime() ||
  a._id.toHexString().localeCompare(b._id.toHexString());

type Row = ResponseRow & { _id: Types.ObjectId; waveId: Types.ObjectId };

/** The light part of a stored record, held by each cache and read again when written. */
interface RecordHead {
  _id: Types.ObjectId;
  format: number;
  instrumentVersionId: string;
  variables: string;
  version: number;
  responses?: number;
  pendingIds: Types.ObjectId[];
}

/** What a wave's statistics must have been folded under to be current. */
interface Basis extends StatsBasis {
  instrumentVersionId: string;
  variables: string;
  trimCap: number | null;
  /** A weighted wave's non-response classes, from its invitations now. */
  nonResponse: WaveNonResponse | null;
  /**
   * Identifies margins, trimming and the non-response classes, so a finished
   * aggregate is reused while they hold.
   */
  weightsKey: string;
}

/** One in-memory wave: its statistics at a version and the aggregate finished from them. */
interface Held {
  version: number;
  stats: WaveStats;
  instrumentVersionId: string;
  variables: string;
  finished: { key: string; aggregate: WaveAggregate } | null;
}

/** What a refresh did, for benches and tests. */
export interface AggregateActivity {
  /** Responses folded into statistics as they arrived. */
  folded: number;
  /** Waves whose statistics a background job computed from their responses. */
  recomputed: number;
  /** Background recomputations started. */
  jobs: number;
}

/** What a view reads of the cache. */
export interface FreshAggregates {
  get(waveId: Types.ObjectId): WaveAggregate | undefined;
  /** Every wave of the program, as read with these aggregates (no read of its own needed). */
  waves(): readonly HeldWave[];
  /** Every margin set, as the aggregates were weighted with. */
  margins(): LoadedMargins;
  /**
   * A value made from these aggregates and waves and from nothing else but what
   * `key` names (every other input of it, written out): made once and handed to
   * every view until the aggregates, the waves or the key change. A view's
   * program-wide part is made this way, so a view with nothing new in the program
   * does not make it again. The value is shared by every view: never change
   * it, unless it is a map made to be filled as views ask, with each entry
   * made only from these aggregates and what the key names.
   */
  derived<T>(name: string, key: string, make: () => Promise<T>): Promise<T>;
  /** A wave's SMS list (null: it has none), as the wave's weights took it. */
  list(w: OutcomeWave): Promise<WaveList | null>;
}

/** The aggregates of one server process: handed to whatever serves the dashboards. */
export interface AggregateCache {
  /** Every wave's aggregate, with every response that arrived so far folded in. */
  fresh(): Promise<FreshAggregates>;
  /** Forgets what is held in memory, as a restart does. */
  reset(): void;
  /** Counts of what the cache did since it was made. */
  activity(): AggregateActivity;
  /** Resolves when no background recomputation of this process is running. */
  idle(): Promise<void>;
  /** Starts recomputing these waves in the background; resolves to the job id. */
  recompute(reason: RecomputeReason, waves: readonly Types.ObjectId[]): Promise<string>;
  /**
   * The waves' SMS lists as the dashboards hold them, with those written to since
   * the last check forgotten: for a reader (an export) that needs the lists and
   * not the aggregates.
   */
  lists(): Promise<Pick<WaveLists, "of">>;
}

const hex = (id: { toHexString(): string }) => id.toHexString();

/** The basis a wave's statistics must be folded under now. */
async function basisOf(w: WaveInfo, margins: LoadedMargins, lists: WaveLists): Promise<Basis> {
  const { margins: m, trimCap, set } = marginsForWave(margins, w);
  // Only a raked wave is adjusted for non-response (it has a list, and margins).
  const nonResponse = m ? ((await lists.of(w))?.nonResponse ?? null) : null;
  const classes = nonResponse?.cells.map((c) => [c.key, c.sampled, c.eligibleSum]) ?? [];
  return {
    snapshot: await getSnapshot(w.instrumentVersionId),
    bridgeSnapshot: w.bridge ? await getSnapshot(w.bridge.instrumentVersionId) : null,
    margins: m,
    instrumentVersionId: hex(w.instrumentVersionId),
    variables: cellVariables(m),
    trimCap,
    nonResponse,
    weightsKey: `${set?.id ?? ""}:${set?.version ?? ""}:${margins.get(hex(w.authorityId))?.at ?? 0}:${JSON.stringify(classes)}`,
  };
}

/** Whether statistics folded under `held` can take responses under `basis`. */
const fits = (held: { instrumentVersionId: string; variables: string }, basis: Basis) =>
  held.instrumentVersionId === basis.instrumentVersionId && held.variables === basis.variables;

/**
 * Writes a wave's new statistics if nobody changed them since `version`
 * (null: none stored yet), with the responses they took in as pending ids; then
 * marks those responses and clears the ids. False when another writer came
 * first (the caller reads again).
 */
async function commit(
  w: WaveInfo,
  version: number | null,
  basis: { instrumentVersionId: string; variables: string },
  stats: WaveStats,
  ids: Types.ObjectId[],
): Promise<boolean> {
  const doc = {
    authorityId: w.authorityId,
    format: STATS_FORMAT,
    instrumentVersionId: basis.instrumentVersionId,
    variables: basis.variables,
    version: (version ?? 0) + 1,
    responses: stats.responses,
    stats: encodeStats(stats),
    pendingIds: ids,
    updatedAt: new Date(),
  };
  if (version === null) {
    try {
      await WaveStatsRecord.collection.insertOne({ _id: w._id, createdAt: doc.updatedAt, ...doc });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  } else {
    const done = await WaveStatsRecord.collection.updateOne({ _id: w._id, version }, { $set: doc });
    if (done.matchedCount === 0) return false;
  }
  await markFolded(w._id, ids);
  return true;
}

/** Marks responses as folded and clears them from their wave's pending ids. */
async function markFolded(waveId: Types.ObjectId, ids: Types.ObjectId[]): Promise<void> {
  if (ids.length > 0)
    await SurveyResponse.collection.updateMany(
      { _id: { $in: ids } },
      { $set: { aggregated: true } },
    );
  // Stamped like every write to a record: caches hold records by their stamps.
  await WaveStatsRecord.collection.updateOne(
    { _id: waveId },
    { $set: { pendingIds: [], updatedAt: new Date() } },
  );
}

/**
 * How many of a wave's responses are folded: the count command, which real
 * MongoDB answers from the { aggregated, waveId } index alone (countDocuments
 * runs an aggregation instead, many times slower on the embedded store).
 */
async function countFolded(waveId: Types.ObjectId): Promise<number> {
  const reply = await SurveyResponse.db.db!.command({
    count: SurveyResponse.collection.collectionName,
    query: { aggregated: true, waveId },
  });
  return Number(reply.n);
}

/**
 * One collection as a cache holds it: read whole the first time (and after a
 * removal), then only the documents written since the last refresh.
 */
function heldCollection<D extends Stamped>(model: StampedModel, fields: Record<string, 1>) {
  const window = createStampWindow<D>(model, fields);
  let docs = new Map<string, D>();
  return {
    async now(): Promise<D[]> {
      const { all, changed } = await window.check();
      if (all) {
        const read = (await model
          .find({}, { ...fields, createdAt: 1, updatedAt: 1 })
          .lean()) as D[];
        docs = new Map(read.map((d) => [hex(d._id), d]));
      } else for (const d of changed) docs.set(hex(d._id), d);
      return [...docs.values()];
    },
  };
}

/** What a cache holds of the program between refreshes, each part read again when written. */
function createHeld() {
  const waves = heldCollection<WaveInfo & Stamped>(stampedModel(Wave), WAVE_FIELDS);
  const heads = heldCollection<RecordHead & Stamped>(stampedModel(WaveStatsRecord), HEAD_FIELDS);
  const marginSets = [MarginSet, PopulationMargins].map((m) =>
    createStampWindow(stampedModel(m), { authorityId: 1 }),
  );
  let margins: LoadedMargins | null = null;
  return {
    waves: () => waves.now(),
    heads: () => heads.now(),
    lists: createWaveLists(),
    /** Every margin set, as loaded at the first refresh after one was written. */
    async margins(): Promise<LoadedMargins> {
      const found = await Promise.all(marginSets.map((w) => w.check()));
      if (!margins || found.some((f) => f.all || f.changed.length > 0))
        margins = await loadMarginSets();
      return margins;
    },
    /** Each wave's basis, made again when its wave, the margins or its list changed. */
    bases: new Map<string, { from: unknown[]; basis: Basis }>(),
  };
}

/** How a cache folds: the defaults above, smaller in tests that cross the bounds. */
export interface FoldSizes {
  batch: number;
  view: number;
  jobStep: number;
}

/** How a cache reads and folds. */
export interface AggregateCacheOptions {
  /** Of its reads of responses (ANALYTICS_READ_PREFERENCE): its own jobs' too. */
  readPreference?: AnalyticsReadPreference;
  sizes?: FoldSizes;
}

/** Makes the aggregates of one server process. */
export function createAggregateCache(options: AggregateCacheOptions = {}): AggregateCache {
  const sizes = options.sizes ?? { batch: DRAIN_BATCH, view: VIEW_FOLD, jobStep: JOB_STEP_FOLD };
  const readPreference = options.readPreference ?? DEFAULT_ANALYTICS_READ_PREFERENCE;
  let held = new Map<string, Held>();
  let program = createHeld();
  let lists = program.lists;
  const running = new Map<string, Promise<void>>();
  let refreshing: Promise<void> | null = null;
  /** The background fold of the responses views left, while one runs. */
  let draining: Promise<void> | null = null;
  const activity: AggregateActivity = { folded: 0, recomputed: 0, jobs: 0 };
  /**
   * Rises whenever a refresh hands out other aggregates or waves than the one
   * before: what `derived` values were made from.
   */
  let generation = 0;
  let handedOut: { waves: readonly HeldWave[]; aggregates: Map<string, WaveAggregate> } = {
    waves: [],
    aggregates: new Map(),
  };
  /** Derived values by name, most recently made last. */
  let derived = new Map<string, Array<{ at: number; key: string; value: Promise<unknown> }>>();

  /** A derived value of the aggregates handed out at generation `at`. */
  function keep<T>(at: number, name: string, key: string, make: () => Promise<T>): Promise<T> {
    // Aggregates older than the last handed out: made for this view alone.
    if (at !== generation) return make();
    const kept = (derived.get(name) ?? []).filter((d) => d.at === at);
    const found = kept.find((d) => d.key === key);
    if (found) return found.value as Promise<T>;
    const value = make();
    kept.push({ at, key, value });
    derived.set(name, kept.slice(-DERIVED_KEPT));
    // A value that failed is not kept: the next view makes it again.
    value.catch(() => {
      const list = derived.get(name);
      if (list)
        derived.set(
          name,
          list.filter((d) => d.value !== value),
        );
    });
    return value;
  }

  /** Whether a refresh hands out exactly what the one before did. */
  const sameAsHandedOut = (waves: readonly HeldWave[], aggregates: Map<string, WaveAggregate>) =>
    waves.length === handedOut.waves.length &&
    waves.every((w, i) => w === handedOut.waves[i]) &&
    aggregates.size === handedOut.aggregates.size &&
    [...aggregates].every(([id, a]) => handedOut.aggregates.get(id) === a);

  /** Reads the stored statistics whose version is not the one held. */
  async function load(heads: RecordHead[]): Promise<void> {
    const stale = heads.filter((h) => held.get(hex(h._id))?.version !== h.version);
    if (stale.length === 0) return;
    const docs = await WaveStatsRecord.find({
      _id: mongoose.trusted({ $in: stale.map((h) => h._id) }),
    }).lean();
    for (const d of docs)
      held.set(hex(d._id), {
        version: d.version,
        stats: decodeStats(d.stats),
        instrumentVersionId: d.instrumentVersionId,
        variables: d.variables,
        finished: null,
      });
  }

  /** A wave's basis, made again only when its wave, the margins or its list is not the one it was made from. */
  async function basisNow(w: WaveInfo, margins: LoadedMargins): Promise<Basis> {
    const from = [w, margins, marginsForWave(margins, w).margins ? lists.of(w) : null];
    const kept = program.bases.get(hex(w._id));
    if (kept && kept.from.every((x, i) => x === from[i])) return kept.basis;
    const basis = await basisOf(w, margins, lists);
    program.bases.set(hex(w._id), { from, basis });
    return basis;
  }

  /** Folds responses of one wave into its statistics, starting over if another writer came first. */
  async function foldWave(w: WaveInfo, basis: Basis, rows: Row[]): Promise<void> {
    for (;;) {
      const id = hex(w._id);
      const h = held.get(id);
      const stats = h ? decodeStats(encodeStats(h.stats)) : emptyStats();
      for (const r of rows) foldResponse(stats, basis, r);
      const ids = rows.map((r) => r._id);
      if (await commit(w, h?.version ?? null, basis, stats, ids)) {
        held.set(id, {
          version: (h?.version ?? 0) + 1,
          stats,
          instrumentVersionId: basis.instrumentVersionId,
          variables: basis.variables,
          finished: null,
        });
        activity.folded += rows.length;
        return;
      }
      const head = (await WaveStatsRecord.findById(w._id, { stats: 0 }).lean()) as RecordHead;
      if (head.pendingIds.length > 0) await markFolded(w._id, head.pendingIds);
      await load([head]);
      // Another server may have folded some of these meanwhile: fold only the rest.
      const still = await SurveyResponse.find(
        {
          _id: mongoose.trusted({ $in: rows.map((r) => r._id) }),
          aggregated: mongoose.trusted({ $ne: true }),
        },
        { _id: 1 },
      ).lean();
      const left = new Set(still.map((r) => hex(r._id)));
      rows = rows.filter((r) => left.has(hex(r._id)));
      const now = held.get(id);
      if (rows.length === 0 || (now && !fits(now, basis))) return;
    }
  }

  /** Recomputes one wave's statistics from all of its responses (background jobs only). */
  async function recomputeWave(w: WaveInfo, margins: LoadedMargins): Promise<void> {
    const basis = await basisOf(w, margins, lists);
    for (;;) {
      const head = (await WaveStatsRecord.findById(w._id, {
        stats: 0,
      }).lean()) as RecordHead | null;
      if (head && head.pendingIds.length > 0) await markFolded(w._id, head.pendingIds);
      const rows = (await SurveyResponse.find({ waveId: w._id }, PROJECTION)
        .read(readPreference)
        .lean()) as Row[];
      const stats = emptyStats();
      for (const r of rows) foldResponse(stats, basis, r);
      const version = head?.version ?? null;
      if (
        await commit(
          w,
          version,
          basis,
          stats,
          rows.map((r) => r._id),
        )
      ) {
        held.set(hex(w._id), {
          version: (version ?? 0) + 1,
          stats,
          instrumentVersionId: basis.instrumentVersionId,
          variables: basis.variables,
          finished: null,
        });
        activity.recomputed += 1;
        return;
      }
    }
  }

  async function recompute(
    reason: RecomputeReason,
    waveIds: readonly Types.ObjectId[],
  ): Promise<string> {
    const todo = waveIds.filter((id) => !running.has(hex(id)));
    const job = await createAggregateJob(reason, todo);
    activity.jobs += 1;
    const work = (async () => {
      const margins = await loadMarginSets();
      const waves = await Wave.find({ _id: mongoose.trusted({ $in: todo }) }, WAVE_FIELDS).lean();
      let done = 0;
      for (const w of waves) {
        await recomputeWave(w, margins);
        done += 1;
        await updateAggregateJob(job, { done });
      }
      await updateAggregateJob(job, { state: "done" });
    })().catch(async () => {
      await updateAggregateJob(job, { state: "failed" }).catch(() => undefined);
    });
    for (const id of todo) {
      const p = work.finally(() => running.delete(hex(id)));
      running.set(hex(id), p);
    }
    return job;
  }

  /**
   * Starts one job per reason for the waves that need it and are not already
   * being recomputed; resolves to what the jobs' end will resolve.
   */
  async function startJobs(
    needs: Map<RecomputeReason, Types.ObjectId[]>,
  ): Promise<{ done: Promise<unknown> }> {
    const started: Promise<unknown>[] = [];
    for (const [reason, ids] of needs) {
      const todo = ids.filter((id) => !running.has(hex(id)));
      if (todo.length === 0) continue;
      await recompute(reason, todo);
      started.push(...todo.map((id) => running.get(hex(id))!));
    }
    return { done: Promise.all(started) };
  }

  /**
   * Takes up what was written since the last refresh and folds at most `limit`
   * unfolded responses; `left` says whether more are waiting.
   */
  async function refresh(limit: number): Promise<{
    bases: Map<string, Basis>;
    waves: readonly HeldWave[];
    margins: LoadedMargins;
    jobs: { done: Promise<unknown> };
    left: boolean;
  }> {
    const [margins, waves, heads] = await Promise.all([
      program.margins(),
      program.waves(),
      program.heads(),
      lists.check(),
    ]);
    const present = new Set(waves.map((w) => hex(w._id)));
    for (const id of held.keys()) if (!present.has(id)) held.delete(id);
    lists.keepOnly(present);
    for (const id of program.bases.keys()) if (!present.has(id)) program.bases.delete(id);
    // A server that stopped between folding and marking left its ids: mark them now.
    for (const h of heads) if (h.pendingIds.length > 0) await markFolded(h._id, h.pendingIds);
    await load(heads);

    const byId = new Map(waves.map((w) => [hex(w._id), w]));
    const bases = new Map<string, Basis>();
    await Promise.all(waves.map(async (w) => bases.set(hex(w._id), await basisNow(w, margins))));
    const needs = new Map<RecomputeReason, Types.ObjectId[]>();
    const need = (reason: RecomputeReason, id: Types.ObjectId) => addTo(needs, reason, id);
    const unfit = new Set<string>();
    for (const h of heads) {
      const id = hex(h._id);
      const basis = bases.get(id);
      if (!basis) continue;
      if (h.format !== STATS_FORMAT) need("format", h._id);
      else if (h.instrumentVersionId !== basis.instrumentVersionId) need("instrument", h._id);
      else if (h.variables !== basis.variables) need("margins", h._id);
      else continue;
      unfit.add(id);
    }

    // The outbox: every response of a wave here not yet folded, a batch at a time,
    // read through the { aggregated, waveId } index (its null key holds the
    // missing field too) at one whole key per wave, never a range over the
    // index's first field: with nothing pending, one empty lookup per wave,
    // whatever the number of responses, and after a bulk import a batch reads
    // its own keys, not every pending one.
    let pendingUnfit = 0;
    let left = false;
    for (let more = true, folded = 0; more;) {
      if (folded >= limit) {
        left = true;
        break;
      }
      const folding = waves.filter((w) => !unfit.has(hex(w._id))).map((w) => w._id);
      const want = Math.min(sizes.batch, limit - folded);
      const rows = (await SurveyResponse.find(
        { aggregated: null, waveId: mongoose.trusted({ $in: folding }) },
        PROJECTION,
      )
        .limit(want)
        .lean()) as Row[];
      if (rows.length === 0) break;
      more = rows.length === want;
      folded += rows.length;
      const perWave = groupBy(rows, (r) => hex(r.waveId));
      for (const [id, list] of perWave) {
        const w = byId.get(id)!;
        await foldWave(w, bases.get(id)!, list);
        const h = held.get(id);
        if (h && !fits(h, bases.get(id)!)) unfit.add(id);
      }
    }
    if (unfit.size > 0)
      pendingUnfit = await SurveyResponse.countDocuments({
        aggregated: null,
        waveId: mongoose.trusted({
          $in: [...unfit].map((id) => byId.get(id)!._id),
        }),
      });

    // Removals: the store's count against what the statistics hold; while
    // responses wait in the outbox, the check waits for the fold to end.
    if (left) return { bases, waves, margins, jobs: await startJobs(needs), left };
    const heldTotal = () => {
      let total = 0;
      for (const id of present) total += held.get(id)?.stats.responses ?? 0;
      return total;
    };
    const count = await SurveyResponse.estimatedDocumentCount().read(readPreference);
    if (count !== heldTotal() + pendingUnfit)
      // Another server may have folded and marked responses after this refresh read
      // the records (its outbox was then empty): its statistics are taken up before
      // anything counts as removed, or the view would show none for those waves.
      await load((await WaveStatsRecord.find({}, { stats: 0 }).lean()) as RecordHead[]);
    if (count !== heldTotal() + pendingUnfit) {
      const withStats = waves.filter((w) => held.has(hex(w._id)) && !unfit.has(hex(w._id)));
      for (let i = 0; i < withStats.length; i += COUNT_BATCH) {
        const batch = withStats.slice(i, i + COUNT_BATCH);
        const counts = await Promise.all(batch.map((w) => countFolded(w._id)));
        batch.forEach((w, k) => {
          if (counts[k] !== held.get(hex(w._id))!.stats.responses) need("removed", w._id);
        });
      }
    }
    return { bases, waves, margins, jobs: await startJobs(needs), left };
  }

  /** Responses the held statistics of every wave count. */
  const foldedHeld = () => {
    let n = 0;
    for (const h of held.values()) n += h.stats.responses;
    return n;
  };

  /** Runs a refresh when no other is running: views and the background fold take turns. */
  async function turn(limit: number): Promise<Awaited<ReturnType<typeof refresh>>> {
    while (refreshing) await refreshing;
    const done = refresh(limit);
    const mine: Promise<void> = done
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (refreshing === mine) refreshing = null;
      });
    refreshing = mine;
    return done;
  }

  /**
   * Folds what views left in the background, a step at a time between views'
   * turns, as a job whose progress counts responses. One server at a time:
   * while another's job makes progress, this one's views fold their share only.
   */
  function drain(): void {
    if (draining) return;
    draining = (async () => {
      if (await arrivalsBeingFolded()) return;
      // How many wait, from the store's document count and what the statistics
      // hold: a count of the unfolded responses themselves reads each of them.
      let total = Math.max(0, (await SurveyResponse.estimatedDocumentCount()) - foldedHeld());
      const job = await createAggregateJob("arrived", [], total);
      activity.jobs += 1;
      const from = activity.folded;
      try {
        for (let left = true; left;) {
          ({ left } = await turn(sizes.jobStep));
          const done = activity.folded - from;
          total = Math.max(total, done);
          await updateAggregateJob(job, { done, total });
        }
        await updateAggregateJob(job, { state: "done" });
      } catch {
        await updateAggregateJob(job, { state: "failed" }).catch(() => undefined);
      }
    })()
      .catch(() => undefined)
      .finally(() => (draining = null));
  }

  return {
    async fresh() {
      const { bases, waves, margins, jobs, left } = await turn(sizes.view);
      if (left) drain();
      // A recomputation this view started is waited for a moment: a small wave's
      // is done by then (an analyst who saved margins sees them); a large one's
      // goes on in the background and this view shows the last statistics.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        jobs.done,
        new Promise((resolve) => (timer = setTimeout(resolve, RECOMPUTE_WAIT_MS))),
      ]);
      clearTimeout(timer);
      const current = new Map<string, WaveAggregate>();
      for (const [id, basis] of bases) {
        const h = held.get(id);
        if (!h) continue;
        if (!fits(h, basis)) {
          // Being recomputed: the last statistics, unweighted if their cells are not the margins'.
          const snapshot = await getSnapshot(new mongoose.Types.ObjectId(h.instrumentVersionId));
          const key = `old:${h.variables}`;
          if (h.finished?.key !== key)
            h.finished = {
              key,
              aggregate: finishStats(h.stats, {
                snapshot,
                margins: h.variables === basis.variables ? basis.margins : null,
              }),
            };
        } else if (h.finished?.key !== basis.weightsKey)
          h.finished = {
            key: basis.weightsKey,
            aggregate: finishStats(h.stats, basis, {
              trimCap: basis.trimCap,
              nonResponse: basis.nonResponse,
            }),
          };
        current.set(id, h.finished!.aggregate);
      }
      if (!sameAsHandedOut(waves, current)) generation += 1;
      handedOut = { waves, aggregates: current };
      const at = generation;
      const read = lists;
      return {
        get: (id) => current.get(hex(id)),
        waves: () => waves,
        margins: () => margins,
        list: (w) => read.of(w),
        derived: (name, key, make) => keep(at, name, key, make),
      };
    },
    reset() {
      held = new Map();
      program = createHeld();
      lists = program.lists;
      derived = new Map();
    },
    async lists() {
      const checked = lists;
      await checked.check();
      return checked;
    },
    activity: () => ({ ...activity }),
    async idle() {
      while (running.size > 0 || draining) await Promise.all([...running.values(), draining]);
    },
    recompute,
  };
}

/**
 * Margin sets of every authority that has them, as the engine takes them
 * (each wave picks its own: chooseMarginSet).
 */
export const loadMargins = loadMarginSets;
