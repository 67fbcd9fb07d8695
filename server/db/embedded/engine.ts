import type { Document } from "bson";
import { Collection, type CollectionView } from "./collection";
import { faults } from "./errors";
import type { IndexSpec } from "./indexes";
import type { ReplaySource } from "./document-slabs";
import type { Journal } from "./journal";
import { keyString } from "./values";

/**
 * A change as the journal records it. Each is idempotent (a `put` carries the
 * whole document), so replaying a journal over a snapshot that already holds
 * some of its changes gives the same state.
 */
export type Effect =
  | { op: "create"; db: string; coll: string; options: Document }
  | { op: "put"; db: string; coll: string; doc: Document }
  /** A snapshot's documents, many to an effect (each distinct, and none there before). */
  | { op: "puts"; db: string; coll: string; docs: Document[] }
  /**
   * Documents as their stored bytes, replayed from a snapshot's puts or a
   * journal's put (journal-reader.ts); never written. The buffers are views of
   * the reader's, valid while the effect is applied.
   */
  | { op: "stored"; db: string; coll: string; docs: Buffer[] }
  | { op: "del"; db: string; coll: string; id: unknown }
  | { op: "drop"; db: string; coll: string }
  | { op: "dropDb"; db: string }
  | { op: "index"; db: string; coll: string; spec: IndexSpec }
  | { op: "dropIndex"; db: string; coll: string; name: string }
  | { op: "rename"; db: string; coll: string; toDb: string; toColl: string }
  /** New collection options (collMod: validator, validationLevel, validationAction). */
  | { op: "options"; db: string; coll: string; options: Document };

const INVALID_NAME = /[\0$]/;

/** The changes a command may make; a transaction's writer keeps them private until commit. */
export interface WriteApi {
  ensureCollection(
    db: string,
    coll: string,
    options?: Document,
  ): { collection: CollectionView; created: boolean };
  insert(c: CollectionView, doc: Document): Document;
  replace(c: CollectionView, idKey: string, doc: Document): Document;
  remove(c: CollectionView, idKey: string): void;
  createIndex(c: CollectionView, spec: IndexSpec): void;
  dropIndex(c: CollectionView, name: string): void;
  drop(db: string, coll: string): void;
  dropDatabase(db: string): void;
  rename(db: string, coll: string, toDb: string, toColl: string): void;
  setOptions(c: CollectionView, options: Document): void;
}

/** What commands run against: the engine itself, or a transaction over it. */
export interface DataSource {
  collection(db: string, name: string): CollectionView | undefined;
  collections(db: string): CollectionView[];
  databases(): string[];
  write<T>(run: (writer: WriteApi) => T): Promise<T>;
}

/**
 * The databases of the embedded server and every change to them. Commands
 * change data only through a {@link Writer}, which records each change so the
 * command's changes reach the journal together, before its reply is sent.
 */
export class Engine implements DataSource {
  private readonly dbs = new Map<string, Map<string, Collection>>();

  constructor(private journal?: Journal) {}

  /** Starts journaling writes; the state replayed before this is already on disk. */
  attach(journal: Journal): void {
    this.journal = journal;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** A collection object not (yet) registered, for one a transaction creates. */
  detachedCollection(db: string, name: string): Collection {
    checkNamespace(db, name);
    return new Collection(db, name);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  databases(): string[] {
    return [...this.dbs.keys()].filter((db) => (this.dbs.get(db)?.size ?? 0) > 0);
  }

  /** Document and collection counts for the health check. */
  stats(): { databases: number; collections: number; documents: number } {
    let collections = 0;
    let documents = 0;
    for (const db of this.dbs.values()) {
      collections += db.size;
      for (const c of db.values()) documents += c.size;
    }
    return { databases: this.databases().length, collections, documents };
  }

  /**
   * Runs the synchronous part of a command. Whatever it changed goes to the
   * journal as one record — also when it fails half-way, since the changes made
   * before the failure stay, as they do in MongoDB — and the returned promise
   * settles once that record is durable.
   */
  async write<T>(run: (writer: Writer) => T): Promise<T> {
    const writer = new Writer(this);
    let result: T;
    try {
      result = run(writer);
    } catch (err) {
      await this.persist(writer);
      throw err;
    }
    await this.persist(writer);
    return result;
  }

  /**
   * Journals a command's changes. When the journal cannot take them (disk full)
   * they are undone in memory, so nothing is visible that a crash would lose: a
   * retry then finds nothing stored and tries again, instead of being told
   * "stored before". The journal refuses every record queued behind a failed
   * one, last first, so undoing them in turn restores the last durable state.
   */
  private async persist(writer: Writer): Promise<void> {
    if (writer.effects.length === 0 || !this.journal) return;
    try {
      await this.journal.append({ e: writer.effects });
    } catch (err) {
      writer.rollback();
      throw err;
    }
  }

  /** @internal Puts back a collection object taken out by `drop` (rollback only). */
  restoreCollection(collection: Collection): void {
    this.database(collection.db).set(collection.name, collection);
  }

  /**
   * Applies one journal or snapshot effect during recovery, without unique
   * checks; documents replayed with `from` may stay in its file until loaded.
   */
  replay(effect: Effect, from?: ReplaySource): void {
    this.apply(effect, true, from);
  }

  /**
   * Copies up to `limit` more documents a replay left in the snapshot into
   * memory (DocumentSlabs.loadSome); true when none is left.
   */
  loadDocuments(limit: number): boolean {
    for (const colls of this.dbs.values())
      for (const c of colls.values()) if (!c.loadSome(limit)) return false;
    return true;
  }

  /**
   * Hashes up to `limit` more documents into an index a replay left to build
   * (Index.defer); true when none was left.
   */
  buildDeferredIndexes(limit: number): boolean {
    for (const colls of this.dbs.values())
      for (const c of colls.values()) if (!c.buildDeferredIndexes(limit)) return false;
    return true;
  }

  /**
   * Every collection, index and document as effects: the content of a snapshot.
   * The state is captured when this is called (stored bytes are never changed in
   * place, so holding them is enough); the records are made as they are read,
   * and the journal writes the documents as those bytes.
   */
  dump(): Iterable<Document> {
    const frozen = [...this.dbs].flatMap(([db, colls]) =>
      [...colls.values()].map((c) => ({
        db,
        coll: c.name,
        options: c.options,
        specs: c.indexSpecs(),
        docs: c.storedBytes(),
      })),
    );
    return (function* () {
      for (const { db, coll, options, specs, docs } of frozen) {
        yield { e: [{ op: "create", db, coll, options }] };
        for (const spec of specs)
          if (spec.name !== "_id_") yield { e: [{ op: "index", db, coll, spec }] };
        for (let i = 0; i < docs.length; i += 500)
          yield { e: [{ op: "puts", db, coll, docs: docs.slice(i, i + 500) }] };
      }
    })();
  }

  /**
   * @internal Applies an effect; `force` skips unique checks and `from` says
   * where replayed documents lie (replay only).
   */
  apply(effect: Effect, force = false, from?: ReplaySource): unknown {
    switch (effect.op) {
      case "create":
        return this.ensure(effect.db, effect.coll, effect.options);
      case "put": {
        const c = this.ensure(effect.db, effect.coll);
        // Replaying, insert replaces a document already there (force); no lookup first.
        if (force) return c.insert(effect.doc, true);
        const idKey = keyString(effect.doc._id);
        return c.get(idKey) ? c.replace(idKey, effect.doc) : c.insert(effect.doc);
      }
      case "puts": {
        const c = this.ensure(effect.db, effect.coll);
        for (const doc of effect.docs) c.insert(doc, force);
        return undefined;
      }
      case "stored": {
        const c = this.ensure(effect.db, effect.coll);
        for (const bytes of effect.docs) c.replayStored(bytes, from);
        return undefined;
      }
      case "del":
        return this.collection(effect.db, effect.coll)?.remove(keyString(effect.id));
      case "drop":
        return this.dbs.get(effect.db)?.delete(effect.coll);
      case "dropDb":
        return this.dbs.delete(effect.db);
      case "index":
        return this.ensure(effect.db, effect.coll).createIndex(effect.spec, force);
      case "dropIndex": {
        const c = this.collection(effect.db, effect.coll);
        return force ? c?.indexes.delete(effect.name) : c?.dropIndex(effect.name);
      }
      case "options": {
        const c = this.collection(effect.db, effect.coll);
        if (c) c.options = effect.options;
        return c;
      }
      case "rename": {
        const source = this.collection(effect.db, effect.coll);
        if (!source) return undefined;
        this.dbs.get(effect.db)!.delete(effect.coll);
        const target = new Collection(
          effect.toDb,
          effect.toColl,
          source.options,
          source.indexSpecs(),
        );
        for (const doc of source.all()) target.insert(doc, true);
        this.database(effect.toDb).set(effect.toColl, target);
        return target;
      }
    }
  }

  private database(db: string): Map<string, Collection> {
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    return colls;
  }

  private ensure(db: string, name: string, options: Document = {}): Collection {
    const colls = this.database(db);
    let c = colls.get(name);
    if (!c) {
      c = new Collection(db, name, options);
      colls.set(name, c);
    }
    return c;
  }
}

/** Checks a database or collection name as MongoDB does. */
export function checkNamespace(db: string, coll?: string): void {
  if (!db || INVALID_NAME.test(db) || /[/\\. "]/.test(db))
    throw faults.invalidNamespace(`Invalid database name: '${db}'`);
  if (coll !== undefined && (!coll || INVALID_NAME.test(coll) || coll.startsWith("system."))) {
    throw faults.invalidNamespace(`Invalid collection name: '${coll}'`);
  }
}

/** The changes of one command, applied at once and recorded for the journal. */
export class Writer implements WriteApi {
  readonly effects: Effect[] = [];
  /** How to take back each change, in the order made. */
  private readonly undo: Array<() => void> = [];

  /** Takes back every change of this command, last first. */
  rollback(): void {
    for (const step of this.undo.reverse()) step();
    this.undo.length = 0;
  }

  constructor(private readonly engine: Engine) {}

  /** The collection, created (and journaled) when it does not exist yet. */
  ensureCollection(
    db: string,
    coll: string,
    options: Document = {},
  ): { collection: Collection; created: boolean } {
    const existing = this.engine.collection(db, coll);
    if (existing) return { collection: existing, created: false };
    checkNamespace(db, coll);
    this.undo.push(() => this.engine.apply({ op: "drop", db, coll }));
    return {
      collection: this.record({ op: "create", db, coll, options }) as Collection,
      created: true,
    };
  }

  insert(view: CollectionView, doc: Document): Document {
    const c = this.stored(view);
    const stored = this.record({ op: "put", db: c.db, coll: c.name, doc }, () =>
      c.insert(doc),
    ) as Document;
    this.undo.push(() => c.remove(keyString(stored._id)));
    return stored;
  }

  replace(view: CollectionView, idKey: string, doc: Document): Document {
    const c = this.stored(view);
    const before = c.get(idKey);
    const stored = this.record({ op: "put", db: c.db, coll: c.name, doc }, () =>
      c.replace(idKey, doc),
    ) as Document;
    this.undo.push(() => (before ? c.replace(idKey, before, true) : c.remove(idKey)));
    return stored;
  }

  remove(view: CollectionView, idKey: string): void {
    const doc = view.get(idKey);
    if (!doc) return;
    this.record({ op: "del", db: view.db, coll: view.name, id: doc._id });
    const c = this.stored(view);
    this.undo.push(() => c.insert(doc, true));
  }

  createIndex(c: CollectionView, spec: IndexSpec): void {
    this.record({ op: "index", db: c.db, coll: c.name, spec });
    this.undo.push(() =>
      this.engine.apply({ op: "dropIndex", db: c.db, coll: c.name, name: spec.name }, true),
    );
  }

  dropIndex(c: CollectionView, name: string): void {
    const spec = c.indexes.get(name)?.spec;
    this.record({ op: "dropIndex", db: c.db, coll: c.name, name });
    if (spec)
      this.undo.push(() => this.engine.apply({ op: "index", db: c.db, coll: c.name, spec }, true));
  }

  drop(db: string, coll: string): void {
    const before = this.engine.collection(db, coll);
    this.record({ op: "drop", db, coll });
    if (before) this.undo.push(() => this.engine.restoreCollection(before));
  }

  dropDatabase(db: string): void {
    const before = this.engine.collections(db);
    this.record({ op: "dropDb", db });
    this.undo.push(() => before.forEach((c) => this.engine.restoreCollection(c)));
  }

  rename(db: string, coll: string, toDb: string, toColl: string): void {
    this.record({ op: "rename", db, coll, toDb, toColl });
    this.undo.push(() =>
      this.engine.apply({ op: "rename", db: toDb, coll: toColl, toDb: db, toColl: coll }),
    );
  }

  setOptions(view: CollectionView, options: Document): void {
    const before = view.options;
    this.record({ op: "options", db: view.db, coll: view.name, options });
    this.undo.push(() =>
      this.engine.apply({ op: "options", db: view.db, coll: view.name, options: before }),
    );
  }

  private stored(view: CollectionView): Collection {
    const c = this.engine.collection(view.db, view.name);
    if (!c) throw faults.namespaceNotFound(view.ns);
    return c;
  }

  /** Applies an effect (or `run`, for the one that returns the stored document) and keeps it for the journal. */
  private record(effect: Effect, run?: () => unknown): unknown {
    const result = run ? run() : this.engine.apply(effect);
    // An insert may have given the document its _id: journal the stored form.
    if (effect.op === "put" && result) this.effects.push({ ...effect, doc: result as Document });
    else this.effects.push(effect);
    return result;
  }
}
