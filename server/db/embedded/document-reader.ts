import { isUtf8 } from "node:buffer";
import { ObjectId, type Document } from "bson";
import { markDouble } from "./doubles";

/**
 * A reader for the documents clients insert, which are nearly always made of a
 * few BSON types: doubles, strings, documents, arrays, ObjectIds, booleans,
 * dates, nulls and 32-bit integers. It gives what the driver's deserialiser
 * gives for them (server/db/embedded/wire.ts, DESERIALIZE_OPTIONS) and notes the
 * whole-number doubles as it goes (server/db/embedded/doubles.ts), in one pass
 * instead of two, about twice as fast: field names repeat from document to
 * document, and each is decoded once and then found again by its bytes.
 *
 * It gives up (returns undefined) on anything else: another type, a name
 * starting with `$` (a DBRef to the driver), an array whose element names are
 * not its indexes, text that is not plain ASCII and not valid UTF-8, or bytes
 * that do not add up. The caller then decodes the document with the driver's
 * deserialiser, which also reports whatever is wrong with it.
 */
export function readDocument(buf: Buffer): { doc: Document; doubles: boolean } | undefined {
  const state = { doubles: false };
  const doc = readObject(buf, 0, false, state);
  return doc === GIVE_UP ? undefined : { doc: doc as Document, doubles: state.doubles };
}

const GIVE_UP = Symbol("give up");
type Read = Document | unknown[] | typeof GIVE_UP;

/** Names decoded before, in slots chosen by a hash of their bytes. */
const NAME_SLOTS = 1024;
const names: Array<string | undefined> = new Array<string | undefined>(NAME_SLOTS);
const MAX_CACHED_NAME = 48;

/** The name in `buf[start, end)`: ASCII names found again by their bytes, others decoded. */
function nameAt(buf: Buffer, start: number, end: number): string | undefined {
  const length = end - start;
  let hash = length;
  for (let i = start; i < end; i += 1) {
    const byte = buf[i]!;
    if (byte >= 0x80) return utf8At(buf, start, end);
    hash = (Math.imul(hash, 31) + byte) | 0;
  }
  if (length > MAX_CACHED_NAME) return buf.toString("latin1", start, end);
  const slot = (hash >>> 0) % NAME_SLOTS;
  const known = names[slot];
  if (known !== undefined && known.length === length) {
    let same = true;
    for (let i = 0; i < length; i += 1) {
      if (known.charCodeAt(i) !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const name = buf.toString("latin1", start, end);
  names[slot] = name;
  return name;
}

/** UTF-8 text, or undefined when the bytes are not valid UTF-8. */
function utf8At(buf: Buffer, start: number, end: number): string | undefined {
  let ascii = true;
  for (let i = start; i < end; i += 1) {
    if (buf[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return buf.toString("latin1", start, end);
  const bytes = buf.subarray(start, end);
  return isUtf8(bytes) ? bytes.toString("utf8") : undefined;
}

/** True when the array element name in `buf[start, end)` is the decimal `index`. */
function isIndexName(buf: Buffer, start: number, end: number, index: number): boolean {
  if (end === start || end - start > 10) return false;
  if (buf[start] === 0x30 && end - start > 1) return false; // a leading zero
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const digit = buf[i]! - 0x30;
    if (digit < 0 || digit > 9) return false;
    value = value * 10 + digit;
  }
  return value === index;
}

function readObject(
  buf: Buffer,
  start: number,
  isArray: boolean,
  state: { doubles: boolean },
): Read {
  if (start + 5 > buf.length) return GIVE_UP;
  const size = buf.readInt32LE(start);
  const last = start + size - 1;
  if (size < 5 || last >= buf.length || buf[last] !== 0) return GIVE_UP;
  const out: Document | unknown[] = isArray ? [] : {};
  let at = start + 4;
  while (at < last) {
    const type = buf[at]!;
    const nameStart = at + 1;
    let nameEnd = nameStart;
    while (nameEnd < last && buf[nameEnd] !== 0) nameEnd += 1;
    if (nameEnd >= last) return GIVE_UP;
    let name: string | undefined;
    if (isArray) {
      if (!isIndexName(buf, nameStart, nameEnd, (out as unknown[]).length)) return GIVE_UP;
    } else {
      if (buf[nameStart] === 0x24) return GIVE_UP; // `$`: $ref and $id make a DBRef
      name = nameAt(buf, nameStart, nameEnd);
      if (name === undefined) return GIVE_UP;
    }
    at = nameEnd + 1;
    let value: unknown;
    switch (type) {
      case 0x01: {
        if (at + 8 > last) return GIVE_UP;
        const number = buf.readDoubleLE(at);
        at += 8;
        if (Number.isInteger(number)) {
          markDouble(out, name ?? String((out as unknown[]).length));
          state.doubles = true;
        }
        value = number;
        break;
      }
      case 0x02: {
        if (at + 4 > last) return GIVE_UP;
        const length = buf.readInt32LE(at);
        const textEnd = at + 4 + length - 1;
        if (length < 1 || textEnd >= last || buf[textEnd] !== 0) return GIVE_UP;
        const text = utf8At(buf, at + 4, textEnd);
        if (text === undefined) return GIVE_UP;
        value = text;
        at = textEnd + 1;
        break;
      }
      case 0x03:
      case 0x04: {
        const child = readObject(buf, at, type === 0x04, state);
        if (child === GIVE_UP) return GIVE_UP;
        value = child;
        at += buf.readInt32LE(at);
        if (at > last) return GIVE_UP;
        break;
      }
      case 0x07:
        if (at + 12 > last) return GIVE_UP;
        value = new ObjectId(buf.subarray(at, at + 12));
        at += 12;
        break;
      case 0x08: {
        const flag = buf[at];
        if (at + 1 > last || (flag !== 0 && flag !== 1)) return GIVE_UP;
        value = flag === 1;
        at += 1;
        break;
      }
      case 0x09: {
        if (at + 8 > last) return GIVE_UP;
        const low = buf.readInt32LE(at);
        const high = buf.readInt32LE(at + 4);
        value = new Date(high * 4294967296 + (low >>> 0));
        at += 8;
        break;
      }
      case 0x0a:
        value = null;
        break;
      case 0x10:
        if (at + 4 > last) return GIVE_UP;
        value = buf.readInt32LE(at);
        at += 4;
        break;
      default:
        return GIVE_UP;
    }
    if (isArray) (out as unknown[]).push(value);
    else if (name === "__proto__")
      Object.defineProperty(out, name, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    else (out as Document)[name!] = value;
  }
  return at === last ? out : GIVE_UP;
}
