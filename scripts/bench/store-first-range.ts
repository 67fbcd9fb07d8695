/**
 * `npm run bench:store-first-range -- [--responses 1000000]`: the first range
 * read of one wave in an index on wave and panel member, on a collection of
 * responses replayed as a reopened store holds them (issue 22). The read orders
 * that wave's keys alone; the baseline of the same run orders every wave's (a
 * range across waves), as every such read did before. Prints both and their ratio.
 */
import { ObjectId } from "bson";
import { parseArgs } from "node:util";
import { Collection } from "../../server/db/embedded/collection";
import type { IndexSpec } from "../../server/db/embedded/indexes";
import { seededRandom } from "../../server/demo/random";

const { values } = parseArgs({
  options: { responses: { type: "string", default: "1000000" } },
});
const N = Number(values.responses);
const PER_WAVE = 2_000;
const SPECS: IndexSpec[] = [{ key: { waveId: 1, panelId: 1 }, name: "waveId_1_panelId_1" }];

const random = seededRandom(22);
const waves = Array.from({ length: Math.ceil(N / PER_WAVE) }, () => new ObjectId());
const written = new Collection("kehila", "responses", {}, SPECS);
for (let i = 0; i < N; i += 1) {
  written.insert(
    {
      _id: new ObjectId(),
      waveId: waves[Math.floor(i / PER_WAVE)],
      // A third of the residents agreed to be asked again.
      panelId: random() < 1 / 3 ? `p${Math.floor(random() * 1e9).toString(36)}` : null,
      scores: { trust: random() * 4 + 1, belonging: random() * 4 + 1 },
      answers: { q1: 3, q2: 4, dem_age_band: 2, dem_sex: 1 },
    },
    true,
  );
}

/** The collection as a reopened store holds it, its index built as a write would find it. */
function reopened(): Collection {
  const c = new Collection("kehila", "responses", {}, SPECS);
  const frozen = written.storedBytes();
  for (const bytes of frozen.slice(0, frozen.length)) c.replayStored(Buffer.from(bytes));
  while (!c.buildDeferredIndexes(Infinity));
  return c;
}

function timed(read: (c: Collection) => number): { ms: number; n: number } {
  const c = reopened();
  const started = performance.now();
  const n = read(c);
  return { ms: performance.now() - started, n };
}

const wave = waves[Math.floor(waves.length / 2)];
const count = (ids: Iterable<string>) => [...ids].length;
const index = (c: Collection) => c.indexes.get("waveId_1_panelId_1")!;
// `{ waveId: w, panelId: { $gt: "" } }`, as the dashboard's panel read asks.
const oneWave = timed((c) =>
  count(index(c).scan({ key: [wave, ""], inclusive: false }, { key: [wave], inclusive: true })),
);
// `{ waveId: { $gte: w } }`: a range across waves orders the whole index.
const allWaves = timed((c) => count(index(c).scan({ key: [wave], inclusive: true })));

console.log(`${N.toLocaleString("en")} responses in ${waves.length} waves, reopened`);
console.log(
  `first read of one wave's panel members: ${oneWave.ms.toFixed(1)} ms (${oneWave.n} keys)`,
);
console.log(
  `baseline, first range across waves:    ${allWaves.ms.toFixed(1)} ms (${allWaves.n} keys)`,
);
console.log(`ratio to the baseline: ${(oneWave.ms / allWaves.ms).toFixed(4)}`);
