import { Schema, model } from "mongoose";
import type { CategoryTally } from "../analytics/category-shares";
import type { ConstructReliability } from "../surveys/reliability";
import { DIMENSIONS, type Dimension } from "./dimensions";
import type { Moments } from "./moments";
import type { ConstructAggregate, WaveAggregate } from "./wave-aggregate";
import type { WaveWeighting } from "./weighting";

/**
 * Bumped whenever aggregateWave computes something different, so aggregates
 * stored by an older release are recomputed instead of trusted.
 */
export const AGGREGATE_FORMAT = 5;

/**
 * What a wave's aggregate was computed from. Any difference from the store now
 * means it is stale: responses added or removed (count, newest id), the
 * authority's margins changed, the wave's instrument version changed, or the
 * computation itself changed (format).
 */
export interface Fingerprint {
  format: number;
  instrumentVersionId: string;
  marginsAt: number;
  responses: number;
  newestId: string | null;
}

/** Two fingerprints describe the same inputs. */
export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return (
    a.format === b.format &&
    a.instrumentVersionId === b.instrumentVersionId &&
    a.marginsAt === b.marginsAt &&
    a.responses === b.responses &&
    a.newestId === b.newestId
  );
}

/** A wave's aggregate as stored: maps become arrays, so no answer text is ever a field name. */
interface StoredAggregate {
  responses: number;
  byChannel: Record<string, number>;
  weighting: WaveWeighting;
  constructs: Array<{
    id: string;
    total: Moments;
    groups: Array<{ dimension: Dimension; cells: Array<{ key: string; moments: Moments }> }>;
  }>;
  reliability: Array<{ locale: string; constructs: ConstructReliability[] }>;
  /** Frequency items' counts per answer category (format 5 on). */
  items?: Array<{ id: string; tally: CategoryTally }>;
}

/**
 * Numbers JSON has no literal for travel as { "~": "NaN" } and the like: an
 * object, so no text a resident typed (a neighbourhood called "NaN") is mistaken
 * for one.
 */
const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

function isNonFiniteTag(value: unknown): value is { "~": string } {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  const tag = (value as Record<string, unknown>)["~"];
  return keys.length === 1 && typeof tag === "string" && Object.hasOwn(NON_FINITE, tag);
}

/**
 * The stored form of an aggregate: one JSON text. A wave's aggregate is a few
 * thousand numbers; as one string it crosses the wire and the store as a single
 * value, which is what makes taking up a program's aggregates after a restart
 * quick. JSON gives every finite double back exactly.
 */
export function encodeAggregate(a: WaveAggregate): string {
  return JSON.stringify(storedForm(a), (_key, value: unknown) =>
    typeof value === "number" && !Number.isFinite(value) ? { "~": String(value) } : value,
  );
}

/** An aggregate back from its stored JSON text. */
export function decodeAggregate(text: string): WaveAggregate {
  return fromStoredForm(
    JSON.parse(text, (_key, value: unknown) =>
      isNonFiniteTag(value) ? NON_FINITE[value["~"]] : value,
    ) as StoredAggregate,
  );
}

function storedForm(a: WaveAggregate): StoredAggregate {
  return {
    responses: a.responses,
    byChannel: a.byChannel,
    weighting: a.weighting,
    constructs: [...a.constructs].map(([id, c]) => ({
      id,
      total: c.total,
      groups: DIMENSIONS.map((dimension) => ({
        dimension,
        cells: [...c.groups[dimension]].map(([key, moments]) => ({ key, moments })),
      })),
    })),
    reliability: [...a.reliability].map(([locale, constructs]) => ({ locale, constructs })),
    ...(a.items ? { items: [...a.items].map(([id, tally]) => ({ id, tally })) } : {}),
  };
}

function fromStoredForm(s: StoredAggregate): WaveAggregate {
  const constructs = new Map<string, ConstructAggregate>();
  for (const c of s.constructs) {
    const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map()])) as Record<
      Dimension,
      Map<string, Moments>
    >;
    for (const g of c.groups)
      groups[g.dimension] = new Map(g.cells.map((cell) => [cell.key, cell.moments]));
    constructs.set(c.id, { total: c.total, groups });
  }
  return {
    responses: s.responses,
    byChannel: s.byChannel,
    weighting: s.weighting,
    constructs,
    reliability: new Map(s.reliability.map((r) => [r.locale, r.constructs])),
    ...(s.items ? { items: new Map(s.items.map((i) => [i.id, i.tally])) } : {}),
  };
}

/**
 * One wave's dashboard aggregate, kept in the database so a restarted server,
 * or another one behind the same load balancer, takes it up instead of reading
 * every response again. It holds sums of scores per group, never a response.
 */
const recordSchema = new Schema(
  {
    /** The wave's id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    authorityId: { type: Schema.Types.ObjectId, required: true },
    fingerprint: {
      format: { type: Number, required: true },
      instrumentVersionId: { type: String, required: true },
      marginsAt: { type: Number, required: true },
      responses: { type: Number, required: true },
      newestId: { type: String, default: null },
    },
    /** encodeAggregate's JSON text. */
    aggregate: { type: String, required: true },
    computedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, collection: "wave_aggregates" },
);

export const WaveAggregateRecord = model("WaveAggregateRecord", recordSchema);

/** A stored record read back with lean(). */
export interface AggregateRecordDoc {
  _id: { toHexString(): string };
  authorityId: { toHexString(): string };
  fingerprint: Fingerprint;
  aggregate: string;
}
