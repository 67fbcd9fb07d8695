import { writeChunk } from "./csv-writer";
import type { ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/**
 * SPSS system file (.sav), uncompressed, little-endian, UTF-8, written from the
 * published layout (the PSPP manual, "System File Format"): file header;
 * one variable record per variable (plus continuation records for each further
 * 8 bytes of a string); value-label records; machine integer and float info;
 * long variable names; the character encoding; the dictionary terminator; then
 * the cases, 8 bytes per numeric value and strings padded to 8-byte segments.
 */

/** The code "don't know" / "prefer not to say" takes in numeric SPSS variables. */
export const SAV_MISSING_CODE = 99;
/** SPSS's system-missing value: -DBL_MAX. */
const SYSMIS = -Number.MAX_VALUE;
const MAX_STRING = 255;

const enc = new TextEncoder();

/** UTF-8 bytes of text, cut to at most max bytes without splitting a character. */
export function utf8Cut(text: string, max: number): Buffer {
  const bytes = Buffer.from(enc.encode(text));
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function padded(text: string | Buffer, length: number, fill = 0x20): Buffer {
  const out = Buffer.alloc(length, fill);
  (typeof text === "string" ? Buffer.from(text, "latin1") : text).copy(out, 0, 0, length);
  return out;
}

const int32 = (...values: number[]) => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
  return b;
};
const float64 = (...values: number[]) => {
  const b = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
  return b;
};

interface SavVariable {
  column: ExportColumn;
  short: string;
  /** 0 numeric, else string width in bytes. */
  width: number;
  segments: number;
}

function variablesOf(columns: readonly ExportColumn[]): SavVariable[] {
  return columns.map((column, i) => {
    const width =
      column.type === "number" ? 0 : Math.min(MAX_STRING, Math.max(1, column.maxLength ?? 64) * 2);
    return { column, short: `V${i + 1}`, width, segments: width === 0 ? 1 : Math.ceil(width / 8) };
  });
}

function format(v: SavVariable): number {
  // (type << 16) | (width << 8) | decimals: F8.2 for numbers, A<width> for strings.
  return v.width === 0 ? (5 << 16) | (8 << 8) | 2 : (1 << 16) | (v.width << 8);
}

function variableRecords(v: SavVariable): Buffer[] {
  const label = utf8Cut(v.column.label, 255);
  const labelBytes = Buffer.concat([
    int32(label.length),
    padded(label, Math.ceil(label.length / 4) * 4),
  ]);
  const missing = v.width === 0 && v.column.missingCode;
  const parts = [
    int32(2, v.width, 1, missing ? 1 : 0, format(v), format(v)),
    padded(v.short, 8),
    labelBytes,
    ...(missing ? [float64(SAV_MISSING_CODE)] : []),
  ];
  // Each further 8 bytes of a string is a continuation record of type -1.
  for (let s = 1; s < v.segments; s++) parts.push(int32(2, -1, 0, 0, 0, 0), padded("", 8));
  return parts;
}

function valueLabelRecords(v: SavVariable, index: number): Buffer[] {
  if (v.width !== 0) return [];
  const labels = [...v.column.valueLabels];
  if (v.column.missingCode)
    labels.push({ value: SAV_MISSING_CODE, label: "Don't know / prefer not to say" });
  if (labels.length === 0) return [];
  const entries = labels.map(({ value, label }) => {
    const text = utf8Cut(label, 120);
    const size = Math.ceil((text.length + 1) / 8) * 8;
    const body = Buffer.alloc(size, 0x20);
    body[0] = text.length;
    text.copy(body, 1);
    return Buffer.concat([float64(value), body]);
  });
  return [int32(3, labels.length), ...entries, int32(4, 1, index)];
}

function extension(subtype: number, size: number, data: Buffer): Buffer {
  return Buffer.concat([int32(7, subtype, size, data.length / size), data]);
}

function header(label: string, caseSize: number, cases: number, now: Date): Buffer {
  const months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const two = (n: number) => String(n).padStart(2, "0");
  const date = `${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${two(now.getUTCFullYear() % 100)}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  return Buffer.concat([
    Buffer.from("$FL2", "latin1"),
    padded("@(#) SPSS DATA FILE Kehila Pulse export", 60),
    int32(2, caseSize, 0, 0, cases),
    float64(100),
    padded(date, 9),
    padded(time, 8),
    padded(utf8Cut(label, 64), 64),
    Buffer.alloc(3),
  ]);
}

function caseBytes(
  vars: readonly SavVariable[],
  row: readonly ExportValue[],
  size: number,
): Buffer {
  const out = Buffer.alloc(size * 8, 0x20);
  let at = 0;
  vars.forEach((v, i) => {
    const value = row[i] ?? null;
    if (v.width === 0) {
      const n =
        typeof value === "number"
          ? value
          : value === null || value === ""
            ? SYSMIS
            : v.column.missingCode
              ? SAV_MISSING_CODE
              : SYSMIS;
      out.writeDoubleLE(Number.isFinite(n) || n === SYSMIS ? n : SYSMIS, at);
    } else if (value !== null) {
      utf8Cut(String(value), v.width).copy(out, at);
    }
    at += v.segments * 8;
  });
  return out;
}

/**
 * Writes an SPSS .sav of the columns and rows: variable labels, value labels,
 * the missing code declared user-missing, names longer than 8 characters kept
 * through the long-names record. Strings are cut at 255 bytes (whole
 * characters); the CSV and XLSX exports keep whole texts.
 */
export async function writeSav(
  out: NodeJS.WritableStream,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<ExportValue[]>,
  options: { cases: number; label?: string; now?: Date; onRow?: () => void },
): Promise<void> {
  const vars = variablesOf(columns);
  const caseSize = vars.reduce((a, v) => a + v.segments, 0);
  const dictionary: Buffer[] = [
    header(
      options.label ?? "Kehila Pulse responses",
      caseSize,
      options.cases,
      options.now ?? new Date(),
    ),
  ];
  for (const v of vars) dictionary.push(...variableRecords(v));
  let index = 1;
  for (const v of vars) {
    dictionary.push(...valueLabelRecords(v, index));
    index += v.segments;
  }
  // Machine integer info: version 1.0.0, IEEE floats, little-endian, code page 65001 (UTF-8).
  dictionary.push(extension(3, 4, int32(1, 0, 0, -1, 1, 1, 2, 65001)));
  dictionary.push(extension(4, 8, float64(SYSMIS, Number.MAX_VALUE, -1.7976931348623155e308)));
  const longNames = vars.map((v) => `${v.short}=${v.column.name}`).join("\t");
  dictionary.push(extension(13, 1, Buffer.from(longNames, "utf8")));
  dictionary.push(extension(20, 1, Buffer.from("UTF-8", "latin1")));
  dictionary.push(int32(999, 0));
  await writeChunk(out, Buffer.concat(dictionary));
  let batch: Buffer[] = [];
  for await (const row of rows) {
    batch.push(caseBytes(vars, row, caseSize));
    options.onRow?.();
    if (batch.length >= 256) {
      await writeChunk(out, Buffer.concat(batch));
      batch = [];
    }
  }
  if (batch.length) await writeChunk(out, Buffer.concat(batch));
}
