import type { Document } from "bson";
import { faults } from "../errors";
import type { QueryPlan } from "../planner";
import { envOf } from "../query";
import { isDocument } from "../values";
import { sortedWalk } from "../streamed-find";
import { counted, select, type Selection } from "./read";
import type { CommandContext, CommandHandler } from "./context";

/** The filter and collection an explained command reads with. */
function targetOf(cmd: Document): { collection: string; filter?: Document; collation?: Document } {
  const filterOf = (v: unknown) => (isDocument(v) ? v : undefined);
  if (typeof cmd.find === "string")
    return {
      collection: cmd.find,
      filter: filterOf(cmd.filter),
      collation: filterOf(cmd.collation),
    };
  if (typeof cmd.count === "string") return { collection: cmd.count, filter: filterOf(cmd.query) };
  if (typeof cmd.distinct === "string")
    return { collection: cmd.distinct, filter: filterOf(cmd.query) };
  if (typeof cmd.findAndModify === "string")
    return { collection: cmd.findAndModify, filter: filterOf(cmd.query) };
  if (typeof cmd.update === "string")
    return {
      collection: cmd.update,
      filter: filterOf((cmd.updates as Document[] | undefined)?.[0]?.q),
    };
  if (typeof cmd.delete === "string")
    return {
      collection: cmd.delete,
      filter: filterOf((cmd.deletes as Document[] | undefined)?.[0]?.q),
    };
  if (typeof cmd.aggregate === "string") {
    const first = (cmd.pipeline as Document[] | undefined)?.[0];
    return {
      collection: cmd.aggregate,
      filter: first && isDocument(first.$match) ? first.$match : undefined,
    };
  }
  throw faults.badValue(`explain does not support the command '${Object.keys(cmd)[0]}'`);
}

function winningPlan(plan: QueryPlan): Document {
  if (plan.stage === "COUNT_SCAN")
    return {
      stage: "COUNT_SCAN",
      indexName: plan.indexName,
      keyPattern: plan.keyPattern,
      equalityFields: plan.equalityFields,
      ...(plan.rangeField ? { rangeField: plan.rangeField } : {}),
    };
  if (plan.stage === "COLLSCAN") return { stage: "COLLSCAN", direction: "forward" };
  if (plan.stage === "IDHACK") return { stage: "IDHACK" };
  return {
    stage: "FETCH",
    inputStage: {
      stage: "IXSCAN",
      indexName: plan.indexName,
      keyPattern: plan.keyPattern,
      equalityFields: plan.equalityFields,
      ...(plan.rangeField ? { rangeField: plan.rangeField } : {}),
    },
  };
}

/**
 * `explain`: which plan a read would use (`queryPlanner`) and, unless only the
 * plan was asked for, what running it examined (`executionStats`).
 */
const explain: CommandHandler = (cmd: Document, ctx: CommandContext) => {
  if (!isDocument(cmd.explain)) throw faults.failedToParse("explain needs a command document");
  const target = targetOf(cmd.explain);
  const started = performance.now();
  const run = isCount(cmd.explain)
    ? explainedCount(cmd.explain, ctx)
    : explained(
        select(
          ctx.engine.collection(ctx.db, target.collection),
          target.filter,
          envOf(cmd.explain, target.collation),
        ),
      );
  if (typeof cmd.explain.find === "string") {
    sortStage(cmd.explain, ctx, target, run);
    run.nReturned = returnedBy(cmd.explain, run.nReturned);
  }
  const verbosity = typeof cmd.verbosity === "string" ? cmd.verbosity : "allPlansExecution";
  return {
    queryPlanner: {
      namespace: `${ctx.db}.${target.collection}`,
      parsedQuery: target.filter ?? {},
      winningPlan: run.winningPlan,
      rejectedPlans: [],
    },
    ...(verbosity === "queryPlanner"
      ? {}
      : {
          executionStats: {
            executionSuccess: true,
            nReturned: run.nReturned,
            executionTimeMillis: Math.round(performance.now() - started),
            totalKeysExamined: run.keysExamined,
            totalDocsExamined: run.docsExamined,
          },
        }),
    ok: 1,
  };
};

/** What explaining a read reports: its plan and what running it examined. */
interface Explained {
  winningPlan: Document;
  nReturned: number;
  keysExamined: number;
  docsExamined: number;
}

function explained(selection: Selection): Explained {
  return {
    winningPlan: winningPlan(selection.plan),
    nReturned: selection.docs.length,
    keysExamined: selection.plan.keysExamined,
    docsExamined: selection.docsExamined,
  };
}

/**
 * A sorted find as it runs (read.ts, streamed-find.ts): an index walked in
 * the sort's order, with no SORT stage, or the documents found sorted in
 * memory by a SORT stage over the plan that found them.
 */
function sortStage(
  find: Document,
  ctx: CommandContext,
  target: { collection: string; filter?: Document; collation?: Document },
  run: Explained,
): void {
  const sort = isDocument(find.sort) && Object.keys(find.sort).length > 0 ? find.sort : undefined;
  if (!sort) return;
  const collection = ctx.engine.collection(ctx.db, target.collection);
  const env = envOf(find, target.collation ?? collection?.options.collation);
  const walk =
    find.hint === undefined ? sortedWalk(collection, target.filter, sort, env) : undefined;
  run.winningPlan = walk
    ? {
        stage: "FETCH",
        inputStage: {
          stage: "IXSCAN",
          indexName: walk.index.name,
          keyPattern: walk.index.spec.key,
          equalityFields: walk.index.fields.slice(0, walk.point.length),
        },
      }
    : { stage: "SORT", sortPattern: sort, inputStage: run.winningPlan };
}

/** How many of `matched` documents a find returns after its skip and limit (a negative limit counts as its size). */
function returnedBy(find: Document, matched: number): number {
  const skip = typeof find.skip === "number" && find.skip > 0 ? find.skip : 0;
  const limit = typeof find.limit === "number" ? Math.abs(find.limit) : 0;
  const left = Math.max(0, matched - skip);
  return limit > 0 ? Math.min(left, limit) : left;
}

function isCount(cmd: Document): boolean {
  return typeof cmd.count === "string";
}

/**
 * A count runs as the command runs it (read.ts, counted): from index keys
 * when they hold its query, under a COUNT stage that returns no documents.
 */
function explainedCount(cmd: Document, ctx: CommandContext): Explained {
  const { plan, docsExamined } = counted(cmd, ctx);
  const inputStage = plan ? winningPlan(plan) : { stage: "RECORD_STORE_FAST_COUNT" };
  return {
    winningPlan: { stage: "COUNT", inputStage },
    nReturned: 0,
    keysExamined: plan?.keysExamined ?? 0,
    docsExamined,
  };
}

export const explainCommands: Record<string, CommandHandler> = { explain };
