import { BSON, type Document } from "bson";
import { readDocument } from "./document-reader";
import { noteDoubles } from "./doubles";
import { serializeReply } from "./encoded-batch";
import { keepRaw } from "./raw";

/**
 * The MongoDB wire protocol as far as a server needs it: OP_MSG (2013) for every
 * command, and the legacy OP_QUERY (2004) / OP_REPLY (1) pair that drivers still
 * use for the very first handshake.
 */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

const HEADER_BYTES = 16;
const FLAG_CHECKSUM_PRESENT = 1 << 0;
export const FLAG_MORE_TO_COME = 1 << 1;

/** Larger messages are refused before they are buffered. */
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_OBJECT_BYTES = 16 * 1024 * 1024;

/** Numbers keep their JS form; Longs beyond 2^53 stay Long so they are not rounded. */
export const DESERIALIZE_OPTIONS = {
  promoteLongs: true,
  promoteValues: true,
  promoteBuffers: false,
  // Regular expressions stay BSONRegExp: the JS form would turn option s into g and drop x.
  bsonRegExp: true,
} as const;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A parsed OP_MSG or OP_QUERY: one command document with any document sequences merged in. */
export interface IncomingCommand {
  header: MessageHeader;
  kind: "msg" | "query";
  moreToCome: boolean;
  command: Document;
  /** For OP_QUERY: the full collection name, e.g. `admin.$cmd`. */
  namespace?: string;
}

export class ProtocolError extends Error {}

/**
 * Before a client has authenticated it may send only the handshake and SASL
 * steps, a few hundred bytes each; a larger message is refused at its header,
 * so a stranger cannot make the server hold 48 MB per connection.
 */
export const MAX_UNAUTHENTICATED_MESSAGE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into whole messages. Chunks are kept as they arrive and
 * a message spread over several is joined once, when its last byte is in: a
 * 47 MB message trickled in 16 kB chunks is copied once, not once per chunk
 * (joining the buffer on every chunk made that quadratic and stalled the server).
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes copied to join messages that arrived in pieces (a message in one chunk is not copied). */
  bytesCopied = 0;
  /** A message announcing more bytes is refused at its header. */
  maxMessageBytes = MAX_MESSAGE_BYTES;

  /** Bytes received that are not part of a whole message yet. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const length = this.peekLength();
      if (length < HEADER_BYTES || length > this.maxMessageBytes) {
        throw new ProtocolError(
          `invalid message length ${length} (at most ${this.maxMessageBytes} bytes here)`,
        );
      }
      if (this.buffered < length) break;
      messages.push(this.take(length));
    }
    return messages;
  }

  /** The length field of the next message, which may itself be split over chunks. */
  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32LE(0);
    const bytes = Buffer.alloc(4);
    let at = 0;
    for (const c of this.chunks) {
      at += c.copy(bytes, at, 0, Math.min(c.length, 4 - at));
      if (at === 4) break;
    }
    return bytes.readInt32LE(0);
  }

  /** Removes the next `length` bytes: a view of one chunk, or one copy of several. */
  private take(length: number): Buffer {
    this.buffered -= length;
    const first = this.chunks[0]!;
    if (first.length >= length) {
      if (first.length === length) this.chunks.shift();
      else this.chunks[0] = first.subarray(length);
      return first.subarray(0, length);
    }
    const out = Buffer.allocUnsafe(length);
    let at = 0;
    let used = 0;
    while (at < length) {
      const c = this.chunks[used]!;
      const n = Math.min(c.length, length - at);
      c.copy(out, at, 0, n);
      at += n;
      if (n === c.length) used += 1;
      else this.chunks[used] = c.subarray(n);
    }
    this.chunks.splice(0, used);
    this.bytesCopied += length;
    return out;
  }
}

function readHeader(message: Buffer): MessageHeader {
  return {
    length: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

/** The bytes of the BSON document at `offset`, checked to lie within the message. */
function bsonAt(message: Buffer, offset: number): Buffer {
  const size = message.readInt32LE(offset);
  if (size < 5 || offset + size > message.length)
    throw new ProtocolError("truncated BSON document");
  return message.subarray(offset, offset + size);
}

/** A document decoded by the driver's deserialiser, its whole-number doubles noted. */
function deserialize(bytes: Buffer): { doc: Document; doubles: boolean } {
  const doc = BSON.deserialize(bytes, DESERIALIZE_OPTIONS);
  return { doc, doubles: noteDoubles(bytes, 0, doc) };
}

function readBson(
  message: Buffer,
  offset: number,
  keepBytes = false,
): { doc: Document; end: number } {
  const bytes = bsonAt(message, offset);
  if (keepBytes) {
    // A document to insert: most are read by the store's own reader (document-reader.ts).
    const read = readDocument(bytes) ?? deserialize(bytes);
    keepRaw(read.doc, bytes, !read.doubles);
    return { doc: read.doc, end: offset + bytes.length };
  }
  return { doc: deserialize(bytes).doc, end: offset + bytes.length };
}

/**
 * A stored document read from its own bytes (a snapshot's), which it keeps
 * (server/db/embedded/raw.ts) so the collection stores them as they are.
 */
export function readRawDocument(bytes: Buffer): Document {
  return readBson(bytes, 0, true).doc;
}

/** The name of a BSON document's first element (a command's name), read without decoding it. */
function firstName(message: Buffer, offset: number): string {
  const start = offset + 5; // length, then the first element's type byte
  const zero = message.indexOf(0, start);
  return zero < 0 ? "" : message.toString("latin1", start, zero);
}

const INSERT_BODY_OPTIONS = { ...DESERIALIZE_OPTIONS, fieldsAsRaw: { documents: true } };

/**
 * An insert command's body, each document to insert decoded on its own so the
 * store keeps the bytes it arrived in (server/db/embedded/raw.ts).
 */
function readInsertBody(message: Buffer, offset: number): { doc: Document; end: number } {
  const bytes = bsonAt(message, offset);
  const body = BSON.deserialize(bytes, INSERT_BODY_OPTIONS);
  const raws: unknown = body.documents;
  delete body.documents;
  noteDoubles(message, offset, body);
  if (Array.isArray(raws)) {
    body.documents = raws.map((raw: unknown) =>
      Buffer.isBuffer(raw) ? readBson(raw, 0, true).doc : raw,
    );
  } else if (raws !== undefined) body.documents = raws;
  return { doc: body, end: offset + bytes.length };
}

function readCString(message: Buffer, offset: number): { value: string; end: number } {
  const zero = message.indexOf(0, offset);
  if (zero < 0) throw new ProtocolError("unterminated string");
  return { value: message.toString("utf8", offset, zero), end: zero + 1 };
}

/** Parses one whole message. OP_COMPRESSED is refused: the server advertises no compressors. */
export function parseMessage(message: Buffer): IncomingCommand {
  const header = readHeader(message);
  if (header.opCode === OP_MSG) return parseOpMsg(message, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(message, header);
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(message: Buffer, header: MessageHeader): IncomingCommand {
  const flags = message.readUInt32LE(HEADER_BYTES);
  const end = flags & FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_BYTES + 4;
  let body: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      const read =
        firstName(message, offset) === "insert"
          ? readInsertBody(message, offset)
          : readBson(message, offset);
      body = read.doc;
      offset = read.end;
    } else if (kind === 1) {
      const sectionEnd = offset + message.readInt32LE(offset);
      const id = readCString(message, offset + 4);
      const docs: Document[] = [];
      let at = id.end;
      while (at < sectionEnd) {
        const read = readBson(message, at, id.value === "documents");
        docs.push(read.doc);
        at = read.end;
      }
      sequences[id.value] = docs;
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError("OP_MSG without a body section");
  for (const [id, docs] of Object.entries(sequences)) body[id] = docs;
  return { header, kind: "msg", moreToCome: (flags & FLAG_MORE_TO_COME) !== 0, command: body };
}

function parseOpQuery(message: Buffer, header: MessageHeader): IncomingCommand {
  let offset = HEADER_BYTES + 4; // flags
  const ns = readCString(message, offset);
  offset = ns.end + 8; // numberToSkip, numberToReturn
  const { doc } = readBson(message, offset);
  // Legacy commands may wrap the command in `$query` (or `query`) beside read preferences.
  const command = (doc.$query ?? doc.query ?? doc) as Document;
  return { header, kind: "query", moreToCome: false, command, namespace: ns.value };
}

let nextRequestId = 1;

function writeHeader(buffer: Buffer, responseTo: number, opCode: number): void {
  buffer.writeInt32LE(buffer.length, 0);
  buffer.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
}

/**
 * An OP_MSG reply with one body section. The reply is encoded after room for
 * the header and the header written in front of it, every byte of it, so the
 * buffer needs no zeroing and the reply no second copy.
 */
export function encodeMsgReply(responseTo: number, reply: Document): Buffer {
  const buffer = serializeReply(reply, HEADER_BYTES + 4 + 1);
  writeHeader(buffer, responseTo, OP_MSG);
  buffer.writeUInt32LE(0, HEADER_BYTES); // flagBits
  buffer.writeUInt8(0, HEADER_BYTES + 4); // section kind 0, the body
  return buffer;
}

/** An OP_REPLY carrying one document, the answer to a legacy OP_QUERY command. */
export function encodeLegacyReply(responseTo: number, reply: Document): Buffer {
  const buffer = serializeReply(reply, HEADER_BYTES + 20);
  writeHeader(buffer, responseTo, OP_REPLY);
  buffer.writeInt32LE(0, HEADER_BYTES); // responseFlags
  buffer.writeBigInt64LE(0n, HEADER_BYTES + 4); // cursorID
  buffer.writeInt32LE(0, HEADER_BYTES + 12); // startingFrom
  buffer.writeInt32LE(1, HEADER_BYTES + 16); // numberReturned
  return buffer;
}
