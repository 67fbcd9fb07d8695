import type { Types } from "mongoose";
import { loadInstrumentDraft, loadItemBank } from "../surveys/bank";
import { compareVersions, type VersionComparison } from "../surveys/compare";
import {
  instrumentSnapshotSchema,
  publishSnapshot,
  type InstrumentSnapshot,
} from "../surveys/snapshot";
import { InstrumentVersion } from "./model";

/** Published versions never change, so their parsed snapshots can be kept for the process's life. */
const snapshotCache = new Map<string, PublishedInstrument>();

/** A published snapshot with the version number it was published under. */
export type PublishedInstrument = InstrumentSnapshot & { version: number };

/**
 * Publishes an edition of an instrument from the item bank (the first, which
 * existing waves use, by default). When it is identical to the latest published
 * version, that version is returned instead of a duplicate.
 */
export async function publishInstrument(
  key: string,
  surveysDir?: string,
  edition = 1,
): Promise<{ id: Types.ObjectId; key: string; version: number; created: boolean }> {
  const bank = loadItemBank(surveysDir);
  return storeSnapshot(publishSnapshot(bank, loadInstrumentDraft(bank, key, edition)));
}

/**
 * Stores a snapshot as the next version of its instrument (the workspace's
 * designer publishes through here too). When it is identical to the latest
 * published version, that version is returned instead of a duplicate.
 */
export async function storeSnapshot(
  snapshot: InstrumentSnapshot,
): Promise<{ id: Types.ObjectId; key: string; version: number; created: boolean }> {
  const key = snapshot.key;
  const latest = await InstrumentVersion.findOne({ key }).sort({ version: -1 }).lean();
  if (latest && latest.contentHash === snapshot.contentHash) {
    return { id: latest._id, key, version: latest.version, created: false };
  }
  const created = await InstrumentVersion.create({
    key,
    version: (latest?.version ?? 0) + 1,
    contentHash: snapshot.contentHash,
    snapshot,
    publishedAt: new Date(),
  });
  return { id: created._id, key, version: created.version, created: true };
}

/** The snapshot of a published version, validated on first read. */
export async function getSnapshot(
  instrumentVersionId: Types.ObjectId,
): Promise<PublishedInstrument> {
  const cacheKey = instrumentVersionId.toHexString();
  const cached = snapshotCache.get(cacheKey);
  if (cached) return cached;
  const doc = await InstrumentVersion.findById(instrumentVersionId, {
    snapshot: 1,
    version: 1,
  }).lean();
  if (!doc) throw new Error(`Instrument version ${cacheKey} is missing`);
  const snapshot = { ...instrumentSnapshotSchema.parse(doc.snapshot), version: doc.version };
  snapshotCache.set(cacheKey, snapshot);
  return snapshot;
}

/**
 * Series breaks between two published versions of an instrument (see
 * compareVersions). Throws when either version does not exist.
 */
export async function compareInstrumentVersions(
  key: string,
  fromVersion: number,
  toVersion: number,
): Promise<VersionComparison & { key: string; fromVersion: number; toVersion: number }> {
  const [a, b] = await Promise.all(
    [fromVersion, toVersion].map(async (version) => {
      const doc = await InstrumentVersion.findOne({ key, version }, { _id: 1 }).lean();
      if (!doc) throw new Error(`Instrument "${key}" has no version ${version}`);
      return getSnapshot(doc._id);
    }),
  );
  return { key, fromVersion, toVersion, ...compareVersions(a!, b!) };
}
