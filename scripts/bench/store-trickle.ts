/**
 * `npx tsx scripts/bench/store-trickle.ts [--mb 47] [--chunk-kb 16] [--peers 2]`:
 * the embedded store's answer time while peers trickle one large message each
 * in small chunks (issue 16, finding 2: two connections trickling 47 MB in
 * 16 kB chunks pushed /take/demo p50 from 30 ms to 1.5 s while the wire reader
 * joined its buffer on every chunk).
 *
 *   quiet p50/p95         findOne through the driver, nobody trickling
 *   signed-in p50/p95     the same while the peers, signed in, trickle their message
 *   stranger              what a peer that has not signed in manages to send
 */
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Binary, BSON, type Document } from "bson";
import { MongoClient } from "mongodb";
import { startEmbeddedServer, type EmbeddedServer } from "../../server/db/embedded";
import { readStoreCredential } from "../../server/db/embedded/credentials";
import { MessageReader, OP_MSG } from "../../server/db/embedded/wire";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "47" },
    "chunk-kb": { type: "string", default: "16" },
    peers: { type: "string", default: "2" },
    rounds: { type: "string", default: "300" },
  },
});
const MESSAGE_BYTES = Number(values.mb) * 1000 * 1000;
const CHUNK_BYTES = Number(values["chunk-kb"]) * 1000;
const PEERS = Number(values.peers);
const ROUNDS = Number(values.rounds);

function opMsg(body: Document, requestId: number): Buffer {
  const bson = BSON.serialize(body);
  const message = Buffer.alloc(21 + bson.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(requestId, 4);
  message.writeInt32LE(OP_MSG, 12);
  message.set(bson, 21);
  return message;
}

/** A raw socket to the store with a one-reply-at-a-time command helper. */
async function rawPeer(server: EmbeddedServer): Promise<{
  socket: net.Socket;
  command(body: Document): Promise<Document>;
}> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(server.port, server.host, () => resolve(s));
    s.once("error", reject);
  });
  socket.on("error", () => undefined);
  const reader = new MessageReader();
  let waiting: ((doc: Document) => void) | undefined;
  socket.on("data", (chunk: Buffer) => {
    for (const m of reader.push(chunk)) waiting?.(BSON.deserialize(m.subarray(21)));
  });
  let id = 1;
  return {
    socket,
    command: (body) =>
      new Promise((resolve) => {
        waiting = resolve;
        socket.write(opMsg(body, id++));
      }),
  };
}

const hmac = (key: Buffer, text: string) => crypto.createHmac("sha256", key).update(text).digest();

/** Signs a raw peer in with SCRAM-SHA-256, as the driver does. */
async function signIn(
  peer: Awaited<ReturnType<typeof rawPeer>>,
  user: string,
  password: string,
): Promise<void> {
  const bare = `n=${user},r=${crypto.randomBytes(18).toString("base64")}`;
  const first = await peer.command({
    saslStart: 1,
    mechanism: "SCRAM-SHA-256",
    payload: new Binary(Buffer.from(`n,,${bare}`)),
    options: { skipEmptyExchange: true },
    $db: "admin",
  });
  const serverFirst = Buffer.from((first.payload as Binary).buffer).toString("utf8");
  const attrs = new Map(serverFirst.split(",").map((p) => [p[0]!, p.slice(2)]));
  const salted = crypto.pbkdf2Sync(
    password,
    Buffer.from(attrs.get("s")!, "base64"),
    Number(attrs.get("i")),
    32,
    "sha256",
  );
  const clientKey = hmac(salted, "Client Key");
  const storedKey = crypto.createHash("sha256").update(clientKey).digest();
  const withoutProof = `c=biws,r=${attrs.get("r")}`;
  const signature = hmac(storedKey, `${bare},${serverFirst},${withoutProof}`);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString("base64");
  const final = await peer.command({
    saslContinue: 1,
    conversationId: 1,
    payload: new Binary(Buffer.from(`${withoutProof},p=${proof}`)),
    $db: "admin",
  });
  if (final.ok !== 1) throw new Error(`sign-in failed: ${JSON.stringify(final)}`);
}

/** Writes a header announcing MESSAGE_BYTES, then chunks until stopped or cut off. */
function trickle(socket: net.Socket): { stop(): void; sent(): number } {
  const header = Buffer.alloc(16);
  header.writeInt32LE(MESSAGE_BYTES, 0);
  header.writeInt32LE(OP_MSG, 12);
  socket.write(header);
  let sent = header.length;
  let stopped = false;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  const next = () => {
    if (stopped || socket.destroyed || sent + CHUNK_BYTES >= MESSAGE_BYTES) return;
    sent += CHUNK_BYTES;
    if (socket.write(chunk)) setImmediate(next);
    else socket.once("drain", next);
  };
  next();
  return {
    stop: () => {
      stopped = true;
      socket.destroy();
    },
    sent: () => sent,
  };
}

async function latencies(client: MongoClient): Promise<{ p50: number; p95: number }> {
  const c = client.db("bench").collection("docs");
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await c.findOne({ k: i % 100 });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(ROUNDS / 2)]!, p95: times[Math.floor(ROUNDS * 0.95)]! };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-bench-trickle-"));
  const server = await startEmbeddedServer({ dbPath: dir });
  const client = await MongoClient.connect(server.uri);
  try {
    await client
      .db("bench")
      .collection("docs")
      .insertMany(Array.from({ length: 100 }, (_, k) => ({ k })));
    const quiet = await latencies(client);

    const { user, password } = readStoreCredential(dir)!;
    const peers = await Promise.all(Array.from({ length: PEERS }, () => rawPeer(server)));
    for (const p of peers) await signIn(p, user, password);
    const trickles = peers.map((p) => trickle(p.socket));
    const busy = await latencies(client);
    const sent = trickles.reduce((sum, t) => sum + t.sent(), 0);
    for (const t of trickles) t.stop();

    const stranger = await rawPeer(server);
    const cut = trickle(stranger.socket);
    await new Promise<void>((resolve) => stranger.socket.once("close", () => resolve()));
    cut.stop();

    console.log(
      `${PEERS} peers, ${values.mb} MB messages in ${values["chunk-kb"]} kB chunks, ${ROUNDS} findOne:`,
    );
    console.log(`  quiet                  p50 ${ms(quiet.p50)}  p95 ${ms(quiet.p95)}`);
    console.log(
      `  signed-in trickling    p50 ${ms(busy.p50)}  p95 ${ms(busy.p95)}  (${(sent / 1e6).toFixed(1)} MB trickled meanwhile)`,
    );
    console.log(`  stranger               cut off after ${cut.sent()} bytes`);
  } finally {
    await client.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
