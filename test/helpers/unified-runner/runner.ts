/**
 * A small runner for the unified test format (MongoDB specifications), enough for the
 * CRUD suite: entities (client, database, collection, session), initialData, entity
 * operations, expectResult / expectError, expectEvents (command monitoring) and outcome.
 */
import fs from "node:fs";
import path from "node:path";
import { Double, EJSON, Int32 } from "bson";
import {
  MongoBulkWriteError,
  MongoClient,
  MongoClientBulkWriteError,
  MongoError,
  MongoServerError,
  type ClientSession,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Document,
  type MongoClientOptions,
} from "mongodb";
import { assertMatches, assertSameDocuments, MatchError } from "./match";
import {
  runEntityOperation,
  SkipTest,
  type ClientEntity,
  type Doc,
  type Entity,
  type ObservedEvent,
} from "./operations";
import { chooseTopology, type RunOnRequirement, type Topology } from "./requirements";

export interface CaseResult {
  /** `<file> :: <description>`, the key of expected-failures.json. */
  id: string;
  status: "pass" | "fail" | "skip";
  /** Why it was skipped, or the first failed assertion / unexpected error. */
  reason?: string;
  topology?: Topology;
  ms: number;
}

/** A server the runner can run tests on, with the internal client for setup and outcome. */
export interface Target {
  uri: string;
  internal: MongoClient;
}

export interface RunnerOptions {
  /** The server version runOnRequirements are evaluated against (from buildInfo). */
  version: string;
  targets: Partial<Record<Topology, Target>>;
  /** Each operation fails after this long (the server may not answer at all). */
  operationTimeoutMS?: number;
  /** Tests (by id) not to run, with the reason: e.g. where this driver knowingly departs from the spec. */
  skipTests?: Record<string, string>;
}

interface CollectionData {
  collectionName: string;
  databaseName: string;
  documents: Document[];
  createOptions?: Document;
}
interface Operation {
  object: string;
  name: string;
  arguments?: Doc;
  expectResult?: unknown;
  expectError?: Doc;
  ignoreResultAndError?: boolean;
  saveResultAsEntity?: string;
}
interface ExpectedEvents {
  client: string;
  eventType?: string;
  ignoreExtraEvents?: boolean;
  events: Doc[];
}
interface SpecTest {
  description: string;
  skipReason?: string;
  runOnRequirements?: RunOnRequirement[];
  operations: Operation[];
  expectEvents?: ExpectedEvents[];
  outcome?: CollectionData[];
}
export interface SpecFile {
  description: string;
  schemaVersion: string;
  runOnRequirements?: RunOnRequirement[];
  createEntities?: Doc[];
  initialData?: CollectionData[];
  tests: SpecTest[];
}

/**
 * Reads a test file as canonical extended JSON, keeping Long and Decimal128, and turning
 * Int32 and non-integral doubles into plain numbers (the driver serializes them the same
 * way and checks some options with `typeof === "number"`).
 */
export function loadSpecFile(file: string): SpecFile {
  const parsed = EJSON.parse(fs.readFileSync(file, "utf8"), { relaxed: false }) as unknown;
  return normalize(parsed) as SpecFile;
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Int32) return v.value;
  if (v instanceof Double) return Number.isInteger(v.value) ? v : v.value;
  if (
    v &&
    typeof v === "object" &&
    !("_bsontype" in v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp)
  ) {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) out[k] = normalize(x);
    return out;
  }
  return v;
}

const SENSITIVE = new Set([
  "authenticate",
  "saslstart",
  "saslcontinue",
  "getnonce",
  "createuser",
  "updateuser",
  "copydbgetnonce",
  "copydbsaslstart",
  "copydb",
  "hello",
  "ismaster",
]);

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function message(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${err.name}${code !== undefined ? ` ${String(code)}` : ""}: ${err.message}`;
  }
  return String(err);
}

const CURSOR_OPERATIONS = new Set([
  "find",
  "aggregate",
  "listIndexes",
  "listCollections",
  "runCursorCommand",
]);

/** One test's state: the entity map and the clients to close. */
class TestRun {
  readonly entities = new Map<string, Entity>();
  readonly values = new Map<string, unknown>();
  private readonly clients: MongoClient[] = [];

  constructor(
    private readonly target: Target,
    private readonly timeoutMS: number,
  ) {}

  session(name: string): ClientSession {
    const e = this.entities.get(name);
    if (e?.kind !== "session") throw new Error(`no session entity ${name}`);
    return e.session;
  }

  async createEntities(defs: Doc[]): Promise<void> {
    for (const def of defs) {
      const [kind, spec] = Object.entries(def)[0] as [string, Doc];
      const id = String(spec.id);
      if (kind === "client") {
        const observe = new Set((spec.observeEvents as string[] | undefined) ?? []);
        const ignore = new Set(
          ((spec.ignoreCommandMonitoringEvents as string[] | undefined) ?? []).map((c) =>
            c.toLowerCase(),
          ),
        );
        if (spec.storeEventsAsEntities)
          throw new SkipTest("storeEventsAsEntities is not supported");
        if (spec.observeLogMessages) throw new SkipTest("observeLogMessages is not supported");
        const options: MongoClientOptions = {
          ...((spec.uriOptions as MongoClientOptions | undefined) ?? {}),
          monitorCommands: observe.size > 0,
          serverSelectionTimeoutMS: this.timeoutMS,
        };
        if (spec.serverApi) options.serverApi = spec.serverApi as MongoClientOptions["serverApi"];
        const client = new MongoClient(this.target.uri, options);
        this.clients.push(client);
        const entity: ClientEntity = { kind: "client", client, events: [] };
        const sensitive = (name: string, command?: Document) =>
          !spec.observeSensitiveCommands &&
          (SENSITIVE.has(name.toLowerCase()) ||
            (command !== undefined && Object.keys(command).length === 0));
        const keep = (name: string) =>
          !ignore.has(name.toLowerCase()) && name !== "configureFailPoint";
        if (observe.has("commandStartedEvent"))
          client.on("commandStarted", (e: CommandStartedEvent) => {
            if (keep(e.commandName) && !sensitive(e.commandName, e.command))
              entity.events.push({
                type: "commandStartedEvent",
                commandName: e.commandName,
                databaseName: e.databaseName,
                command: e.command,
              });
          });
        if (observe.has("commandSucceededEvent"))
          client.on("commandSucceeded", (e: CommandSucceededEvent) => {
            if (keep(e.commandName) && !sensitive(e.commandName))
              entity.events.push({
                type: "commandSucceededEvent",
                commandName: e.commandName,
                databaseName: e.databaseName,
                reply: e.reply as Document,
              });
          });
        if (observe.has("commandFailedEvent"))
          client.on("commandFailed", (e: CommandFailedEvent) => {
            if (keep(e.commandName) && !sensitive(e.commandName))
              entity.events.push({
                type: "commandFailedEvent",
                commandName: e.commandName,
                databaseName: e.databaseName,
              });
          });
        await withTimeout(client.connect(), this.timeoutMS, `connect ${id}`);
        this.entities.set(id, entity);
      } else if (kind === "database") {
        const client = this.entities.get(String(spec.client));
        if (client?.kind !== "client") throw new Error(`no client entity ${String(spec.client)}`);
        const db = client.client.db(
          String(spec.databaseName),
          spec.databaseOptions as Doc | undefined,
        );
        this.entities.set(id, { kind: "database", db });
      } else if (kind === "collection") {
        const db = this.entities.get(String(spec.database));
        if (db?.kind !== "database") throw new Error(`no database entity ${String(spec.database)}`);
        const coll = db.db.collection(
          String(spec.collectionName),
          spec.collectionOptions as Doc | undefined,
        );
        this.entities.set(id, { kind: "collection", coll });
      } else if (kind === "session") {
        const client = this.entities.get(String(spec.client));
        if (client?.kind !== "client") throw new Error(`no client entity ${String(spec.client)}`);
        const session = client.client.startSession(spec.sessionOptions as Doc | undefined);
        this.entities.set(id, { kind: "session", session });
      } else {
        throw new SkipTest(`${kind} entities are not supported`);
      }
    }
  }

  matchContext() {
    return {
      entities: this.values,
      sessionLsid: (name: string) => {
        const e = this.entities.get(name);
        return e?.kind === "session" ? e.session.id : undefined;
      },
    };
  }

  async runOperation(op: Operation): Promise<void> {
    if (op.object === "testRunner") {
      if (op.name === "failPoint" || op.name === "targetedFailPoint")
        throw new SkipTest("needs configureFailPoint (failCommand), a test-only mongod command");
      throw new SkipTest(`testRunner operation ${op.name} is not supported`);
    }
    const entity = this.entities.get(op.object);
    if (!entity) throw new Error(`no entity ${op.object}`);
    let result: unknown;
    let error: unknown;
    let failed = false;
    try {
      result = await withTimeout(
        runEntityOperation(entity, op.name, op.arguments ?? {}, (n) => this.session(n)),
        this.timeoutMS,
        `${op.object}.${op.name}`,
      );
    } catch (err) {
      if (err instanceof SkipTest) throw err;
      if (err instanceof Error && err.message.startsWith("unsupported operation"))
        throw new SkipTest(err.message);
      failed = true;
      error = err;
    }
    if (op.ignoreResultAndError) return;
    const ctx = this.matchContext();
    if (op.expectError) {
      if (!failed)
        throw new MatchError(
          `${op.name}: expected an error, got result ${EJSON.stringify(result)}`,
        );
      checkError(op.name, op.expectError, error, ctx);
      return;
    }
    if (failed) throw new MatchError(`${op.name}: unexpected error ${message(error)}`);
    if (op.expectResult !== undefined) {
      try {
        // Documents from a cursor (find, aggregate, listIndexes ...) are each root-level.
        if (Array.isArray(op.expectResult) && CURSOR_OPERATIONS.has(op.name)) {
          if (!Array.isArray(result) || result.length !== op.expectResult.length)
            throw new MatchError(
              `expected ${op.expectResult.length} document(s), got ${EJSON.stringify(result)}`,
            );
          op.expectResult.forEach((e, i) =>
            assertMatches(e, (result as unknown[])[i], ctx, true, `[${i}]`),
          );
        } else assertMatches(op.expectResult, result, ctx, true);
      } catch (err) {
        throw new MatchError(
          `${op.name} result ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    if (op.saveResultAsEntity) this.values.set(op.saveResultAsEntity, result);
  }

  /** Stops collecting events and returns them per client entity. */
  takeEvents(): Map<string, ObservedEvent[]> {
    const out = new Map<string, ObservedEvent[]>();
    for (const [id, e] of this.entities)
      if (e.kind === "client") {
        out.set(id, [...e.events]);
        e.client.removeAllListeners("commandStarted");
        e.client.removeAllListeners("commandSucceeded");
        e.client.removeAllListeners("commandFailed");
      }
    return out;
  }

  async close(): Promise<void> {
    for (const e of this.entities.values())
      if (e.kind === "session") await e.session.endSession().catch(() => undefined);
    await Promise.all(
      this.clients.map((c) =>
        withTimeout(c.close(), this.timeoutMS, "close").catch(() => undefined),
      ),
    );
  }
}

function checkError(
  opName: string,
  expected: Doc,
  err: unknown,
  ctx: ReturnType<TestRun["matchContext"]>,
): void {
  const fail = (why: string): never => {
    throw new MatchError(`${opName}: ${why}; got ${message(err)}`);
  };
  const isServer = err instanceof MongoServerError;
  if (expected.isClientError === true && isServer) fail("expected a client-side error");
  if (expected.isClientError === false && !isServer) fail("expected a server error");
  if (typeof expected.errorContains === "string") {
    const text = err instanceof Error ? err.message : String(err);
    if (!text.toLowerCase().includes(expected.errorContains.toLowerCase()))
      fail(`expected the message to contain "${expected.errorContains}"`);
  }
  const serverErr = err as {
    code?: unknown;
    codeName?: unknown;
    writeErrors?: { code?: unknown }[];
  };
  if (expected.errorCode !== undefined) {
    const code = serverErr.code ?? serverErr.writeErrors?.[0]?.code;
    if (Number(code) !== Number(expected.errorCode))
      fail(`expected error code ${String(expected.errorCode)}`);
  }
  if (typeof expected.errorCodeName === "string") {
    const name = serverErr.codeName;
    if (typeof name !== "string" || name.toLowerCase() !== expected.errorCodeName.toLowerCase())
      fail(`expected code name ${expected.errorCodeName}`);
  }
  for (const label of (expected.errorLabelsContain as string[] | undefined) ?? [])
    if (!(err instanceof MongoError && err.hasErrorLabel(label)))
      fail(`expected error label ${label}`);
  for (const label of (expected.errorLabelsOmit as string[] | undefined) ?? [])
    if (err instanceof MongoError && err.hasErrorLabel(label))
      fail(`expected no error label ${label}`);
  try {
    if (expected.errorResponse !== undefined) {
      const response = (err as { errorResponse?: unknown }).errorResponse ?? err;
      assertMatches(expected.errorResponse, response, ctx, true, "errorResponse");
    }
    if (expected.expectResult !== undefined) {
      const partial =
        err instanceof MongoBulkWriteError
          ? err.result
          : err instanceof MongoClientBulkWriteError
            ? err.partialResult
            : undefined;
      assertMatches(expected.expectResult, partial, ctx, true, "expectError.expectResult");
    }
    if (expected.writeErrors !== undefined) {
      const writeErrors =
        err instanceof MongoClientBulkWriteError ? Object.fromEntries(err.writeErrors) : undefined;
      assertMatches(expected.writeErrors, writeErrors, ctx, true, "writeErrors");
    }
    if (expected.writeConcernErrors !== undefined) {
      const wce = err instanceof MongoClientBulkWriteError ? err.writeConcernErrors : undefined;
      assertMatches(expected.writeConcernErrors, wce, ctx, true, "writeConcernErrors");
    }
  } catch (e) {
    if (e instanceof MatchError) fail(e.message);
    throw e;
  }
}

function checkEvents(
  expectations: ExpectedEvents[],
  observed: Map<string, ObservedEvent[]>,
  run: TestRun,
): void {
  const ctx = run.matchContext();
  for (const exp of expectations) {
    if ((exp.eventType ?? "command") !== "command")
      throw new SkipTest(`${exp.eventType ?? "?"} event expectations are not supported`);
    const actual = observed.get(exp.client);
    if (!actual) throw new Error(`no client entity ${exp.client}`);
    const summary = () => actual.map((a) => `${a.type}:${a.commandName}`).join(", ");
    if (
      exp.ignoreExtraEvents
        ? actual.length < exp.events.length
        : actual.length !== exp.events.length
    )
      throw new MatchError(
        `expected ${exp.events.length} event(s) on ${exp.client}, observed ${actual.length}: [${summary()}]`,
      );
    exp.events.forEach((expected, i) => {
      const [type, body] = Object.entries(expected)[0] as [string, Doc];
      const got = actual[i]!;
      const where = `event ${i} (${type})`;
      if (got.type !== type)
        throw new MatchError(`${where}: observed ${got.type}:${got.commandName}`);
      if (body.commandName !== undefined && body.commandName !== got.commandName)
        throw new MatchError(
          `${where}: expected command ${String(body.commandName)}, observed ${got.commandName}`,
        );
      if (body.databaseName !== undefined && body.databaseName !== got.databaseName)
        throw new MatchError(
          `${where}: expected database ${String(body.databaseName)}, observed ${got.databaseName}`,
        );
      try {
        if (body.command !== undefined)
          assertMatches(body.command, got.command, ctx, true, "command");
        if (body.reply !== undefined) assertMatches(body.reply, got.reply, ctx, true, "reply");
      } catch (err) {
        throw new MatchError(`${where}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
}

async function setUpData(target: Target, data: CollectionData[]): Promise<void> {
  for (const c of data) {
    const db = target.internal.db(c.databaseName);
    await db
      .dropCollection(c.collectionName, { writeConcern: { w: "majority" } })
      .catch((err: unknown) => {
        if (!(err instanceof MongoServerError && err.code === 26)) throw err;
      });
    if (c.createOptions || c.documents.length === 0)
      await db.createCollection(c.collectionName, {
        ...(c.createOptions ?? {}),
        writeConcern: { w: "majority" },
      });
    if (c.documents.length > 0)
      await db
        .collection(c.collectionName)
        .insertMany(c.documents, { writeConcern: { w: "majority" } });
  }
}

async function checkOutcome(target: Target, outcome: CollectionData[]): Promise<void> {
  for (const c of outcome) {
    const docs = await target.internal
      .db(c.databaseName)
      .collection(c.collectionName)
      .find({}, { sort: { _id: 1 }, readConcern: { level: "local" } })
      .toArray();
    try {
      assertSameDocuments(c.documents, docs);
    } catch (err) {
      throw new MatchError(
        `outcome ${c.databaseName}.${c.collectionName} ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

function usesUnacknowledgedWrites(file: SpecFile): boolean {
  return JSON.stringify(file.createEntities ?? []).includes('"w":0');
}

/** Runs every test of one file; never throws for a test's failure. */
export async function runSpecFile(file: string, options: RunnerOptions): Promise<CaseResult[]> {
  const spec = loadSpecFile(file);
  const name = path.basename(file);
  const timeoutMS = options.operationTimeoutMS ?? 5000;
  const results: CaseResult[] = [];
  for (const test of spec.tests) {
    const id = `${name} :: ${test.description}`;
    const started = Date.now();
    const done = (status: CaseResult["status"], reason?: string, topology?: Topology) =>
      results.push({ id, status, reason, topology, ms: Date.now() - started });
    if (!spec.schemaVersion.startsWith("1.")) {
      done("fail", `unsupported schemaVersion ${spec.schemaVersion}`);
      continue;
    }
    if (test.skipReason) {
      done("skip", test.skipReason);
      continue;
    }
    const skipReason = options.skipTests?.[id];
    if (skipReason) {
      done("skip", skipReason);
      continue;
    }
    const chosen = chooseTopology(options.version, spec.runOnRequirements, test.runOnRequirements);
    if ("skip" in chosen) {
      done("skip", chosen.skip);
      continue;
    }
    const target = options.targets[chosen.topology];
    if (!target) {
      done("skip", `no ${chosen.topology} server configured`);
      continue;
    }
    const unsupported = test.operations.find((op) => op.object === "testRunner");
    if (unsupported) {
      done(
        "skip",
        unsupported.name === "failPoint" || unsupported.name === "targetedFailPoint"
          ? "needs configureFailPoint (failCommand), a test-only mongod command"
          : `testRunner operation ${unsupported.name} is not supported`,
        chosen.topology,
      );
      continue;
    }
    const run = new TestRun(target, timeoutMS);
    try {
      if (spec.initialData) await setUpData(target, spec.initialData);
      await run.createEntities(spec.createEntities ?? []);
      for (const op of test.operations) await run.runOperation(op);
      const events = run.takeEvents();
      if (usesUnacknowledgedWrites(spec)) await new Promise((r) => setTimeout(r, 50));
      if (test.expectEvents) checkEvents(test.expectEvents, events, run);
      if (test.outcome) await checkOutcome(target, test.outcome);
      done("pass", undefined, chosen.topology);
    } catch (err) {
      if (err instanceof SkipTest) done("skip", err.message, chosen.topology);
      else if (err instanceof MatchError) done("fail", err.message, chosen.topology);
      else done("fail", `runner error: ${message(err)}`, chosen.topology);
    } finally {
      await run.close();
    }
  }
  return results;
}
