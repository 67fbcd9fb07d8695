/**
 * `npx tsx scripts/bench/store-command-cost.ts [--runs 20000]`: what the
 * embedded store itself spends on one command, without the socket or the
 * driver: the message the official driver sends for `ping` and for an indexed
 * `findOne` is parsed, run and its reply encoded in a loop, each stage timed
 * apart, beside the floor of decoding and encoding the same bytes with the
 * driver's BSON library (the baseline ratio of the run).
 *
 * Why: `npm run bench:store-latency` measures the round trip through the
 * driver, which on this shared machine is mostly the driver's CPU and the
 * scheduler waking one process for the other (issue 23). This says how much
 * of a round trip is the store's own work, so a change to the store's wire
 * path is measured on what it changes.
 */
import { BSON, UUID, type Document } from "bson";
import { parseArgs } from "node:util";
import { runCommand } from "../../server/db/embedded/commands/dispatch";
import type { CommandContext, ServerFacts } from "../../server/db/embedded/commands/context";
import { CursorRegistry } from "../../server/db/embedded/cursors";
import { Engine } from "../../server/db/embedded/engine";
import type { ScramUser } from "../../server/db/embedded/scram";
import { SessionRegistry } from "../../server/db/embedded/sessions";
import { encodeMsgReply, parseMessage, OP_MSG } from "../../server/db/embedded/wire";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20000" } } });
const RUNS = Number(values.runs);

/** An OP_MSG with one body section, as the driver frames a command. */
function opMsg(body: Document, requestId: number): Buffer {
  const bson = BSON.serialize(body);
  const out = Buffer.alloc(16 + 4 + 1 + bson.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestId, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(0, 16);
  out.writeUInt8(0, 20);
  out.set(bson, 21);
  return out;
}

interface Stages {
  parse: number;
  run: number;
  encode: number;
}

/** Microseconds per command for each stage, over RUNS commands. */
async function cost(ctx: CommandContext, messages: Buffer[]): Promise<Stages> {
  const t = { parse: 0, run: 0, encode: 0 };
  for (let i = 0; i < RUNS + 2000; i += 1) {
    const warm = i < 2000; // the JIT's first runs are not counted
    const a = performance.now();
    const incoming = parseMessage(messages[i % messages.length]!);
    const b = performance.now();
    const db = typeof incoming.command.$db === "string" ? incoming.command.$db : "admin";
    const reply = await runCommand(incoming.command, { ...ctx, db });
    const c = performance.now();
    encodeMsgReply(incoming.header.requestId, reply);
    const d = performance.now();
    if (warm) continue;
    t.parse += b - a;
    t.run += c - b;
    t.encode += d - c;
  }
  const us = (ms: number) => (ms * 1000) / RUNS;
  return { parse: us(t.parse), run: us(t.run), encode: us(t.encode) };
}

/** The floor: decoding the command and encoding a reply of the same size with the BSON library. */
function floor(messages: Buffer[], reply: Document): number {
  let best = Infinity;
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    for (let i = 0; i < RUNS; i += 1) {
      BSON.deserialize(messages[i % messages.length]!.subarray(21));
      BSON.serialize(reply);
    }
    best = Math.min(best, ((performance.now() - started) * 1000) / RUNS);
  }
  return best;
}

async function main() {
  const engine = new Engine();
  const sessions = new SessionRegistry(engine);
  const cursors = new CursorRegistry();
  const server: ServerFacts = {
    host: "127.0.0.1",
    port: 0,
    startedAt: new Date(),
    connections: { current: 1, totalCreated: 1 },
    users: new Map(),
    commands: new Map(),
  };
  const user = { user: "bench", db: "admin" } as ScramUser;
  const ctx: CommandContext = {
    engine,
    sessions,
    cursors,
    db: "bench",
    connectionId: 1,
    server,
    auth: { user },
  };
  const docs = Array.from({ length: 10_000 }, (_, i) => ({ _id: i, n: i, s: `v${i}` }));
  for (let i = 0; i < docs.length; i += 1000)
    await runCommand({ insert: "docs", documents: docs.slice(i, i + 1000), $db: "bench" }, ctx);
  const lsid = { id: new UUID() };
  const pings = [opMsg({ ping: 1, lsid, $db: "admin" }, 1)];
  const finds = Array.from({ length: 1000 }, (_, i) =>
    opMsg(
      {
        find: "docs",
        filter: { _id: (i * 7919) % 10_000 },
        limit: 1,
        singleBatch: true,
        batchSize: 1,
        lsid,
        $db: "bench",
      },
      i,
    ),
  );
  // The best of five rounds: on a shared machine the slower rounds measure the others' work.
  const best = async (messages: Buffer[]) => {
    let kept: Stages | undefined;
    for (let round = 0; round < 5; round += 1) {
      const s = await cost(ctx, messages);
      const sum = (x: Stages) => x.parse + x.run + x.encode;
      if (!kept || sum(s) < sum(kept)) kept = s;
    }
    return kept!;
  };
  const ping = await best(pings);
  const findOne = await best(finds);
  const line = (name: string, s: Stages, base: number) => {
    const total = s.parse + s.run + s.encode;
    return (
      `${name.padEnd(16)} ${total.toFixed(1).padStart(6)} µs  (parse ${s.parse.toFixed(1)}, run ${s.run.toFixed(1)}, ` +
      `encode ${s.encode.toFixed(1)}); BSON floor ${base.toFixed(1)} µs, ratio ${(total / base).toFixed(1)}`
    );
  };
  console.log(`store time per command, best of 5 rounds of ${RUNS}, no socket, no driver`);
  console.log(line("ping", ping, floor(pings, { ok: 1 })));
  console.log(
    line(
      "findOne by _id",
      findOne,
      floor(finds, {
        cursor: { firstBatch: [docs[1]], id: 0, ns: "bench.docs" },
        ok: 1,
      }),
    ),
  );
  cursors.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
