import type { Document } from "bson";
import { Query } from "mingo";
import { faults } from "./errors";
import { QUERY_OPTIONS } from "./query";
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
 * One index of a collection. Entries map the index key of each document to the
 * ids holding it, which gives unique checks and equality lookups. Several ids
 * per key are allowed while a journal replays, when states in between may
 * briefly overlap.
 */
export class Index {
  readonly fields: string[];
  private readonly paths: string[][];
  private readonly partial?: Query;
  private readonly entries = new Map<string, Set<string>>();

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

  /** True when an equality lookup on `field` may use this index alone. */
  servesEquality(field: string): boolean {
    return (
      this.fields.length === 1 && this.fields[0] === field && !this.partial && !this.spec.sparse
    );
  }

  /** The index keys of a document; none when sparse or partial leave it out. */
  keysOf(doc: Document): string[] {
    if (this.partial && !this.partial.test(doc)) return [];
    const perField = this.paths.map((p) => valuesAt(doc, p));
    if (this.spec.sparse && perField.every((values) => values.every((v) => v === undefined)))
      return [];
    let combos: unknown[][] = [[]];
    for (const values of perField)
      combos = combos.flatMap((c) => values.map((v) => [...c, v ?? null]));
    return [...new Set(combos.map((c) => keyString(c.length === 1 ? c[0] : c)))];
  }

  /** Throws 11000 when another document already holds one of `doc`'s keys. */
  check(doc: Document, idKey: string, keys = this.keysOf(doc)): void {
    if (!this.unique) return;
    for (const key of keys) {
      const holders = this.entries.get(key);
      if (holders && (holders.size > 1 || !holders.has(idKey))) {
        const keyPattern = Object.fromEntries(this.fields.map((f) => [f, this.spec.key[f]]));
        const keyValue = Object.fromEntries(
          this.paths.map((p, i) => [this.fields[i], valuesAt(doc, p)[0] ?? null]),
        );
        throw faults.duplicateKey(this.ns, this.name, keyPattern, keyValue);
      }
    }
  }

  add(doc: Document, idKey: string): void {
    for (const key of this.keysOf(doc)) {
      const holders = this.entries.get(key);
      if (holders) holders.add(idKey);
      else this.entries.set(key, new Set([idKey]));
    }
  }

  remove(doc: Document, idKey: string): void {
    for (const key of this.keysOf(doc)) {
      const holders = this.entries.get(key);
      holders?.delete(idKey);
      if (holders && holders.size === 0) this.entries.delete(key);
    }
  }

  /** Ids of documents whose single indexed field equals `value`. */
  lookup(value: unknown): Iterable<string> {
    return this.entries.get(keyString(value)) ?? [];
  }

  clear(): void {
    this.entries.clear();
  }
}
