/**
 * Issue 16, finding 2: two connections trickling a 47 MB message in 16 kB
 * chunks pushed /take/demo's p50 from 30 ms to 1.5 s, because the wire reader
 * joined its whole buffer again on every chunk. The reader must copy a message's
 * bytes at most once, a peer that has not authenticated may not start a large
 * message at all, a connection's bytes in flight are capped (reading pauses),
 * and so is the number of connections. Checked by bytes copied, peer cut-offs
 * and a peak the server reports, never by a clock.
 */
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { BSON } from "bson";
import { MongoClient } from "mongodb";
import { startEmbeddedServer, type EmbeddedServer } from "../../server/db/embedded";
import { MessageReader, OP_MSG } from "../../server/db/embedded/wire";

const KB = 1024;
const MB = 1024 * 1024;

/** An OP_MSG of `body` padded with a filler field to `size` bytes when asked. */
function opMsg(body: Record<string, unknown>, requestId = 1): Buffer {
  const bson = BSON.serialize(body);
  const message = Buffer.alloc(16 + 4 + 1 + bson.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(requestId, 4);
  message.writeInt32LE(0, 8);
  message.writeInt32LE(OP_MSG, 12);
  message.writeUInt32LE(0, 16);
  message.writeUInt8(0, 20);
  message.set(bson, 21);
  return message;
}

describe("the wire reader", () => {
  it("copies a message trickled in 16 kB chunks once, not once per chunk", () => {
    const size = 4 * MB;
    const message = Buffer.alloc(size);
    message.writeInt32LE(size, 0);
    const reader = new MessageReader();
    const out: Buffer[] = [];
    for (let at = 0; at < size; at += 16 * KB)
      out.push(...reader.push(message.subarray(at, at + 16 * KB)));
    expect(out).toHaveLength(1);
    expect(out[0]!.equals(message)).toBe(true);
    // Joining the buffer on every chunk copies ~256 × 2 MB here; once is 4 MB.
    expect(reader.bytesCopied).toBeLessThanOrEqual(size);
  });

  it("splits many small messages out of one chunk without copying them", () => {
    const one = opMsg({ ping: 1, $db: "admin" });
    const reader = new MessageReader();
    const messages = reader.push(Buffer.concat(Array.from({ length: 100 }, () => one)));
    expect(messages).toHaveLength(100);
    expect(reader.bytesCopied).toBe(0);
  });
});

describe("the embedded server's limits", () => {
  let dir: string;
  let server: EmbeddedServer;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-limits-"));
    server = await startEmbeddedServer({
      dbPath: dir,
      maxConnections: 4,
      maxInFlightBytes: 1 * MB,
    });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** A raw socket to the server, resolved once connected. */
  function connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.port, server.host, () => resolve(socket));
      socket.once("error", reject);
    });
  }
  const closed = (socket: net.Socket) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once("close", () => resolve());
    });
  /** The first reply on `socket`, as a document. */
  function reply(socket: net.Socket): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const reader = new MessageReader();
      const onData = (chunk: Buffer) => {
        const [message] = reader.push(chunk);
        if (!message) return;
        socket.off("data", onData);
        resolve(BSON.deserialize(message.subarray(21)));
      };
      socket.on("data", onData);
      socket.once("close", () => reject(new Error("closed before a reply")));
    });
  }

  it("cuts off an unauthenticated peer that announces a 47 MB message", async () => {
    const socket = await connect();
    socket.on("error", () => undefined);
    const header = Buffer.alloc(16);
    header.writeInt32LE(47 * 1000 * 1000, 0);
    header.writeInt32LE(OP_MSG, 12);
    socket.write(header);
    let sent = header.length;
    // Keep trickling until the server hangs up; it must do so at the header.
    const chunk = Buffer.alloc(16 * KB);
    const trickle = setInterval(() => {
      if (!socket.destroyed) {
        socket.write(chunk);
        sent += chunk.length;
      }
    }, 1);
    await closed(socket);
    clearInterval(trickle);
    expect(sent).toBeLessThan(47 * MB);
  });

  it("still answers the handshake before authentication", async () => {
    const socket = await connect();
    socket.write(opMsg({ hello: 1, $db: "admin" }));
    expect(await reply(socket)).toMatchObject({ ok: 1, isWritablePrimary: true });
    socket.destroy();
  });

  it("refuses connections past its cap and takes new ones when others leave", async () => {
    const open = await Promise.all([connect(), connect(), connect(), connect()]);
    for (const s of open) s.write(opMsg({ ping: 1, $db: "admin" }));
    for (const s of open) expect(await reply(s)).toMatchObject({ ok: 1 });
    const extra = await connect();
    extra.on("error", () => undefined);
    await closed(extra);
    open[0]!.destroy();
    await closed(open[0]!);
    // The server counts the departure when its side of the socket closes.
    let again: net.Socket | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt += 1) {
      const s = await connect();
      s.on("error", () => undefined);
      s.write(opMsg({ ping: 1, $db: "admin" }));
      again = await reply(s).then(
        () => s,
        () => undefined,
      );
    }
    expect(again).toBeDefined();
    again!.destroy();
    for (const s of open.slice(1)) s.destroy();
  });

  it("stops reading a connection whose unanswered messages pass the cap, and loses none", async () => {
    const client = await MongoClient.connect(server.uri, { maxPoolSize: 1 });
    try {
      const c = client.db("d").collection("burst");
      const payload = "x".repeat(256 * KB);
      // Unacknowledged writes are sent without waiting for a reply: 8 MB in flight at once.
      await Promise.all(
        Array.from({ length: 32 }, (_, i) =>
          c.insertOne({ i, payload }, { writeConcern: { w: 0 } }),
        ),
      );
      await c.insertOne({ i: 32 }); // acknowledged: answered after every earlier message
      expect(await c.countDocuments()).toBe(33);
      // Past 1 MB the socket is paused: at most one read (64 kB) beyond the cap is held.
      expect(server.status().peakInFlightBytes).toBeGreaterThan(256 * KB);
      expect(server.status().peakInFlightBytes).toBeLessThanOrEqual(1 * MB + 320 * KB);
    } finally {
      await client.close();
    }
  });
});
