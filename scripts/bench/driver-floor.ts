/**
 * A server that answers the official driver from constants, with no store
 * behind it: the floor under any server's round trip through the driver on this
 * machine. `scripts/bench/store-latency.ts` runs it in a child process, as it
 * runs the store, and prints the store's figures beside it, so a goal in
 * milliseconds can be read against what the driver and the kernel cost alone
 * in the same run.
 *
 * It frames and parses messages with the store's own wire code
 * (`server/db/embedded/wire.ts`), then answers `hello` as a standalone server,
 * `find` with one document carrying the `_id` asked for, and anything else
 * with `{ ok: 1 }`. It prints its connection string when it listens.
 */
import net from "node:net";
import type { Document } from "bson";
import { Long } from "bson";
import {
  MAX_BSON_OBJECT_BYTES,
  MAX_MESSAGE_BYTES,
  MessageReader,
  encodeLegacyReply,
  encodeMsgReply,
  parseMessage,
} from "../../server/db/embedded/wire";

let connections = 0;

function answer(command: Document, legacy: boolean, connectionId: number): Document {
  const name = Object.keys(command)[0]!;
  if (name === "hello" || name.toLowerCase() === "ismaster") {
    return {
      helloOk: true,
      ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
      maxBsonObjectSize: MAX_BSON_OBJECT_BYTES,
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      maxWriteBatchSize: 100_000,
      localTime: new Date(),
      logicalSessionTimeoutMinutes: 30,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: 21,
      readOnly: false,
      ok: 1,
    };
  }
  if (name === "find") {
    const filter = (command.filter ?? {}) as Document;
    return {
      cursor: {
        firstBatch: [{ _id: filter._id, n: 1, s: "v1" }],
        id: Long.ZERO,
        ns: `${String(command.$db)}.${String(command.find)}`,
      },
      ok: 1,
    };
  }
  return { ok: 1 };
}

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  const connectionId = ++connections;
  const reader = new MessageReader();
  socket.on("data", (chunk: Buffer) => {
    for (const message of reader.push(chunk)) {
      const incoming = parseMessage(message);
      if (incoming.moreToCome) continue;
      const legacy = incoming.kind === "query";
      const reply = answer(incoming.command, legacy, connectionId);
      const requestId = incoming.header.requestId;
      socket.write(legacy ? encodeLegacyReply(requestId, reply) : encodeMsgReply(requestId, reply));
    }
  });
  socket.on("error", () => socket.destroy());
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as net.AddressInfo;
  console.log(`mongodb://127.0.0.1:${port}/`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
