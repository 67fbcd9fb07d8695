/**
 * A reply goes out as one buffer: the header written in front of the reply's
 * BSON, a cursor batch's stored bytes copied in once (issue 23, per-command
 * latency). Its bytes must be those of the plain reply encoded by the
 * driver's serialiser behind the header the wire protocol describes
 * (MongoDB manual, "MongoDB Wire Protocol": OP_MSG and OP_REPLY).
 */
import { BSON, Long, type Document } from "bson";
import { EncodedBatch, encodeBatch } from "../../server/db/embedded/encoded-batch";
import { encodeLegacyReply, encodeMsgReply, OP_MSG, OP_REPLY } from "../../server/db/embedded/wire";

const docs = [
  { _id: 1, s: "one", nested: { a: [1, 2] } },
  { _id: 2, s: "two", at: new Date(0) },
];

function header(message: Buffer) {
  return {
    length: message.readInt32LE(0),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

it("writes an OP_MSG reply as its header, flags, kind 0 and the reply's BSON", () => {
  const plain: Document = { ok: 1, n: 3, note: "x" };
  const message = encodeMsgReply(7, plain);
  expect(header(message)).toEqual({ length: message.length, responseTo: 7, opCode: OP_MSG });
  expect(message.readUInt32LE(16)).toBe(0);
  expect(message[20]).toBe(0);
  expect(message.subarray(21)).toEqual(Buffer.from(BSON.serialize(plain)));
});

it("writes a cursor's batch into the reply as the serialiser would write the documents", () => {
  const reply = {
    cursor: { firstBatch: encodeBatch(docs, 0, 10, 1_000_000), id: Long.fromInt(0), ns: "db.c" },
    ok: 1,
  };
  const expected = BSON.serialize({
    cursor: { firstBatch: docs, id: Long.fromInt(0), ns: "db.c" },
    ok: 1,
  });
  const message = encodeMsgReply(9, reply);
  expect(header(message)).toEqual({ length: message.length, responseTo: 9, opCode: OP_MSG });
  expect(message.subarray(21)).toEqual(Buffer.from(expected));
});

it("writes a legacy OP_REPLY with one document after its 20 bytes of reply fields", () => {
  const plain: Document = { ismaster: true, ok: 1 };
  const message = encodeLegacyReply(5, plain);
  expect(header(message)).toEqual({ length: message.length, responseTo: 5, opCode: OP_REPLY });
  expect(message.readInt32LE(16)).toBe(0);
  expect(message.readBigInt64LE(20)).toBe(0n);
  expect(message.readInt32LE(28)).toBe(0);
  expect(message.readInt32LE(32)).toBe(1);
  expect(message.subarray(36)).toEqual(Buffer.from(BSON.serialize(plain)));
});

it("puts several batches at any depth where the serialiser would write their documents", () => {
  const batch = (from: number) => encodeBatch(docs, from, 10, 1_000_000);
  const reply = {
    a: { x: 1.5, first: batch(0), y: "after" },
    b: batch(1),
    c: { d: { e: batch(0) }, f: [1, 2] },
    ok: 1,
  };
  const expected = BSON.serialize({
    a: { x: 1.5, first: docs, y: "after" },
    b: docs.slice(1),
    c: { d: { e: docs }, f: [1, 2] },
    ok: 1,
  });
  const message = encodeMsgReply(3, reply);
  expect(message.readInt32LE(0)).toBe(message.length);
  expect(message.subarray(21)).toEqual(Buffer.from(expected));
  // The reply is left as it was: its batches are back in their places.
  expect(reply.b).toBeInstanceOf(EncodedBatch);
  expect(reply.c.d.e).toBeInstanceOf(EncodedBatch);
});
