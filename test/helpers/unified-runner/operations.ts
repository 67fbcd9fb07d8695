/** Entity operations of the unified test format, mapped onto the Node.js driver. */
import {
  Long,
  type AnyBulkWriteOperation,
  type ClientBulkWriteModel,
  type ClientSession,
  type Collection,
  type Db,
  type Document,
  type MongoClient,
} from "mongodb";

export type Doc = Record<string, unknown>;

/** An operation the runner deliberately does not run (the test is skipped, not failed). */
export class SkipTest extends Error {}

export interface ClientEntity {
  kind: "client";
  client: MongoClient;
  events: ObservedEvent[];
}
export interface ObservedEvent {
  type: "commandStartedEvent" | "commandSucceededEvent" | "commandFailedEvent";
  commandName: string;
  databaseName: string;
  command?: Document;
  reply?: Document;
}

export type Entity =
  | ClientEntity
  | { kind: "database"; db: Db }
  | { kind: "collection"; coll: Collection<Document> }
  | { kind: "session"; session: ClientSession }
  | { kind: "value"; value: unknown };

const NUMERIC_OPTIONS = ["limit", "skip", "batchSize", "maxTimeMS", "maxAwaitTimeMS"];

/** Option values the driver checks with `typeof === "number"` must be plain numbers. */
function driverOptions(args: Doc, resolveSession: (name: string) => ClientSession): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(args)) {
    if (k === "session") out.session = resolveSession(String(v));
    else if (NUMERIC_OPTIONS.includes(k) && v instanceof Long) out[k] = v.toNumber();
    else if (k === "returnDocument" && typeof v === "string") out[k] = v.toLowerCase();
    else out[k] = v;
  }
  return out;
}

function take<K extends string>(args: Doc, ...keys: K[]): [Record<K, unknown>, Doc] {
  const picked = {} as Record<K, unknown>;
  const rest: Doc = { ...args };
  for (const k of keys) {
    picked[k] = rest[k];
    delete rest[k];
  }
  return [picked, rest];
}

/** Spec client bulk write models ({insertOne: {namespace, document}}) to the driver's ({name, ...}). */
function clientBulkModels(models: unknown): Doc[] {
  return (models as Doc[]).map((m) => {
    const [name, body] = Object.entries(m)[0] as [string, Doc];
    return { name, ...body };
  });
}

export async function runEntityOperation(
  entity: Entity,
  name: string,
  rawArgs: Doc,
  resolveSession: (name: string) => ClientSession,
): Promise<unknown> {
  const args = driverOptions(rawArgs, resolveSession);
  if (entity.kind === "collection") {
    const coll = entity.coll;
    switch (name) {
      case "insertOne": {
        const [{ document }, opts] = take(args, "document");
        return coll.insertOne(document as Document, opts);
      }
      case "insertMany": {
        const [{ documents }, opts] = take(args, "documents");
        return coll.insertMany(documents as Document[], opts);
      }
      case "updateOne":
      case "updateMany": {
        const [{ filter, update }, opts] = take(args, "filter", "update");
        return name === "updateOne"
          ? coll.updateOne(filter as Document, update as Document, opts)
          : coll.updateMany(filter as Document, update as Document, opts);
      }
      case "replaceOne": {
        const [{ filter, replacement }, opts] = take(args, "filter", "replacement");
        return coll.replaceOne(filter as Document, replacement as Document, opts);
      }
      case "deleteOne":
      case "deleteMany": {
        const [{ filter }, opts] = take(args, "filter");
        return name === "deleteOne"
          ? coll.deleteOne(filter as Document, opts)
          : coll.deleteMany(filter as Document, opts);
      }
      case "find": {
        const [{ filter }, opts] = take(args, "filter");
        return coll.find(filter as Document, opts).toArray();
      }
      case "findOne": {
        const [{ filter }, opts] = take(args, "filter");
        return coll.findOne(filter as Document, opts);
      }
      case "findOneAndUpdate": {
        const [{ filter, update }, opts] = take(args, "filter", "update");
        return coll.findOneAndUpdate(filter as Document, update as Document, opts);
      }
      case "findOneAndReplace": {
        const [{ filter, replacement }, opts] = take(args, "filter", "replacement");
        return coll.findOneAndReplace(filter as Document, replacement as Document, opts);
      }
      case "findOneAndDelete": {
        const [{ filter }, opts] = take(args, "filter");
        return coll.findOneAndDelete(filter as Document, opts);
      }
      case "aggregate": {
        const [{ pipeline }, opts] = take(args, "pipeline");
        return coll.aggregate(pipeline as Document[], opts).toArray();
      }
      case "countDocuments": {
        const [{ filter }, opts] = take(args, "filter");
        return coll.countDocuments(filter as Document, opts);
      }
      case "count": {
        const [{ filter }, opts] = take(args, "filter");
        return coll.count(filter as Document, opts);
      }
      case "estimatedDocumentCount":
        return coll.estimatedDocumentCount(args);
      case "distinct": {
        const [{ fieldName, filter }, opts] = take(args, "fieldName", "filter");
        return coll.distinct(String(fieldName), (filter ?? {}) as Document, opts);
      }
      case "bulkWrite": {
        const [{ requests }, opts] = take(args, "requests");
        return coll.bulkWrite(requests as AnyBulkWriteOperation<Document>[], opts);
      }
      case "createIndex": {
        const [{ keys }, opts] = take(args, "keys");
        return coll.createIndex(keys as Document, opts);
      }
      case "dropIndex": {
        const [{ name: index }, opts] = take(args, "name");
        return coll.dropIndex(String(index), opts);
      }
      case "listIndexes":
        return coll.listIndexes(args).toArray();
      case "drop":
        return coll.drop(args);
    }
  } else if (entity.kind === "database") {
    const db = entity.db;
    switch (name) {
      case "aggregate": {
        const [{ pipeline }, opts] = take(args, "pipeline");
        return db.aggregate(pipeline as Document[], opts).toArray();
      }
      case "createCollection": {
        const [{ collection }, opts] = take(args, "collection");
        await db.createCollection(String(collection), opts);
        return undefined;
      }
      case "dropCollection": {
        const [{ collection }, opts] = take(args, "collection");
        return db.dropCollection(String(collection), opts);
      }
      case "modifyCollection": {
        const [{ collection }, rest] = take(args, "collection");
        return db.command({ collMod: collection, ...rest });
      }
      case "runCommand": {
        const [{ command }, opts] = take(args, "command", "commandName");
        return db.command(command as Document, opts);
      }
      case "listCollections": {
        const [{ filter }, opts] = take(args, "filter");
        return db.listCollections((filter ?? {}) as Document, opts).toArray();
      }
    }
  } else if (entity.kind === "client") {
    switch (name) {
      case "clientBulkWrite": {
        const [{ models }, opts] = take(args, "models");
        // The driver's model type is a tagged union; the converted spec models have that shape.
        return entity.client.bulkWrite(
          clientBulkModels(models) as unknown as ClientBulkWriteModel[],
          opts,
        );
      }
    }
  }
  throw new Error(`unsupported operation ${name} on a ${entity.kind} entity`);
}
