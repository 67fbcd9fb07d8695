import mongoose, { type Types } from "mongoose";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { Wave } from "../waves/model";
import {
  AGGREGATE_FORMAT,
  WaveAggregateRecord,
  decodeAggregate,
  encodeAggregate,
  sameFingerprint,
  type AggregateRecordDoc,
  type Fingerprint,
} from "./aggregate-record";
import { chooseMarginSet } from "./margin-set-choice";
import { loadMarginSets, type LoadedMargins } from "./margin-sets";
import { analyticsRead } from "./read-preference";
import { aggregateWave, type ResponseRow, type WaveAggregate } from "./wave-aggregate";

/** What the cache last saw of the store; any difference means some wave may be stale. */
interface Stamp {
  /** Responses in the store when the aggregates were last brought up to date. */
  count: number;
  /** The newest response id the aggregates include. */
  newestId: string | null;
  /** authorityId → margins updatedAt (ms). */
  margins: Map<string, number>;
}

interface Known {
  fingerprint: Fingerprint;
  aggregate: WaveAggregate;
}

interface WaveInfo {
  _id: Types.ObjectId;
  opensAt: Date;
  status?: string;
  authorityId: Types.ObjectId;
  instrumentVersionId: Types.ObjectId;
}

type Margins = LoadedMargins;

const PROJECTION = { channel: 1, locale: 1, answers: 1, scores: 1 } as const;
const WAVE_FIELDS = { authorityId: 1, instrumentVersionId: 1, status: 1, opensAt: 1 } as const;
/** Per-wave counts run this many at a time. */
const COUNT_BATCH = 16;

let stamp: Stamp | null = null;
let known = new Map<string, Known>();
let refreshing: Promise<void> | null = null;
const activity = { built: 0, reused: 0 };

const oid = (hex: string) => new mongoose.Types.ObjectId(hex);

/** The later of two ObjectIds in hex (hex order is id order). */
function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/**
 * Margin sets of every authority that has them, as the engine takes them
 * (each wave picks its own: chooseMarginSet).
 */
export const loadMargins = loadMarginSets;

/** Reads one wave's responses, computes its aggregate and stores it for every server. */
async function build(w: WaveInfo, margins: Margins): Promise<Known> {
  const rows = (await SurveyResponse.find({ waveId: w._id }, PROJECTION)
    .read(analyticsRead())
    .lean()) as Array<ResponseRow & { _id: Types.ObjectId }>;
  let newestId: string | null = null;
  for (const r of rows) newestId = later(newestId, r._id.toHexString());
  const snapshot = await getSnapshot(w.instrumentVersionId);
  const m = margins.get(w.authorityId.toHexString());
  const set = chooseMarginSet(m?.sets ?? [], w);
  const aggregate = aggregateWave(snapshot, rows, set?.margins ?? null, { trimCap: set?.trimCap });
  // The fingerprint is of the rows actually read, so a response arriving meanwhile
  // makes this aggregate stale rather than silently missing.
  const fingerprint: Fingerprint = {
    format: AGGREGATE_FORMAT,
    instrumentVersionId: w.instrumentVersionId.toHexString(),
    marginsAt: m?.at ?? 0,
    responses: rows.length,
    newestId,
  };
  await WaveAggregateRecord.replaceOne(
    { _id: w._id },
    {
      _id: w._id,
      authorityId: w.authorityId,
      fingerprint,
      aggregate: encodeAggregate(aggregate),
      computedAt: new Date(),
    },
    { upsert: true },
  );
  activity.built += 1;
  return { fingerprint, aggregate };
}

/**
 * After a start: takes up the aggregates stored by this or another server whose
 * instrument version and margins are still current, and stamps them as if this
 * process had built them. Whether their responses are current is what the
 * ordinary check that follows finds out.
 */
async function adoptStored(marginsAt: Map<string, number>): Promise<Stamp> {
  const [records, waves] = await Promise.all([
    WaveAggregateRecord.find({ "fingerprint.format": AGGREGATE_FORMAT }).lean() as Promise<
      AggregateRecordDoc[]
    >,
    Wave.find({}, { instrumentVersionId: 1 }).lean(),
  ]);
  const instrumentOf = new Map(
    waves.map((w) => [w._id.toHexString(), w.instrumentVersionId.toHexString()]),
  );
  let count = 0;
  let newestId: string | null = null;
  for (const r of records) {
    const id = r._id.toHexString();
    const f = r.fingerprint;
    if (instrumentOf.get(id) !== f.instrumentVersionId) continue;
    if ((marginsAt.get(r.authorityId.toHexString()) ?? 0) !== f.marginsAt) continue;
    known.set(id, { fingerprint: f, aggregate: decodeAggregate(r.aggregate) });
    activity.reused += 1;
    count += f.responses;
    newestId = later(newestId, f.newestId);
  }
  return { count, newestId, margins: marginsAt };
}

/**
 * How many responses one wave has: the count command, which real MongoDB answers
 * from the waveId index alone (countDocuments runs an aggregation instead, many
 * times slower on the embedded store).
 */
async function countInWave(waveId: Types.ObjectId): Promise<number> {
  const reply = await SurveyResponse.db.db!.command(
    { count: SurveyResponse.collection.collectionName, query: { waveId } },
    { readPreference: analyticsRead() },
  );
  return Number(reply.n);
}

/** One indexed count per wave, a few at a time. */
async function countPerWave(waves: readonly WaveInfo[]): Promise<Map<string, number>> {
  const counted = new Map<string, number>();
  for (let i = 0; i < waves.length; i += COUNT_BATCH) {
    const batch = waves.slice(i, i + COUNT_BATCH);
    const counts = await Promise.all(batch.map((w) => countInWave(w._id)));
    batch.forEach((w, k) => counted.set(w._id.toHexString(), counts[k]!));
  }
  return counted;
}

/**
 * Each wave's count when something is unexplained, open waves first: answers
 * arrive only there, and most of a day's arrive with an id below the newest
 * (response ids are random within their day), so this is the usual path
 * during fieldwork. When the open waves' counts with the others' known counts
 * make the store's total, the others are left uncounted (absent from the
 * map); otherwise (a response removed, a wave closed meanwhile) every wave is
 * counted.
 */
async function countLiveFirst(
  waves: readonly WaveInfo[],
  total: number,
): Promise<Map<string, number>> {
  const live = waves.filter((w) => w.status === "open");
  const counted = await countPerWave(live);
  let sum = 0;
  for (const w of waves) {
    const id = w._id.toHexString();
    // A wave never aggregated had none (else the sum falls short and all are counted).
    sum += counted.get(id) ?? known.get(id)?.fingerprint.responses ?? 0;
  }
  return sum === total ? counted : countPerWave(waves);
}

/**
 * Brings the aggregates up to date. The check on every view is cheap on any
 * store: the collection's estimated count, the responses newer than the newest
 * one included (an _id range on the _id index) and the margins' timestamps.
 * Responses are normally only added; when the count is not what the additions
 * explain (a response removed, or one that arrived with a lower id: response ids
 * carry their day and random bytes, so most of a day's arrivals do), every
 * wave's count is checked through the waveId index and only the waves whose
 * count differs are looked at again. A stale wave takes up the
 * stored aggregate when another server already computed it from the same
 * responses, and is computed from its responses otherwise.
 */
async function refresh(): Promise<void> {
  const [margins, count] = await Promise.all([
    loadMargins(),
    SurveyResponse.estimatedDocumentCount().read(analyticsRead()),
  ]);
  const marginsAt = new Map([...margins].map(([a, m]) => [a, m.at]));
  if (!stamp) stamp = await adoptStored(marginsAt);
  const before: Stamp = stamp;

  const added = before.newestId
    ? await SurveyResponse.find(
        { _id: mongoose.trusted({ $gt: oid(before.newestId) }) },
        {
          waveId: 1,
        },
      )
        .read(analyticsRead())
        .lean()
    : [];
  const addedNewest = new Map<string, string>();
  for (const r of added) {
    const w = r.waveId.toHexString();
    addedNewest.set(w, later(addedNewest.get(w) ?? null, r._id.toHexString())!);
  }
  const candidates = new Set(addedNewest.keys());

  // Without a newest id nothing is known yet, so every wave is checked.
  const suspect = before.newestId === null || count !== before.count + added.length;
  let waves: WaveInfo[] | null = null;
  let counted = new Map<string, number>();
  if (suspect) {
    waves = await Wave.find({}, WAVE_FIELDS).lean();
    const present = new Set(waves.map((w) => w._id.toHexString()));
    for (const id of known.keys()) if (!present.has(id)) known.delete(id);
    counted = await countLiveFirst(waves, count);
    for (const w of waves) {
      const id = w._id.toHexString();
      const n = counted.get(id);
      if (n === undefined) continue; // not counted: its known aggregate explains the total
      const k = known.get(id);
      if (k ? n !== k.fingerprint.responses : n > 0) candidates.add(id);
    }
  }

  const changed = [...new Set([...before.margins.keys(), ...marginsAt.keys()])].filter(
    (a) => before.margins.get(a) !== marginsAt.get(a),
  );
  if (changed.length > 0) {
    const affected =
      waves?.filter((w) => changed.includes(w.authorityId.toHexString())) ??
      (await Wave.find(
        { authorityId: mongoose.trusted({ $in: changed.map(oid) }) },
        WAVE_FIELDS,
      ).lean());
    for (const w of affected) candidates.add(w._id.toHexString());
  }

  if (candidates.size > 0) {
    const infos =
      waves?.filter((w) => candidates.has(w._id.toHexString())) ??
      (await Wave.find(
        { _id: mongoose.trusted({ $in: [...candidates].map(oid) }) },
        WAVE_FIELDS,
      ).lean());
    const records = (await WaveAggregateRecord.find({
      _id: mongoose.trusted({ $in: infos.map((w) => w._id) }),
      "fingerprint.format": AGGREGATE_FORMAT,
    }).lean()) as AggregateRecordDoc[];
    const stored = new Map(records.map((r) => [r._id.toHexString(), r]));
    for (const w of infos) {
      const id = w._id.toHexString();
      const record = stored.get(id);
      if (record) {
        const current: Fingerprint = {
          format: AGGREGATE_FORMAT,
          instrumentVersionId: w.instrumentVersionId.toHexString(),
          marginsAt: marginsAt.get(w.authorityId.toHexString()) ?? 0,
          responses: counted.get(id) ?? (await countInWave(w._id)),
          newestId:
            later(known.get(id)?.fingerprint.newestId ?? null, addedNewest.get(id) ?? null) ??
            (await newestOf(w._id)),
        };
        if (sameFingerprint(record.fingerprint, current)) {
          known.set(id, {
            fingerprint: record.fingerprint,
            aggregate: decodeAggregate(record.aggregate),
          });
          activity.reused += 1;
          continue;
        }
      }
      known.set(id, await build(w, margins));
    }
  }

  let newestId = before.newestId;
  for (const id of addedNewest.values()) newestId = later(newestId, id);
  for (const k of known.values()) newestId = later(newestId, k.fingerprint.newestId);
  stamp = { count, newestId, margins: marginsAt };
}

/** The newest response id of one wave (null for a wave without responses). */
async function newestOf(waveId: Types.ObjectId): Promise<string | null> {
  const doc = await SurveyResponse.findOne({ waveId }, { _id: 1 })
    .sort({ _id: -1 })
    .read(analyticsRead())
    .lean();
  return doc?._id.toHexString() ?? null;
}

/**
 * The aggregates of every wave, brought up to date first. Each wave's aggregate
 * is kept in memory and in the database (wave_aggregates), and recomputed only
 * when its responses, its authority's margins or its instrument version change,
 * so a late response shows at once without recomputing the program, and a
 * restarted or second server starts from the stored aggregates. One refresh
 * runs at a time; callers arriving meanwhile wait for it.
 */
export async function freshAggregates(): Promise<{
  get(waveId: Types.ObjectId): WaveAggregate | undefined;
}> {
  while (refreshing) await refreshing;
  refreshing = refresh().finally(() => (refreshing = null));
  await refreshing;
  const current = new Map([...known].map(([id, k]) => [id, k.aggregate]));
  return { get: (id) => current.get(id.toHexString()) };
}

/**
 * Forgets every aggregate held in memory, as a restart does (tests, benches, and
 * a store restored from a backup); the stored ones are checked again on the next view.
 */
export function resetAggregates(): void {
  stamp = null;
  known = new Map();
}

/** How many wave aggregates were computed from responses, and how many were taken up stored. */
export function aggregateActivity(): { built: number; reused: number } {
  return { ...activity };
}
