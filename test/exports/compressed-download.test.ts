/**
 * A responses export downloaded as a browser asks for it (brotli or gzip accepted)
 * is compressed, at the export's own fast levels (server/app.ts), and unpacks to
 * exactly the file sent to a client that accepts no compression.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { testApp } from "../helpers/app";
import { signInAs, type SignedIn } from "../helpers/session";
import { startTestStore, type TestStore } from "../helpers/store";
import { addResponses, authorityWithTwoWaves, respondents } from "../results/factory";

let t: TestStore;
let server: http.Server;
let researcher: SignedIn;
let slug: string;

beforeAll(async () => {
  t = await startTestStore();
  const app = testApp(t);
  const town = await authorityWithTwoWaves();
  slug = town.authority.slug;
  await addResponses(town.baseline, respondents(60));
  researcher = await signInAs(app, "researcher");
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.close();
});

/** The export as sent: its content encoding and its bytes, not unpacked. */
async function download(
  format: string,
  acceptEncoding: string,
): Promise<{ encoding?: string; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get(
        {
          host: "127.0.0.1",
          port,
          path: `/api/exports/responses?authority=${slug}&format=${format}&lang=he`,
          headers: { cookie: researcher.cookie, "accept-encoding": acceptEncoding },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }),
          );
          res.on("error", reject);
        },
      )
      .on("error", reject);
  });
}

it("sends the CSV compressed as asked, and it unpacks to the uncompressed file", async () => {
  const plain = await download("csv", "identity");
  expect(plain.encoding).toBeUndefined();
  expect(plain.body.toString("utf8").split("\r\n")).toHaveLength(62);
  const br = await download("csv", "br");
  expect(br.encoding).toBe("br");
  expect(br.body.length).toBeLessThan(plain.body.length / 2);
  expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  const gzip = await download("csv", "gzip");
  expect(gzip.encoding).toBe("gzip");
  expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
  expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
});
