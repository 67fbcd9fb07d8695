import path from "node:path";
import { build } from "esbuild";

/**
 * Libraries that only some requests need load on first use, not with the server:
 * every process that starts it (main.ts, each test file, each script) would
 * otherwise compile them. Each one's own module says when it loads.
 */
const ON_FIRST_USE = [
  "survey-core", // server/surveys/visibility.ts: the first instrument with a condition
  "@stdlib/stats-base-dists-t-cdf", // server/analytics/t-distribution.ts: the first p-value
  "@stdlib/stats-base-dists-t-quantile", // the same: the first interval
  "@zxcvbn-ts/core", // server/secrets/strength.ts: a production admin password
  "@zxcvbn-ts/language-common",
  "@zxcvbn-ts/language-en",
  "@hebcal/core", // server/distribution/queue/rest-calendar.ts: the first scheduled send
  "fflate", // server/exports/xlsx-writer.ts, server/distribution/contacts/xlsx-reader.ts: the first workbook
  "saxes", // server/distribution/contacts/xlsx-reader.ts: the first contact file in XLSX
];

/**
 * The packages the server's modules import as they load: the static imports reached
 * from `entry`, not what a dynamic import() loads when a request asks for it.
 */
async function packagesLoadedAtStart(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "cjs",
    packages: "external",
    logLevel: "silent",
  });
  const { inputs } = result.metafile;
  const loaded = new Set<string>();
  const seen = new Set<string>();
  const queue = [path.relative(process.cwd(), entry)];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) {
      // A require() is how a module loads a library on first use, inside a function.
      if (i.kind !== "import-statement") continue;
      if (i.external) loaded.add(i.path);
      else queue.push(i.path);
    }
  }
  return loaded;
}

describe("what loading the server loads", () => {
  it.each(["server/app.ts", "server/config.ts"])(
    "%s loads no library meant for first use",
    async (entry) => {
      const loaded = await packagesLoadedAtStart(path.resolve(__dirname, "../..", entry));
      expect([...loaded]).toContain("zod"); // what it does load is seen
      expect(ON_FIRST_USE.filter((p) => loaded.has(p))).toEqual([]);
    },
  );
});

describe("what jest's global setup loads", () => {
  it("loads playwright only when the run may include a browser test", async () => {
    const loaded = await packagesLoadedAtStart(
      path.resolve(__dirname, "../helpers/global-setup.ts"),
    );
    expect(loaded.has("playwright-core")).toBe(false);
  });
});
