/**
 * Issue 22: the outbox of responses not yet folded is read 2,000 at a time as
 * `{ aggregated: null, waveId: { $in: every wave } }`. Past 500 waves the
 * planner gave up the `$in` (it combined at most 500 values), read the null
 * key's range instead and gathered every pending id before the first 2,000:
 * the fold of a national store's 4.1 M responses slowed with every batch. An
 * `$in` of thousands of values is looked up one whole key at a time, as the
 * reader asks for them; only the product of several `$in`s past a bound is not.
 */
import { ObjectId } from "bson";
import { Collection } from "../../server/db/embedded/collection";
import { planQuery } from "../../server/db/embedded/planner";

const WAVES = Array.from({ length: 3_000 }, () => new ObjectId());

function outbox(): Collection {
  const c = new Collection("d", "responses", {}, [
    { key: { aggregated: 1, waveId: 1 }, name: "aggregated_1_waveId_1" },
    { key: { waveId: 1 }, name: "waveId_1" },
  ]);
  for (let i = 0; i < 6_000; i += 1)
    c.insert(
      { _id: i, waveId: WAVES[i % WAVES.length], ...(i % 2 ? { aggregated: true } : {}) },
      true,
    );
  return c;
}

/** The first `n` candidates the plan gives, and the keys it read to give them. */
function firstOf(c: Collection, filter: Record<string, unknown>, n: number) {
  const { ids, plan } = planQuery(c, filter);
  const taken: string[] = [];
  for (const id of ids!) {
    taken.push(id);
    if (taken.length === n) break;
  }
  return { taken, plan };
}

it("reads a batch of the outbox over thousands of waves by whole keys", () => {
  const c = outbox();
  const { taken, plan } = firstOf(c, { aggregated: null, waveId: { $in: WAVES } }, 20);
  expect(plan).toMatchObject({
    stage: "IXSCAN",
    indexName: "aggregated_1_waveId_1",
    equalityFields: ["aggregated", "waveId"],
  });
  expect(taken).toHaveLength(20);
  // The keys of the batch, not the null key's 3,000.
  expect(plan.keysExamined).toBe(20);
});

it("looks up an $in of thousands of values on one field", () => {
  const c = outbox();
  const { plan } = planQuery(c, { waveId: { $in: WAVES.slice(0, 2_500) } });
  expect(plan).toMatchObject({ stage: "IXSCAN", equalityFields: ["waveId"] });
});

it("does not multiply several $in past the bound", () => {
  const c = outbox();
  const { plan } = planQuery(c, {
    aggregated: { $in: Array.from({ length: 200 }, (_, i) => i) },
    waveId: { $in: WAVES },
  });
  // One field's values are looked up (either index's), never the 600,000 pairs.
  expect(plan.equalityFields).toHaveLength(1);
});
