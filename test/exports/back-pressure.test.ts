/**
 * The export writers wait for the response to drain when its buffer is full
 * (server/exports/csv-writer.ts writeChunk). Behind the app's compression
 * middleware a response's "drain" listeners go to its compressor, and a
 * listener added with `once` is never taken off there: every wait used to leave
 * one behind, each later drain called them all, and a large download slowed
 * with its own length. And a download the client leaves must end the export,
 * not leave it waiting for a drain that never comes.
 */
import type { AddressInfo } from "node:net";
import http from "node:http";
import zlib from "node:zlib";
import { PassThrough, Readable } from "node:stream";
import compression from "compression";
import express from "express";
import { writeChunk, writeCsv } from "../../server/exports/csv-writer";
import type { ExportValue } from "../../server/exports/rows";

async function* manyRows(n: number): AsyncGenerator<ExportValue[]> {
  for (let i = 0; i < n; i++) yield [`row ${i}`, i, i / 7, "שלום, עולם"];
}

it("waits for drains behind compression without leaving a listener per wait", async () => {
  // The compressor the middleware made for the response, to count its listeners.
  const compressors = new Set<zlib.Gzip>();
  const on = Readable.prototype.on;
  const spy = jest.spyOn(Readable.prototype, "on").mockImplementation(function (
    this: Readable,
    event,
    listener,
  ) {
    if (this instanceof zlib.Gzip && event === "drain") compressors.add(this);
    return on.call(this, event, listener);
  });
  const app = express();
  app.use(compression());
  app.get("/file", (_req, res) => {
    res.setHeader("content-type", "text/csv");
    void writeCsv(
      res,
      [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }],
      manyRows(60_000),
    ).then(() => res.end());
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const { port } = server.address() as AddressInfo;
    const bytes = await new Promise<number>((resolve, reject) => {
      http
        .get(
          { port, host: "127.0.0.1", path: "/file", headers: { "accept-encoding": "gzip" } },
          (res) => {
            expect(res.headers["content-encoding"]).toBe("gzip");
            let n = 0;
            res.on("data", (c: Buffer) => (n += c.length));
            res.on("end", () => resolve(n));
          },
        )
        .on("error", reject);
    });
    expect(bytes).toBeGreaterThan(100_000);
    expect(compressors.size).toBe(1);
    expect([...compressors][0]!.listenerCount("drain")).toBeLessThanOrEqual(1);
  } finally {
    spy.mockRestore();
    await new Promise((r) => server.close(r));
  }
});

it("fails a wait for drain when the stream is closed first", async () => {
  const out = new PassThrough({ highWaterMark: 16 });
  // Nobody reads: the first chunk fills the buffer, and the wait begins.
  const waiting = writeChunk(out, "x".repeat(64));
  out.destroy();
  await expect(waiting).rejects.toThrow(/closed/);
  await expect(writeChunk(out, "more")).rejects.toThrow(/closed/);
}, 5_000);
