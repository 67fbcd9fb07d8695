import { csvCell, csvRow } from "../privacy/csv-safe";
import type { ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/** A stream's wait for "drain", and why it can take no more if it cannot. */
interface DrainWait {
  wake?: () => void;
  fail?: (err: Error) => void;
  closed?: Error;
}

/**
 * One listener per stream for its whole life, not one per wait: behind the
 * compression middleware a response's "drain" listeners go to its compressor,
 * where one added with `once` is never taken off, so a listener per wait piled
 * up and every drain of a large download called them all. A stream closed or
 * failed before its file is written (the client left) ends the wait with an
 * error, so the export stops instead of waiting for a drain that never comes.
 */
const waits = new WeakMap<NodeJS.WritableStream, DrainWait>();

function drainWait(out: NodeJS.WritableStream): DrainWait {
  const known = waits.get(out);
  if (known) return known;
  const w: DrainWait = {};
  const settle = () => {
    const { wake, fail } = w;
    w.wake = w.fail = undefined;
    if (w.closed) fail?.(w.closed);
    else wake?.();
  };
  const stop = (err?: Error) => {
    w.closed ??= err ?? new Error("The download was closed before the file was complete");
    settle();
  };
  const emitter = out as NodeJS.EventEmitter;
  emitter.on("drain", settle);
  emitter.on("close", () => stop());
  emitter.on("error", stop);
  waits.set(out, w);
  return w;
}

/** Writes to a stream, waiting for it to drain when its buffer is full; fails once it is closed. */
export async function writeChunk(
  out: NodeJS.WritableStream,
  chunk: string | Buffer,
): Promise<void> {
  const wait = drainWait(out);
  if ((out as { destroyed?: boolean }).destroyed)
    wait.closed ??= new Error("The download was closed before the file was complete");
  if (wait.closed) throw wait.closed;
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    wait.wake = resolve;
    wait.fail = reject;
  });
}

/** Values of one column whose CSV text is kept. */
const TEXTS_PER_COLUMN = 256;

/**
 * The CSV text of one column's cells (csvCell), made once per value: a
 * column's values repeat from row to row (the wave's authority and name, a few
 * channels, languages, days, answer codes and scores), and making a text safe
 * runs several expressions over it. A column of values that do not repeat (the
 * response id) fills its share and is then made cell by cell, so memory stays
 * flat.
 */
function columnTexts(): (value: ExportValue) => string {
  const texts = new Map<ExportValue, string>();
  return (value) => {
    let text = texts.get(value);
    if (text === undefined) {
      text = csvCell(value);
      if (texts.size < TEXTS_PER_COLUMN) texts.set(value, text);
    }
    return text;
  };
}

/**
 * A table as CSV: UTF-8 with a byte-order mark (so Excel shows Hebrew and
 * Arabic on a double click), CRLF line ends, every text cell made safe against
 * formula injection by server/privacy/csv-safe. Rows are written as they come,
 * with back-pressure, so the file never sits in memory.
 */
export async function writeCsv(
  out: NodeJS.WritableStream,
  columns: readonly Pick<ExportColumn, "name">[],
  rows: AsyncIterable<ExportValue[]>,
  onRow?: () => void,
): Promise<void> {
  await writeChunk(out, `\uFEFF${csvRow(columns.map((c) => c.name))}`);
  const texts = columns.map(columnTexts);
  let batch = "";
  for await (const row of rows) {
    batch += csvRow(row, (value, i) => (texts[i] ?? csvCell)(value ?? null));
    onRow?.();
    if (batch.length > 64_000) {
      await writeChunk(out, batch);
      batch = "";
    }
  }
  if (batch) await writeChunk(out, batch);
}
