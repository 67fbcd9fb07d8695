import { BSON } from "bson";
import type { Margin } from "../analytics/raking";
import { cellKey } from "../results/cell-weights";
import type { ResponseFrame } from "../responses/frame";
import { israelDay } from "../responses/ids";
import { FIXED_COLUMNS, MEASURE_PREFIX, type ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/**
 * Export rows read straight from the stored responses' BSON bytes (a raw cursor):
 * each answer and score goes into its cell as its bytes are passed, so no object
 * per response, per answer or per score is made and collected. What a cell holds
 * is what the driver's decoding would give: a number (a double, an int32, or an
 * int64 within ±2^53), a text (a string or a symbol), and nothing for any other
 * type. Where each field goes is worked out once per export, the cells that are
 * the same on every row of a wave once per wave.
 */

/** The cells of one wave that are the same on every row. */
export interface WaveCells {
  authority: string;
  wave: string;
  wave_name: string;
  period: string;
}

/** Reads one wave's stored responses (their BSON bytes). */
export interface WaveReader {
  /** The export row of a response, its weight left to fill (RowReader.weigh). */
  row(bytes: Uint8Array): ExportValue[];
  /**
   * The response's weighting cell (cellKey), read on its own: a raked wave's
   * weights need every cell of the wave counted before its first row.
   */
  cell(bytes: Uint8Array): string;
}

/** Reads the rows of an export's waves. */
export interface RowReader {
  /** The reader of one wave's responses, with the margins valid for it (null: not raked). */
  forWave(cells: WaveCells, margins: readonly Margin[] | null): WaveReader;
  /** Puts a row's weight in its column (when the layout has one). */
  weigh(row: ExportValue[], weight: number | null): void;
}

const DOUBLE = 0x01;
const STRING = 0x02;
const DOCUMENT = 0x03;
const ARRAY = 0x04;
const BINARY = 0x05;
const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;
const DATE = 0x09;
const REGEX = 0x0b;
const DB_POINTER = 0x0c;
const CODE = 0x0d;
const SYMBOL = 0x0e;
const CODE_WITH_SCOPE = 0x0f;
const INT32 = 0x10;
const TIMESTAMP = 0x11;
const INT64 = 0x12;
const DECIMAL128 = 0x13;

/** The largest int64 the driver gives as a number (its promoteLongs bound, inclusive). */
const LONG_AS_NUMBER = 2 ** 53;
const HOUR_MS = 3_600_000;

/** Bytes of a value of the given type starting at `at`, so a reader can step over it. */
function valueLength(b: Uint8Array, view: DataView, type: number, at: number): number {
  switch (type) {
    case DOUBLE:
    case DATE:
    case TIMESTAMP:
    case INT64:
      return 8;
    case STRING:
    case CODE:
    case SYMBOL:
      return 4 + view.getInt32(at, true);
    case DOCUMENT:
    case ARRAY:
    case CODE_WITH_SCOPE:
      return view.getInt32(at, true);
    case BINARY:
      return 5 + view.getInt32(at, true);
    case OBJECT_ID:
      return 12;
    case BOOLEAN:
      return 1;
    case REGEX: {
      let end = b.indexOf(0, at);
      end = b.indexOf(0, end + 1);
      return end + 1 - at;
    }
    case DB_POINTER:
      return 4 + view.getInt32(at, true) + 12;
    case INT32:
      return 4;
    case DECIMAL128:
      return 16;
    default:
      // null, undefined, min key, max key
      return 0;
  }
}

/** A cell's value from BSON, as the driver decodes it: numbers and text, else null. */
function cellValue(buf: Buffer, view: DataView, type: number, at: number): ExportValue {
  switch (type) {
    case DOUBLE:
      return view.getFloat64(at, true);
    case INT32:
      return view.getInt32(at, true);
    case INT64: {
      const n = view.getBigInt64(at, true);
      return n <= LONG_AS_NUMBER && n >= -LONG_AS_NUMBER ? Number(n) : null;
    }
    case STRING:
    case SYMBOL:
      return buf.toString("utf8", at + 4, at + 4 + view.getInt32(at, true) - 1);
    default:
      return null;
  }
}

/** Names a place in a document keeps: the layouts its responses come in, as a rule one or two. */
const NAMES_PER_PLACE = 4;

/**
 * What each field name of one level of a response (its top level, its answers,
 * its scores) means to the reader, found by the name's bytes where they stand.
 * The responses of an export are written by the same code, so a field's name at
 * a place is, all but always, one already met at that place in an earlier
 * response (a response with an optional answer more shifts the places after it:
 * a place keeps a few names). The bytes are compared in place; a name is decoded
 * and its meaning worked out only the first times it is met, not for every
 * field of every response.
 */
class FieldNames<T> {
  private readonly places: Array<Array<{ bytes: Uint8Array; meaning: T }>> = [];
  /** Where the name read last ends (its terminating zero). */
  end = 0;

  constructor(private readonly meaningOf: (name: string) => T) {}

  /** The meaning of the name (a C string) starting at `at`, the `place`-th field of its document. */
  read(b: Buffer, place: number, at: number): T {
    const known = (this.places[place] ??= []);
    for (const { bytes, meaning } of known) {
      const end = at + bytes.length;
      if (b[end] === 0 && sameBytes(b, at, bytes)) {
        this.end = end;
        return meaning;
      }
    }
    const end = b.indexOf(0, at);
    const meaning = this.meaningOf(b.toString("utf8", at, end));
    if (known.length === NAMES_PER_PLACE) known.shift();
    known.push({ bytes: Uint8Array.prototype.slice.call(b, at, end), meaning });
    this.end = end;
    return meaning;
  }
}

/** True when `b` holds `bytes` from `at`. */
function sameBytes(b: Uint8Array, at: number, bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) if (b[at + i] !== bytes[i]) return false;
  return true;
}

/**
 * Calls `each` with every element of the document at `at`: its type, what
 * its name means (from `names`) and where its value starts.
 */
function forEachElement<T>(
  buf: Buffer,
  view: DataView,
  at: number,
  names: FieldNames<T>,
  each: (type: number, meaning: T, value: number) => void,
): void {
  const end = at + view.getInt32(at, true) - 1;
  let i = at + 4;
  for (let place = 0; i < end; place += 1) {
    const type = buf[i]!;
    const meaning = names.read(buf, place, i + 1);
    const value = names.end + 1;
    each(type, meaning, value);
    i = value + valueLength(buf, view, type, value);
  }
}

/** What an answer's or a score's name means: its column (-1 for none) and what else reads it. */
interface NestedName {
  name: string;
  column: number;
  /** The score of a construct with a measure column. */
  also: boolean;
}

/**
 * A row reader for the export's columns. The layout's fixed columns come from
 * the response's own fields and the wave; `score_<construct>` from its scores;
 * `measure_<construct>` from `measures` (construct → instrument version id →
 * measure), for a response with a score of that construct; every other column
 * from its answer of that name.
 */
export function rowReader(
  columns: readonly Pick<ExportColumn, "name">[],
  measures: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map(),
): RowReader {
  const at = new Map(columns.map((c, i) => [c.name, i]));
  const fixed = new Set<string>(FIXED_COLUMNS);
  const answerColumns = new Map<string, number>();
  const scoreColumns = new Map<string, number>();
  const measureColumns: Array<[construct: string, column: number]> = [];
  columns.forEach((c, i) => {
    if (fixed.has(c.name)) return;
    if (c.name.startsWith(MEASURE_PREFIX))
      measureColumns.push([c.name.slice(MEASURE_PREFIX.length), i]);
    else if (c.name.startsWith("score_")) scoreColumns.set(c.name.slice(6), i);
    else answerColumns.set(c.name, i);
  });
  const measured = new Set(measureColumns.map(([construct]) => construct));
  const column = (name: string) => at.get(name) ?? -1;
  const [idAt, channelAt, localeAt, dayAt, weightAt, armAt, versionAt] = [
    "response_id",
    "channel",
    "locale",
    "submitted_at",
    "weight",
    "arm",
    "instrument_version",
  ].map(column) as [number, number, number, number, number, number, number];
  // The Israel day of each hour seen: the day changes only on a whole hour of UTC.
  const days = new Map<number, string>();
  const dayOf = (ms: number): string => {
    const hour = Math.floor(ms / HOUR_MS);
    let day = days.get(hour);
    if (day === undefined) {
      const first = israelDay(new Date(hour * HOUR_MS));
      if (first !== israelDay(new Date(hour * HOUR_MS + HOUR_MS - 1)))
        return israelDay(new Date(ms));
      days.set(hour, (day = first));
    }
    return day;
  };

  const weigh = (row: ExportValue[], weight: number | null) => {
    if (weightAt >= 0) row[weightAt] = weight;
  };

  function forWave(cells: WaveCells, marginsOfWave: readonly Margin[] | null): WaveReader {
    const template: ExportValue[] = columns.map(() => null);
    for (const name of ["authority", "wave", "wave_name", "period"] as const) {
      const i = column(name);
      if (i >= 0) template[i] = cells[name];
    }
    const margins = marginsOfWave && marginsOfWave.length > 0 ? marginsOfWave : null;
    const marginVariables = new Set((margins ?? []).map((m) => m.variable));
    const topNames = new FieldNames((name) => name);
    const answerNames = new FieldNames((name) => answerColumns.get(name) ?? -1);
    const marginNames = new FieldNames((name) => (marginVariables.has(name) ? name : null));
    const scoreNames = new FieldNames<NestedName>((name) => ({
      name,
      column: scoreColumns.get(name) ?? -1,
      also: measured.has(name),
    }));
    const bufferOf = (bytes: Uint8Array) =>
      Buffer.isBuffer(bytes)
        ? bytes
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

    function cell(bytes: Uint8Array): string {
      if (!margins) return cellKey({}, null);
      const buf = bufferOf(bytes);
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const marginAnswers: Record<string, ExportValue> = {};
      let frame: ResponseFrame | null = null;
      forEachElement(buf, view, 0, topNames, (type, name, value) => {
        if (name === "frame" && type === DOCUMENT)
          // Written through the schema: a sub-document of two texts, or absent.
          frame = BSON.deserialize(
            buf.subarray(value, value + view.getInt32(value, true)),
          ) as ResponseFrame;
        else if (name === "answers" && type === DOCUMENT)
          forEachElement(buf, view, value, marginNames, (t, variable, v) => {
            if (variable !== null) marginAnswers[variable] = cellValue(buf, view, t, v);
          });
      });
      return cellKey(marginAnswers, margins, frame);
    }

    function row(bytes: Uint8Array): ExportValue[] {
      const buf = bufferOf(bytes);
      const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      const row = template.slice();
      let version = "";
      // The scores of the constructs with a measure column: a measure is given with a score.
      const scored = new Set<string>();
      forEachElement(buf, view, 0, topNames, (type, name, value) => {
        switch (name) {
          case "_id":
            if (idAt >= 0 && type === OBJECT_ID) row[idAt] = buf.toString("hex", value, value + 12);
            return;
          case "channel":
            if (channelAt >= 0) row[channelAt] = cellValue(buf, view, type, value);
            return;
          case "locale":
            if (localeAt >= 0) row[localeAt] = cellValue(buf, view, type, value);
            return;
          case "arm":
            if (armAt >= 0) row[armAt] = cellValue(buf, view, type, value);
            return;
          case "instrumentVersionId":
            if (type === OBJECT_ID) version = buf.toString("hex", value, value + 12);
            if (versionAt >= 0) row[versionAt] = version || null;
            return;
          case "submittedAt":
            if (dayAt >= 0 && type === DATE)
              row[dayAt] = dayOf(Number(view.getBigInt64(value, true)));
            return;
          case "answers":
            if (type !== DOCUMENT) return;
            forEachElement(buf, view, value, answerNames, (t, at, v) => {
              if (at >= 0) row[at] = cellValue(buf, view, t, v);
            });
            return;
          case "scores":
            if (type !== DOCUMENT) return;
            forEachElement(buf, view, value, scoreNames, (t, score, v) => {
              if (score.column >= 0) row[score.column] = cellValue(buf, view, t, v);
              if (score.also) {
                if (typeof cellValue(buf, view, t, v) === "number") scored.add(score.name);
                else scored.delete(score.name);
              }
            });
            return;
        }
      });
      for (const [construct, i] of measureColumns)
        row[i] = scored.has(construct) ? (measures.get(construct)?.get(version) ?? null) : null;
      return row;
    }

    return { row, cell };
  }
  return { forWave, weigh };
}
