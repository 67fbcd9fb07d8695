import type { Document } from "bson";
import type { CollectionView } from "../collection";
import type { WriteApi } from "../engine";
import { CommandFault, faults, toFault } from "../errors";
import { inHintedOrder } from "../hint";
import { applyUpdate, updateKind, upsertDocument, type UpdateSpec } from "../update";
import { isDocument, keyString } from "../values";
import { envOf, type QueryEnv } from "../query";
import { matching, shape } from "./read";
import { validateWrite } from "../validation";
import { stringField, documentField, type CommandContext, type CommandHandler } from "./context";

/** A write error entry as drivers expect it inside `writeErrors`. */
function writeError(index: number, err: unknown): Document {
  const fault = toFault(err);
  return {
    index,
    code: fault.code,
    codeName: fault.codeName,
    errmsg: fault.message,
    ...fault.extra,
  };
}

const UPDATE_FIELDS = new Set([
  "q",
  "u",
  "upsert",
  "multi",
  "arrayFilters",
  "hint",
  "collation",
  "c",
  "upsertSupplied",
]);
const DELETE_FIELDS = new Set(["q", "limit", "hint", "collation"]);

/** MongoDB 7.0 refuses statement fields it does not know (`sort` came only in 8.0). */
function checkFields(statement: Document, allowed: Set<string>, where: string): void {
  for (const field of Object.keys(statement)) {
    if (!allowed.has(field))
      throw faults.locationError(40415, `BSON field '${where}.${field}' is an unknown field.`);
  }
}

/** The items of a batched write (`documents`, `updates`, `deletes`), from the body or a document sequence. */
function batchOf(cmd: Document, field: string): Document[] {
  const items = cmd[field];
  if (!Array.isArray(items))
    throw faults.failedToParse(`BSON field '${field}' is missing but a required field`);
  if (items.length > 100_000)
    throw faults.invalidOptions("Write batch sizes must be between 1 and 100000");
  return items as Document[];
}

/**
 * Runs each item of a batch; an error is reported for its item and, when the
 * batch is ordered (the default), stops the rest, as MongoDB does.
 */
async function runBatch(
  ctx: CommandContext,
  cmd: Document,
  items: Document[],
  run: (w: WriteApi, item: Document, index: number) => void,
): Promise<Document[]> {
  const ordered = cmd.ordered !== false;
  const errors: Document[] = [];
  await ctx.engine.write((w) => {
    for (const [index, item] of items.entries()) {
      try {
        run(w, item, index);
      } catch (err) {
        // In a transaction a failed write fails the command (and the transaction), as in MongoDB.
        if (cmd.autocommit === false) throw err;
        errors.push(writeError(index, err));
        if (ordered) break;
      }
    }
  });
  return errors;
}

function withErrors(reply: Document, errors: Document[]): Document {
  return errors.length > 0 ? { ...reply, writeErrors: errors, ok: 1 } : { ...reply, ok: 1 };
}

async function insert(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "insert");
  const docs = batchOf(cmd, "documents");
  let n = 0;
  const errors = await runBatch(ctx, cmd, docs, (w, doc) => {
    if (!isDocument(doc)) throw faults.typeMismatch("documents to insert must be objects");
    const { collection } = w.ensureCollection(ctx.db, name);
    validateWrite(collection, doc, undefined, cmd.bypassDocumentValidation === true);
    w.insert(collection, doc);
    n += 1;
  });
  return withErrors({ n }, errors);
}

/** Updates the documents one update statement selects; returns how many matched and changed. */
function updateMatches(
  w: WriteApi,
  collection: CollectionView,
  docs: Document[],
  spec: UpdateSpec,
  filter: Document | undefined,
  arrayFilters: Document[] | undefined,
  env?: QueryEnv,
  bypassValidation = false,
): { matched: number; modified: number; last?: Document } {
  let modified = 0;
  let last: Document | undefined;
  for (const doc of docs) {
    const applied = applyUpdate(doc, spec, { filter, arrayFilters, env });
    last = applied.doc;
    if (applied.modified) {
      validateWrite(collection, applied.doc, doc, bypassValidation);
      last = w.replace(collection, keyString(doc._id), applied.doc);
      modified += 1;
    } else {
      last = doc;
    }
  }
  return { matched: docs.length, modified, last };
}

async function update(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "update");
  const statements = batchOf(cmd, "updates");
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  // Unknown statement fields fail the whole command before anything is written, as a parse error.
  for (const statement of statements) checkFields(statement, UPDATE_FIELDS, "update.updates");
  const errors = await runBatch(ctx, cmd, statements, (w, statement, index) => {
    const filter = documentField(statement, "q") ?? {};
    const spec = statement.u as UpdateSpec;
    const env = envOf(
      cmd,
      statement.collation ?? ctx.engine.collection(ctx.db, name)?.options.collation,
      statement.c,
    );
    const kind = updateKind(spec);
    if (statement.multi && kind === "replacement")
      throw faults.failedToParse("multi update is not supported for replacement-style update");
    const arrayFilters = statement.arrayFilters as Document[] | undefined;
    const existing = ctx.engine.collection(ctx.db, name);
    let docs = inHintedOrder(matching(existing, filter, env), existing, statement.hint);
    if (!statement.multi) docs = docs.slice(0, 1);
    if (docs.length === 0 && statement.upsert) {
      const { collection } = w.ensureCollection(ctx.db, name);
      const inserted = upsertDocument(filter, spec, arrayFilters, env);
      validateWrite(collection, inserted, undefined, cmd.bypassDocumentValidation === true);
      const doc = w.insert(collection, inserted);
      upserted.push({ index, _id: doc._id });
      n += 1;
      return;
    }
    if (!existing) return;
    const result = updateMatches(
      w,
      existing,
      docs,
      spec,
      filter,
      arrayFilters,
      env,
      cmd.bypassDocumentValidation === true,
    );
    n += result.matched;
    nModified += result.modified;
  });
  return withErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, errors);
}

async function remove(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "delete");
  const statements = batchOf(cmd, "deletes");
  let n = 0;
  for (const statement of statements) checkFields(statement, DELETE_FIELDS, "delete.deletes");
  const errors = await runBatch(ctx, cmd, statements, (w, statement) => {
    const collection = ctx.engine.collection(ctx.db, name);
    if (!collection) return;
    const selected = matching(
      collection,
      documentField(statement, "q") ?? {},
      envOf(cmd, statement.collation ?? collection.options.collation),
    );
    let docs = inHintedOrder(selected, collection, statement.hint);
    if (statement.limit === 1) docs = docs.slice(0, 1);
    for (const doc of docs) w.remove(collection, keyString(doc._id));
    n += docs.length;
  });
  return withErrors({ n }, errors);
}

async function findAndModify(cmd: Document, ctx: CommandContext): Promise<Document> {
  const name = stringField(cmd, "findAndModify");
  const filter = documentField(cmd, "query") ?? {};
  const fields = documentField(cmd, "fields");
  const project = (doc: Document | undefined) =>
    (doc && fields ? shape([doc], { projection: fields, filter })[0] : doc) ?? null;
  if (cmd.remove && cmd.update !== undefined)
    throw faults.failedToParse("Cannot specify both an update and remove=true");
  if (!cmd.remove && cmd.update === undefined)
    throw faults.failedToParse("Either an update or remove=true must be specified");
  const env = envOf(cmd, cmd.collation ?? ctx.engine.collection(ctx.db, name)?.options.collation);
  try {
    return await ctx.engine.write((w) => {
      const existing = ctx.engine.collection(ctx.db, name);
      const [doc] = shape(inHintedOrder(matching(existing, filter, env), existing, cmd.hint), {
        sort: documentField(cmd, "sort"),
        limit: 1,
        env,
      });
      if (cmd.remove) {
        if (doc && existing) w.remove(existing, keyString(doc._id));
        return { lastErrorObject: { n: doc ? 1 : 0 }, value: project(doc), ok: 1 };
      }
      const spec = cmd.update as UpdateSpec;
      const arrayFilters = cmd.arrayFilters as Document[] | undefined;
      if (!doc) {
        if (!cmd.upsert)
          return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
        const { collection } = w.ensureCollection(ctx.db, name);
        const seeded = upsertDocument(filter, spec, arrayFilters, env);
        validateWrite(collection, seeded, undefined, cmd.bypassDocumentValidation === true);
        const inserted = w.insert(collection, seeded);
        return {
          lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
          value: cmd.new ? project(inserted) : null,
          ok: 1,
        };
      }
      const result = updateMatches(
        w,
        existing!,
        [doc],
        spec,
        filter,
        arrayFilters,
        env,
        cmd.bypassDocumentValidation === true,
      );
      return {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: project(cmd.new ? result.last : doc),
        ok: 1,
      };
    });
  } catch (err) {
    if (err instanceof CommandFault) throw err;
    throw toFault(err);
  }
}

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: (cmd, ctx) => findAndModify({ ...cmd, findAndModify: cmd.findandmodify }, ctx),
};
