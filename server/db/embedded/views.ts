import type { Document } from "bson";
import type { CollectionView } from "./collection";
import type { DataSource } from "./engine";
import { CommandFault, faults } from "./errors";
import type { Index } from "./indexes";
import { Aggregator } from "./mingo";
import type { QueryPlan } from "./planner";
import { aggregateOptions } from "./query";
import { cloneDocument, isDocument, keyString } from "./values";

/**
 * Views (MongoDB's `create` with `viewOn` and `pipeline`): this file owns what a
 * view is and how it is read. A view is kept as a collection whose options hold
 * its definition and which holds no documents, so the journal, snapshots, drop
 * and rename treat it as any collection. Reads ask {@link readable} for what to
 * read: for a view, its pipeline run over its source at that moment (views on
 * views included), as MongoDB resolves a view on every read. Writes are refused
 * in one place (commands/dispatch.ts) with {@link refuseWriteOnView}.
 */

/** MongoDB's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

/** Stages a view's pipeline may not hold: a view only reads. */
const WRITE_STAGES = new Set(["$out", "$merge"]);

export interface ViewDefinition {
  viewOn: string;
  pipeline: Document[];
}

/** The definition of `collection` when it is a view. */
export function viewOf(collection: CollectionView | undefined): ViewDefinition | undefined {
  const options = collection?.options;
  if (typeof options?.viewOn !== "string") return undefined;
  return { viewOn: options.viewOn, pipeline: (options.pipeline ?? []) as Document[] };
}

/** Checks `create`'s view options; returns the options to keep (pipeline always present). */
export function checkViewOptions(options: Document): Document {
  if (typeof options.viewOn !== "string" || options.viewOn === "")
    throw faults.typeMismatch("'viewOn' must be a non-empty string");
  const pipeline: unknown = options.pipeline ?? [];
  if (
    !Array.isArray(pipeline) ||
    !pipeline.every((s) => isDocument(s) && Object.keys(s).length === 1)
  )
    throw faults.typeMismatch("'pipeline' must be an array of stage documents");
  for (const stage of pipeline as Document[])
    if (WRITE_STAGES.has(Object.keys(stage)[0]!))
      throw new CommandFault(
        157,
        "OptionNotSupportedOnView",
        `${Object.keys(stage)[0]} cannot be used in a view definition`,
      );
  for (const option of ["capped", "validator", "timeseries", "clusteredIndex"])
    if (options[option] !== undefined)
      throw faults.invalidOptions(`'${option}' is not allowed with 'viewOn'`);
  return { ...options, pipeline };
}

/** Code 166, as MongoDB refuses a write, an index or a TTL sweep on a view. */
export function refuseWriteOnView(ns: string): CommandFault {
  return new CommandFault(
    166,
    "CommandNotSupportedOnView",
    `Namespace ${ns} is a view, not a collection`,
  );
}

/** A view's documents at one read, shaped as a collection without indexes. */
class ViewContents implements CollectionView {
  readonly indexes = new Map<string, Index>();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document,
    private readonly docs: Document[],
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.length;
  }

  get(idKey: string): Document | undefined {
    return this.docs.find((d) => keyString(d._id) === idKey);
  }

  all(): Iterable<Document> {
    return this.docs;
  }

  candidates(): { docs: Document[]; plan: QueryPlan } {
    return { docs: this.docs, plan: { stage: "COLLSCAN", keysExamined: 0 } };
  }

  indexSpecs(): [] {
    return [];
  }
}

/**
 * What a read of `db.name` reads: the collection itself, or for a view its
 * pipeline's results over its source, computed now.
 */
export function readable(
  source: DataSource,
  db: string,
  name: string,
  depth = 0,
): CollectionView | undefined {
  const collection = source.collection(db, name);
  const view = viewOf(collection);
  if (!view) return collection;
  if (depth >= MAX_VIEW_DEPTH)
    throw new CommandFault(
      149,
      "ViewDepthLimitExceeded",
      `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`,
    );
  const under = readable(source, db, view.viewOn, depth + 1);
  const input = [...(under?.all() ?? [])].map(cloneDocument);
  const resolve = (other: string) =>
    [...(readable(source, db, other, depth + 1)?.all() ?? [])].map(cloneDocument);
  const docs = new Aggregator(view.pipeline, aggregateOptions(resolve)).run(input) as Document[];
  return new ViewContents(db, name, collection!.options, docs);
}
