/**
 * Hashed scripts and styles are compressed once, when the client is built
 * (client/vite.config.mts), and sent as they are: brotli to a browser that takes
 * it, gzip to one that takes only gzip, the file itself to one that takes
 * neither; never compressed again per request. The files here stand in for a
 * build: each compressed copy has content of its own, so the body shows which
 * one was sent.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type { Express } from "express";
import pino from "pino";
import request from "supertest";
import { createApp } from "../../server/app";
import { startTestStore, type TestStore } from "../helpers/store";

const SCRIPT = "engine-abc123.js";
const PLAIN = `export const copy = "plain";${" ".repeat(4096)}`;

let t: TestStore;
let app: Express;
let clientDir: string;

beforeAll(async () => {
  t = await startTestStore();
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-precompressed-"));
  const assets = path.join(clientDir, "assets");
  fs.mkdirSync(assets);
  for (const page of ["index.html", "take.html", "kiosk.html", "public.html"])
    fs.writeFileSync(path.join(clientDir, page), "<!doctype html><title>page</title>");
  fs.writeFileSync(path.join(assets, SCRIPT), PLAIN);
  fs.writeFileSync(path.join(assets, `${SCRIPT}.gz`), zlib.gzipSync('export const copy = "gz";'));
  fs.writeFileSync(
    path.join(assets, `${SCRIPT}.br`),
    zlib.brotliCompressSync('export const copy = "br";'),
  );
  app = createApp({
    config: t.config,
    logger: pino({ level: "silent" }),
    store: t.store,
    clientDir,
  });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

/** GETs the script with `accept` as Accept-Encoding; supertest decodes the body as a browser would. */
async function fetchScript(accept: string) {
  const res = await request(app)
    .get(`/assets/${SCRIPT}`)
    .set("Accept-Encoding", accept)
    .buffer(true)
    .parse((r, done) => {
      let text = "";
      r.setEncoding("utf8");
      r.on("data", (c: string) => (text += c));
      r.on("end", () => done(null, text));
    });
  return {
    res,
    encoding: res.headers["content-encoding"] as string | undefined,
    body: res.body as string,
  };
}

it("sends the build's brotli copy to a browser that takes brotli", async () => {
  const { res, encoding, body } = await fetchScript("gzip, deflate, br");
  expect(res.status).toBe(200);
  expect(encoding).toBe("br");
  expect(body).toBe('export const copy = "br";');
  expect(res.headers["content-type"]).toMatch(/javascript/);
  expect(res.headers["vary"]).toMatch(/Accept-Encoding/i);
  expect(res.headers["cache-control"]).toMatch(/immutable/);
});

it("sends the gzip copy to a browser that takes only gzip", async () => {
  const { encoding, body } = await fetchScript("gzip, deflate");
  expect(encoding).toBe("gzip");
  expect(body).toBe('export const copy = "gz";');
});

it("sends the file itself, uncompressed, to a client that takes neither", async () => {
  const { encoding, body } = await fetchScript("identity");
  expect(encoding).toBeUndefined();
  expect(body).toBe(PLAIN);
});
