import type { Document } from "bson";
import { Query } from "mingo";
import { faults } from "./errors";
import { QUERY_OPTIONS } from "./query";
import { SortedKeys, type Bound } from "./sorted-keys";
import { keyString, valuesAt } from "./values";

/** An index as `listIndexes` reports it and `createIndexes` receives it. */
export interface IndexSpec extends Document {
  v?: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

const COMPARED_OPTIONS = [
  "unique",
  "sparse",
  "partialFilterExpression",
  "expireAfterSeconds",
  "collation",
] as const;

/** The default name MongoDB gives an index: `field_1_other_-1`. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([field, dir]) => `${field}_${String(dir)}`)
    .join("_");
}

/** True when two specs differ in an option that changes what the index does. */
export function optionsDiffer(a: IndexSpec, b: IndexSpec): boolean {
  return COMPARED_OPTIONS.some(
    (o) =>
      keyString(a[o] ?? (o === "unique" || o === "sparse" ? false : null)) !==
      keyString(b[o] ?? (o === "unique" || o === "sparse" ? false : null)),
  );
}

/**
 * One index of a collection. A hash of index keys answers unique checks and
 * equality lookups; the same keys in value order answer range scans. Several
 * ids per key are allowed while a journal replays, when states in between may
 * briefly overlap.
 */
export class Index {
  readonly fields: string[];
  private readonly paths: string[][];
  private readonly partial?: Query;
  private readonly hashed = new Map<string, Set<string>>();
  readonly sorted = new SortedKeys();

  constructor(
    readonly ns: string,
    readonly spec: IndexSpec,
  ) {
    this.fields = Object.keys(spec.key);
    this.paths = this.fields.map((f) => f.split("."));
    if (spec.partialFilterExpression)
      this.partial = new Query(spec.partialFilterExpression, QUERY_OPTIONS);
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true || this.spec.name === "_id_";
  }

  /** True when every document the query can match is in this index (not partial). */
  get complete(): boolean {
    return !this.partial;
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  /** The key tuples of a document (several for arrays); none when sparse or partial leave it out. */
  tuplesOf(doc: Document): unknown[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.paths.map((p) => valuesAt(doc, p));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined)))
      return [];
    let combos: unknown[][] = [[]];
    for (const values of perField)
      combos = combos.flatMap((c) => values.map((v) => [...c, v ?? null]));
    if (combos.length === 1) return combos;
    const unique = new Map<string, unknown[]>();
    for (const c of combos) unique.set(keyString(c), c);
    return [...unique.values()];
  }

  private static hashOf(tuple: unknown[]): string {
    return keyString(tuple.length === 1 ? tuple[0] : tuple);
  }

  /** Throws 11000 when another document already holds one of `doc`'s keys. */
  check(doc: Document, idKey: string): void {
    if (!this.unique) return;
    for (const tuple of this.tuplesOf(doc)) {
      const holders = this.hashed.get(Index.hashOf(tuple));
      if (holders && (holders.size > 1 || !holders.has(idKey))) {
        const keyPattern = Object.fromEntries(this.fields.map((f) => [f, this.spec.key[f]]));
        const keyValue = Object.fromEntries(this.fields.map((f, i) => [f, tuple[i]]));
        throw faults.duplicateKey(this.ns, this.name, keyPattern, keyValue);
      }
    }
  }

  add(doc: Document, idKey: string): void {
    for (const tuple of this.tuplesOf(doc)) {
      const hash = Index.hashOf(tuple);
      const holders = this.hashed.get(hash);
      if (holders) holders.add(idKey);
      else this.hashed.set(hash, new Set([idKey]));
      this.sorted.insert({ key: tuple, id: idKey });
    }
  }

  remove(doc: Document, idKey: string): void {
    for (const tuple of this.tuplesOf(doc)) {
      const hash = Index.hashOf(tuple);
      const holders = this.hashed.get(hash);
      holders?.delete(idKey);
      if (holders && holders.size === 0) this.hashed.delete(hash);
      this.sorted.remove({ key: tuple, id: idKey });
    }
  }

  /** Ids of documents whose full index key equals `tuple`. */
  lookup(tuple: unknown[]): Iterable<string> {
    return this.hashed.get(Index.hashOf(tuple)) ?? [];
  }

  /** Ids of documents with keys between two bounds on a prefix of the fields. */
  *scan(lower?: Bound, upper?: Bound): Generator<string> {
    for (const entry of this.sorted.range(lower, upper)) yield entry.id;
  }

  get keyCount(): number {
    return this.sorted.size;
  }

  clear(): void {
    this.hashed.clear();
    this.sorted.clear();
  }
}
