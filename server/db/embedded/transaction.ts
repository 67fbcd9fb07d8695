import type { Document } from "bson";
import { prepareInsert, type Collection, type CollectionView } from "./collection";
import type { DataSource, Engine, WriteApi } from "./engine";
import { CommandFault, faults } from "./errors";
import type { Index, IndexSpec } from "./indexes";
import type { QueryPlan } from "./planner";
import { keyString } from "./values";

/** Labels the driver reads to retry a whole transaction. */
export const TRANSIENT = { errorLabels: ["TransientTransactionError"] };

export function writeConflict(): CommandFault {
  return new CommandFault(
    112,
    "WriteConflict",
    "WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.",
    TRANSIENT,
  );
}

/** Documents written by open transactions, so a second writer is turned away. */
export type LockTable = Map<string, string>;

/**
 * A collection as a transaction sees it: the stored documents with the
 * transaction's own uncommitted changes laid over them. Other clients keep
 * seeing the stored documents until the transaction commits.
 */
class OverlayCollection implements CollectionView {
  /** Changed documents by id key; null when deleted in the transaction. */
  readonly changes = new Map<string, Document | null>();
  /** The stored version (Collection.version) of each changed id when the transaction first touched it. */
  readonly before = new Map<string, number | undefined>();

  constructor(
    readonly base: Collection,
    private readonly txn: Transaction,
  ) {}

  get db(): string {
    return this.base.db;
  }
  get name(): string {
    return this.base.name;
  }
  get ns(): string {
    return this.base.ns;
  }
  get options(): Document {
    return this.base.options;
  }
  get indexes(): ReadonlyMap<string, Index> {
    return this.base.indexes;
  }

  get size(): number {
    let n = this.base.size;
    for (const [id, doc] of this.changes) {
      const stored = this.base.has(id);
      if (doc && !stored) n += 1;
      if (!doc && stored) n -= 1;
    }
    return n;
  }

  get(idKey: string): Document | undefined {
    return this.changes.has(idKey) ? (this.changes.get(idKey) ?? undefined) : this.base.get(idKey);
  }

  *all(): Iterable<Document> {
    for (const doc of this.base.all()) if (!this.changes.has(keyString(doc._id))) yield doc;
    for (const doc of this.changes.values()) if (doc) yield doc;
  }

  candidates(
    filter: Document | undefined,
    options?: { collation?: Document },
  ): { docs: Document[]; plan: QueryPlan } {
    const { docs, plan } = this.base.candidates(filter, options);
    const visible = docs.filter((d) => !this.changes.has(keyString(d._id)));
    for (const doc of this.changes.values()) if (doc) visible.push(doc);
    return { docs: visible, plan };
  }

  indexSpecs(): IndexSpec[] {
    return this.base.indexSpecs();
  }

  /** Records the stored version on first touch and takes the document's write lock. */
  private touch(idKey: string): void {
    if (this.before.has(idKey)) return;
    const lockKey = `${this.ns}\u0000${idKey}`;
    const holder = this.txn.locks.get(lockKey);
    if (holder !== undefined && holder !== this.txn.id) throw writeConflict();
    this.txn.locks.set(lockKey, this.txn.id);
    this.txn.held.push(lockKey);
    this.before.set(idKey, this.base.version(idKey));
  }

  private checkUnique(doc: Document, idKey: string): void {
    for (const index of this.base.indexes.values()) {
      if (!index.unique || index.name === "_id_") continue;
      for (const tuple of index.tuplesOf(doc)) {
        const key = keyString(tuple);
        const stored = [...index.lookup(tuple)].some(
          (holder) => holder !== idKey && !this.changes.has(holder),
        );
        const pending = [...this.changes].some(
          ([id, other]) =>
            id !== idKey &&
            other !== null &&
            index.tuplesOf(other).some((t) => keyString(t) === key),
        );
        if (stored || pending) {
          const keyPattern = Object.fromEntries(index.fields.map((f) => [f, index.spec.key[f]]));
          const keyValue = Object.fromEntries(index.fields.map((f, i) => [f, tuple[i]]));
          throw faults.duplicateKey(this.ns, index.name, keyPattern, keyValue);
        }
      }
    }
  }

  insert(doc: Document): Document {
    const prepared = prepareInsert(doc);
    const idKey = keyString(prepared._id);
    if (this.get(idKey))
      throw faults.duplicateKey(this.ns, "_id_", { _id: 1 }, { _id: prepared._id });
    this.checkUnique(prepared, idKey);
    this.touch(idKey);
    this.changes.set(idKey, prepared);
    return prepared;
  }

  replace(idKey: string, doc: Document): Document {
    if (!this.get(idKey)) return this.insert(doc);
    if (keyString(doc._id) !== idKey) {
      throw faults.immutableField(
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    this.checkUnique(doc, idKey);
    this.touch(idKey);
    this.changes.set(idKey, doc);
    return doc;
  }

  remove(idKey: string): void {
    if (!this.get(idKey)) return;
    this.touch(idKey);
    this.changes.set(idKey, null);
  }
}

/** Collections a transaction creates exist only in it until it commits. */
function pendingCollection(engine: Engine, db: string, name: string): Collection {
  // A detached collection object: registered with the engine only at commit.
  return engine.detachedCollection(db, name);
}

/**
 * One multi-document transaction. Its writes stay private; commit checks that
 * no document it changed was changed by anyone else since, then applies all of
 * them as one journal record, so they become visible and durable together.
 */
export class Transaction implements DataSource {
  readonly held: string[] = [];
  private readonly overlays = new Map<string, OverlayCollection>();
  lastUsed = Date.now();

  constructor(
    readonly engine: Engine,
    readonly id: string,
    readonly locks: LockTable,
  ) {}

  collection(db: string, name: string): CollectionView | undefined {
    const ns = `${db}.${name}`;
    const open = this.overlays.get(ns);
    if (open) return open.size > 0 || this.engine.collection(db, name) ? open : undefined;
    const base = this.engine.collection(db, name);
    if (!base) return undefined;
    const overlay = new OverlayCollection(base, this);
    this.overlays.set(ns, overlay);
    return overlay;
  }

  collections(db: string): CollectionView[] {
    const names = new Set(this.engine.collections(db).map((c) => c.name));
    for (const overlay of this.overlays.values())
      if (overlay.db === db && overlay.size > 0) names.add(overlay.name);
    return [...names].map((n) => this.collection(db, n)!).filter(Boolean);
  }

  databases(): string[] {
    return this.engine.databases();
  }

  write<T>(run: (writer: WriteApi) => T): Promise<T> {
    this.lastUsed = Date.now();
    return Promise.resolve(run(new TransactionWriter(this)));
  }

  /** @internal The overlay of a collection, created empty when the transaction creates it. */
  overlay(db: string, name: string): OverlayCollection {
    const ns = `${db}.${name}`;
    let overlay = this.overlays.get(ns);
    if (!overlay) {
      overlay = new OverlayCollection(
        this.engine.collection(db, name) ?? pendingCollection(this.engine, db, name),
        this,
      );
      this.overlays.set(ns, overlay);
    }
    return overlay;
  }

  /** Applies every change, or none when another writer got to one of its documents first. */
  async commit(): Promise<void> {
    try {
      await this.engine.write((w) => {
        for (const overlay of this.overlays.values()) {
          const stored = this.engine.collection(overlay.db, overlay.name);
          for (const [idKey, before] of overlay.before) {
            if ((stored?.version(idKey) ?? undefined) !== before) throw writeConflict();
          }
          // A plain write since may have taken a unique key this transaction wants.
          for (const [idKey, doc] of overlay.changes) {
            if (!doc || !stored) continue;
            for (const index of stored.indexes.values()) {
              if (!index.unique || index.name === "_id_") continue;
              for (const tuple of index.tuplesOf(doc)) {
                for (const holder of index.lookup(tuple)) {
                  if (holder !== idKey && !overlay.changes.has(holder)) throw writeConflict();
                }
              }
            }
          }
        }
        for (const overlay of this.overlays.values()) {
          if (overlay.changes.size === 0) continue;
          const { collection } = w.ensureCollection(overlay.db, overlay.name);
          // Removals first, so documents that swap unique values do not collide with each other.
          for (const idKey of overlay.changes.keys()) w.remove(collection, idKey);
          for (const doc of overlay.changes.values()) if (doc) w.insert(collection, doc);
        }
      });
    } finally {
      this.release();
    }
  }

  abort(): void {
    this.overlays.clear();
    this.release();
  }

  private release(): void {
    for (const key of this.held) if (this.locks.get(key) === this.id) this.locks.delete(key);
    this.held.length = 0;
  }
}

class TransactionWriter implements WriteApi {
  constructor(private readonly txn: Transaction) {}

  ensureCollection(db: string, coll: string): { collection: CollectionView; created: boolean } {
    const created = !this.txn.engine.collection(db, coll);
    return { collection: this.txn.overlay(db, coll), created };
  }

  insert(c: CollectionView, doc: Document): Document {
    return this.txn.overlay(c.db, c.name).insert(doc);
  }

  replace(c: CollectionView, idKey: string, doc: Document): Document {
    return this.txn.overlay(c.db, c.name).replace(idKey, doc);
  }

  remove(c: CollectionView, idKey: string): void {
    this.txn.overlay(c.db, c.name).remove(idKey);
  }

  private refuse(): never {
    throw new CommandFault(
      263,
      "OperationNotSupportedInTransaction",
      "Cannot run this command in a multi-document transaction.",
    );
  }

  createIndex(): void {
    this.refuse();
  }
  dropIndex(): void {
    this.refuse();
  }
  drop(): void {
    this.refuse();
  }
  dropDatabase(): void {
    this.refuse();
  }
  rename(): void {
    this.refuse();
  }
  setOptions(): void {
    this.refuse();
  }
}
