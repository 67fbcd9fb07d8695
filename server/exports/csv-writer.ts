import { once } from "node:events";
import { csvRow } from "../privacy/csv-safe";
import type { ExportColumn } from "./layout";
import type { ExportValue } from "./rows";

/** Writes to a stream, waiting for it to drain when its buffer is full. */
export async function writeChunk(
  out: NodeJS.WritableStream,
  chunk: string | Buffer,
): Promise<void> {
  if (!out.write(chunk)) await once(out as NodeJS.EventEmitter, "drain");
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
  let batch = "";
  for await (const row of rows) {
    batch += csvRow(row);
    onRow?.();
    if (batch.length > 64_000) {
      await writeChunk(out, batch);
      batch = "";
    }
  }
  if (batch) await writeChunk(out, batch);
}
