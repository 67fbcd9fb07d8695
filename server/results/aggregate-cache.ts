import mongoose, { type Types } from "mongoose";
import type { Margin } from "../analytics/raking";
import { getSnapshot } from "../instruments/service";
import { SurveyResponse } from "../responses/model";
import { Wave } from "../waves/model";
import { PopulationMargins } from "./margins-model";
import { aggregateWave, type ResponseRow, type WaveAggregate } from "./wave-aggregate";

/** What the cache last saw of the store; any difference means some wave is stale. */
interface Stamp {
  count: number;
  newestId: string | null;
  /** authorityId → margins updatedAt (ms). */
  margins: Map<string, number>;
}

const PROJECTION = { channel: 1, locale: 1, answers: 1, scores: 1 } as const;

let stamp: Stamp | null = null;
let waves = new Map<string, WaveAggregate>();
let refreshing: Promise<void> | null = null;

/** Margins of every authority that has them, as the engine takes them. */
export async function loadMargins(): Promise<Map<string, { at: number; margins: Margin[] }>> {
  const docs = await PopulationMargins.find({}).lean();
  return new Map(
    docs.map((d) => [
      d.authorityId.toHexString(),
      {
        at: (d.updatedAt as Date | undefined)?.getTime() ?? 0,
        margins: d.margins.map((m) => ({
          variable: m.variable,
          shares: new Map(
            Object.entries(
              m.shares instanceof Map ? Object.fromEntries(m.shares) : (m.shares as object),
            ).map(([k, v]) => [k, Number(v)]),
          ),
        })),
      },
    ]),
  );
}

/** The newest response id seen while building, so the next stamp needs no sort. */
let newestSeen: string | null = null;

function noteId(id: Types.ObjectId): void {
  const hex = id.toHexString();
  if (newestSeen === null || hex > newestSeen) newestSeen = hex;
}

async function buildWaves(
  ids: readonly Types.ObjectId[],
  margins: Map<string, { margins: Margin[] }>,
): Promise<void> {
  const docs = await Wave.find(
    { _id: mongoose.trusted({ $in: ids }) },
    { authorityId: 1, instrumentVersionId: 1 },
  ).lean();
  for (const w of docs) {
    const rows = (await SurveyResponse.find({ waveId: w._id }, PROJECTION).lean()) as Array<
      ResponseRow & { _id: Types.ObjectId }
    >;
    for (const r of rows) noteId(r._id);
    const snapshot = await getSnapshot(w.instrumentVersionId);
    const m = margins.get(w.authorityId.toHexString())?.margins ?? null;
    waves.set(w._id.toHexString(), aggregateWave(snapshot, rows, m));
  }
}

/**
 * Brings the aggregates up to date. The check that runs on every view is cheap
 * on any store: the collection's count, the responses newer than the newest one
 * seen (an _id range, answered by the _id index) and the margins' timestamps.
 * Responses are only ever added; a count that differs from what the new ones
 * explain means some were removed, and everything is rebuilt.
 */
async function refresh(): Promise<void> {
  const since = stamp?.newestId ?? null;
  const [count, added, margins] = await Promise.all([
    SurveyResponse.estimatedDocumentCount(),
    since
      ? SurveyResponse.find(
          { _id: mongoose.trusted({ $gt: new mongoose.Types.ObjectId(since) }) },
          { waveId: 1 },
        ).lean()
      : Promise.resolve([]),
    loadMargins(),
  ]);
  const marginStamps = new Map([...margins].map(([a, m]) => [a, m.at]));
  const stale = new Set<string>();
  const full = stamp === null || stamp.count + added.length !== count;
  for (const r of added) {
    stale.add(r.waveId.toHexString());
    noteId(r._id);
  }
  if (stamp && !full) {
    const changed = [...new Set([...stamp.margins.keys(), ...marginStamps.keys()])].filter(
      (a) => stamp!.margins.get(a) !== marginStamps.get(a),
    );
    if (changed.length > 0) {
      const ids = changed.map((a) => new mongoose.Types.ObjectId(a));
      const affected = await Wave.find(
        { authorityId: mongoose.trusted({ $in: ids }) },
        { _id: 1 },
      ).lean();
      for (const w of affected) stale.add(w._id.toHexString());
    }
  }
  if (full) {
    waves = new Map();
    newestSeen = null;
    const all = await Wave.find({}, { _id: 1 }).lean();
    await buildWaves(
      all.map((w) => w._id),
      margins,
    );
  } else if (stale.size > 0) {
    await buildWaves(
      [...stale].map((id) => new mongoose.Types.ObjectId(id)),
      margins,
    );
  }
  stamp = {
    count: full ? await SurveyResponse.estimatedDocumentCount() : count,
    newestId: newestSeen,
    margins: marginStamps,
  };
}

/**
 * The aggregates of every wave, brought up to date first. Aggregates are kept
 * in memory per wave and rebuilt only for waves whose responses (or whose
 * authority's margins) changed since the last call, so a late response shows at
 * once without recomputing the program. One refresh runs at a time; callers
 * arriving meanwhile wait for it.
 */
export async function freshAggregates(): Promise<{
  get(waveId: Types.ObjectId): WaveAggregate | undefined;
}> {
  while (refreshing) await refreshing;
  refreshing = refresh().finally(() => (refreshing = null));
  await refreshing;
  const current = waves;
  return { get: (id) => current.get(id.toHexString()) };
}

/** Forgets every aggregate (tests, and a store that was restored from a backup). */
export function resetAggregates(): void {
  stamp = null;
  waves = new Map();
  newestSeen = null;
}
