import { isUtf8 } from "node:buffer";
import { ObjectId } from "bson";
import { valueSize } from "./bson-value-size";
import { keyString } from "./values";

/**
 * Index keys read straight from a stored document's BSON bytes, for reopening
 * a store: a snapshot or journal holds each document as the bytes the
 * collection keeps, and decoding every one of them only to find a few indexed
 * fields is what made reopening a large store take minutes. Here the
 * document's elements are walked once, each indexed field is found by its
 * name's bytes, and its map key (values.ts `keyString`) is made from the value's
 * bytes.
 *
 * Only what the bytes say plainly is read: the scalar types documents are made
 * of. A field holding an array (a multikey index), a sub-document or a rarer
 * type, and a document whose bytes do not add up, give `undefined`: the caller
 * then decodes the document and keys it as a write does (indexes.ts).
 */

const DOCUMENT = 0x03;
const ARRAY = 0x04;
/** The first character of an ObjectId's map key. */
const O = "o".charCodeAt(0);
/** The furthest a JS Date reaches either side of 1970, in milliseconds. */
const MAX_DATE = 8.64e15;

/** The elements of one BSON document: where each one's name and value lie in its bytes. */
export class StoredElements {
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  /** True when a name starts with `$`: `$ref` and `$id` make the decoder give a DBRef, not a document. */
  dollar = false;
  private nameStart = new Int32Array(32);
  private nameEnd = new Int32Array(32);
  private valueStart = new Int32Array(32);
  private types = new Uint8Array(32);

  /**
   * Reads the elements of the document at `bytes[start]`, or its first `most`
   * only; false when the bytes read do not add up.
   */
  read(bytes: Buffer, start = 0, most = Infinity): boolean {
    this.bytes = bytes;
    this.count = 0;
    this.dollar = false;
    if (start + 5 > bytes.length) return false;
    const last = start + bytes.readInt32LE(start) - 1;
    if (last < start + 4 || last >= bytes.length || bytes[last] !== 0) return false;
    let at = start + 4;
    while (at < last) {
      if (this.count === most) return true;
      const type = bytes[at]!;
      const nameStart = at + 1;
      let nameEnd = nameStart;
      while (nameEnd < last && bytes[nameEnd] !== 0) nameEnd += 1;
      if (nameEnd >= last) return false;
      if (bytes[nameStart] === 0x24) this.dollar = true;
      const valueStart = nameEnd + 1;
      let size: number;
      try {
        size = valueSize(bytes, type, valueStart);
      } catch {
        return false; // a type BSON does not have
      }
      if (size < 0 || valueStart + size > last) return false;
      if (this.count === this.types.length) this.grow();
      const i = this.count++;
      this.types[i] = type;
      this.nameStart[i] = nameStart;
      this.nameEnd[i] = nameEnd;
      this.valueStart[i] = valueStart;
      at = valueStart + size;
    }
    return at === last;
  }

  /** The element named `name` (its UTF-8 bytes), the last when there are two; -1 when none. */
  find(name: Uint8Array): number {
    const bytes = this.bytes;
    for (let i = this.count - 1; i >= 0; i -= 1) {
      const start = this.nameStart[i]!;
      if (this.nameEnd[i]! - start !== name.length) continue;
      let same = true;
      for (let j = 0; j < name.length; j += 1) {
        if (bytes[start + j] !== name[j]) {
          same = false;
          break;
        }
      }
      if (same) return i;
    }
    return -1;
  }

  /** True when the first element is named `_id`, where the store keeps it. */
  startsWithId(): boolean {
    return this.count > 0 && this.find(ID) === 0;
  }

  typeAt(i: number): number {
    return this.types[i]!;
  }

  valueAt(i: number): number {
    return this.valueStart[i]!;
  }

  /** The element's text when it is a string (and valid UTF-8), undefined otherwise or for -1. */
  text(i: number): string | undefined {
    if (i < 0 || this.types[i] !== 0x02) return undefined;
    const at = this.valueStart[i]!;
    const length = this.bytes.readInt32LE(at);
    if (length < 1 || this.bytes[at + 4 + length - 1] !== 0) return undefined;
    return textAt(this.bytes, at + 4, at + 4 + length - 1);
  }

  /** True when the element is a string of exactly `text`, given as its UTF-8 bytes. */
  isText(i: number, text: Uint8Array): boolean {
    if (i < 0 || this.types[i] !== 0x02) return false;
    const at = this.valueStart[i]! + 4;
    if (this.bytes.readInt32LE(at - 4) !== text.length + 1 || this.bytes[at + text.length] !== 0)
      return false;
    for (let j = 0; j < text.length; j += 1) if (this.bytes[at + j] !== text[j]) return false;
    return true;
  }

  /** The bytes of the element's value, a document or an array (a view, not a copy). */
  documentAt(i: number): Buffer {
    const at = this.valueStart[i]!;
    return this.bytes.subarray(at, at + this.bytes.readInt32LE(at));
  }

  /** The element's value as the decoder gives it when it is a plain scalar, undefined otherwise. */
  scalarValue(i: number): unknown {
    return scalarValue(this.bytes, this.types[i]!, this.valueStart[i]!);
  }

  /** The map key of the element's value when it is a plain scalar, undefined otherwise. */
  scalarKey(i: number, fold?: (s: string) => string): string | undefined {
    return scalarKey(this.bytes, this.types[i]!, this.valueStart[i]!, fold);
  }

  private grow(): void {
    const size = this.types.length * 2;
    const widen = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.nameStart = widen(this.nameStart);
    this.nameEnd = widen(this.nameEnd);
    this.valueStart = widen(this.valueStart);
    const types = new Uint8Array(size);
    types.set(this.types);
    this.types = types;
  }
}

const ID = Buffer.from("_id");

/** The id key (values.ts `keyString` of `_id`) of a document whose elements `top` holds. */
export function storedIdKey(top: StoredElements): string | undefined {
  if (top.dollar) return undefined;
  const i = top.find(ID);
  return i < 0 ? undefined : top.scalarKey(i);
}

/**
 * The parts joined as one flat string. A key joined with `+` or a template is
 * kept by V8 as a tree of the pieces, a few more strings in the heap for each
 * key a reopened store's maps hold; the same text either way.
 */
function flat(parts: Array<string | number>): string {
  return parts.join("");
}

/** UTF-8 text, undefined when the bytes are not valid UTF-8 (the decoder then decides). */
function textAt(bytes: Buffer, start: number, end: number): string | undefined {
  for (let i = start; i < end; i += 1) {
    if (bytes[i]! >= 0x80) {
      const slice = bytes.subarray(start, end);
      return isUtf8(slice) ? slice.toString("utf8") : undefined;
    }
  }
  return bytes.toString("latin1", start, end);
}

/**
 * `keyString` of the value of `type` at `bytes[at]`, its strings folded when
 * the index's collation says so; undefined for what is not a plain scalar.
 */
function scalarKey(
  bytes: Buffer,
  type: number,
  at: number,
  fold?: (s: string) => string,
): string | undefined {
  switch (type) {
    case 0x01:
      return keyString(bytes.readDoubleLE(at));
    case 0x02: {
      const length = bytes.readInt32LE(at);
      if (length < 1 || bytes[at + 4 + length - 1] !== 0) return undefined;
      const text = textAt(bytes, at + 4, at + 4 + length - 1);
      if (text === undefined) return undefined;
      return flat(["s", fold ? fold(text) : text]);
    }
    case 0x07:
      // values.ts keys an ObjectId as `o` and its twelve bytes, one character each, one flat
      // string: `o` joined to a slice would be two strings for every id a reopen keeps.
      // prettier-ignore
      return String.fromCharCode(O,
        bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!, bytes[at + 4]!, bytes[at + 5]!,
        bytes[at + 6]!, bytes[at + 7]!, bytes[at + 8]!, bytes[at + 9]!, bytes[at + 10]!, bytes[at + 11]!);
    case 0x08: {
      const flag = bytes[at];
      return flag === 1 ? "b1" : flag === 0 ? "b0" : undefined;
    }
    case 0x09: {
      const ms = bytes.readInt32LE(at + 4) * 4294967296 + bytes.readUInt32LE(at);
      return Math.abs(ms) <= MAX_DATE ? flat(["d", ms]) : undefined;
    }
    case 0x0a:
      return "z";
    case 0x10:
      return keyString(bytes.readInt32LE(at));
    default:
      return undefined;
  }
}

/** The value of `type` at `bytes[at]` as the decoder gives it, for the plain scalars; undefined otherwise. */
function scalarValue(bytes: Buffer, type: number, at: number): unknown {
  switch (type) {
    case 0x01:
      return bytes.readDoubleLE(at);
    case 0x02: {
      const length = bytes.readInt32LE(at);
      if (length < 1 || bytes[at + 4 + length - 1] !== 0) return undefined;
      return textAt(bytes, at + 4, at + 4 + length - 1);
    }
    case 0x07:
      return new ObjectId(bytes.subarray(at, at + 12));
    case 0x08: {
      const flag = bytes[at];
      return flag === 1 ? true : flag === 0 ? false : undefined;
    }
    case 0x09: {
      const ms = bytes.readInt32LE(at + 4) * 4294967296 + bytes.readUInt32LE(at);
      return Math.abs(ms) <= MAX_DATE ? new Date(ms) : undefined;
    }
    case 0x0a:
      return null;
    case 0x10:
      return bytes.readInt32LE(at);
    default:
      return undefined;
  }
}

/** Sub-documents on the way down a dotted path, read one level at a time. */
const nested = new StoredElements();

/** How one index finds its fields in a stored document's bytes and makes its map key. */
export class StoredKeyReader {
  /** Each field's path, each part as the UTF-8 bytes of its name. */
  private readonly paths: Buffer[][];

  constructor(
    fields: readonly string[],
    private readonly sparse: boolean,
    private readonly fold?: (s: string) => string,
  ) {
    this.paths = fields.map((f) => f.split(".").map((part) => Buffer.from(part, "utf8")));
  }

  /**
   * The index's one map key for the document whose elements `top` holds (as
   * indexes.ts `hashOf` makes it from the decoded document); null when a
   * sparse index leaves the document out; undefined when only the decoded
   * document can say (an array on the path makes several keys, or none).
   */
  keyOf(top: StoredElements): string | null | undefined {
    if (top.dollar) return undefined;
    const single = this.paths.length === 1;
    let key = "z";
    const parts: Array<string | number> = ["a"];
    let allMissing = true;
    for (const path of this.paths) {
      const part = this.find(top, path, (table, i) => table.scalarKey(i, this.fold));
      if (part === undefined) return undefined;
      if (part === MISSING) {
        parts.push("1:z");
        continue;
      }
      allMissing = false;
      if (single) key = part;
      else parts.push(part.length, ":", part);
    }
    if (this.sparse && allMissing) return null;
    return single ? key : flat(parts);
  }

  /**
   * The index's one key tuple for the document, its values as the decoded
   * document holds them (missing ones null), for the keys in value order
   * (sorted-keys.ts); null and undefined as for `keyOf`.
   */
  tupleOf(top: StoredElements): unknown[] | null | undefined {
    if (top.dollar) return undefined;
    // Made at its length, as indexes.ts `scalarTuple` makes its tuples.
    const tuple = new Array<unknown>(this.paths.length);
    let allMissing = true;
    for (let i = 0; i < tuple.length; i += 1) {
      const value = this.find(top, this.paths[i]!, (table, j) => table.scalarValue(j));
      if (value === undefined) return undefined;
      if (value !== MISSING) allMissing = false;
      tuple[i] = value === MISSING ? null : value;
    }
    return this.sparse && allMissing ? null : tuple;
  }

  /** What `read` gives for the value at `path`, MISSING when the path leads nowhere. */
  private find<T>(
    top: StoredElements,
    path: Buffer[],
    read: (table: StoredElements, i: number) => T | undefined,
  ): T | typeof MISSING | undefined {
    let table = top;
    for (let depth = 0; ; depth += 1) {
      const i = table.find(path[depth]!);
      if (i < 0) return MISSING;
      const type = table.typeAt(i);
      if (type === ARRAY) return undefined; // fans out (multikey): the decoded document decides
      if (depth === path.length - 1) return type === DOCUMENT ? undefined : read(table, i);
      // A scalar on the way leaves the rest of the path missing, as values.ts `valuesAt` does.
      if (type !== DOCUMENT) return MISSING;
      if (!nested.read(table.bytes, table.valueAt(i)) || nested.dollar) return undefined;
      table = nested;
    }
  }
}

/** A field not there: keyed as null (`z`), and left out of a sparse index. */
const MISSING = Symbol("missing");
