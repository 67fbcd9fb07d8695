/**
 * ObjectIds in index order. bson keeps an id as numbers and makes a new
 * twelve-byte buffer each time its `id` is read; the store compared two ids by
 * reading both, so ordering one wave's keys for an export made two buffers a
 * comparison, which the heap profile of an export showed as the store thread's
 * largest allocation (issue 22). Ids now compare by bson's numbers where it
 * keeps them, in the order of their bytes, as MongoDB orders them.
 */
import crypto from "node:crypto";
import { ObjectId } from "bson";
import { compareValues } from "../../server/db/embedded/compare";
import { seededRandom } from "../../server/demo/random";

const random = seededRandom(11);

/** An id of random bytes, some of them at 0x80 and above, some shared with `like`. */
function idNear(like?: Buffer): ObjectId {
  const bytes = crypto.randomBytes(12);
  if (like) for (let i = 0; i < 12; i += 1) if (random() < 0.6) bytes[i] = like[i]!;
  return new ObjectId(bytes);
}

const sign = (n: number) => Math.sign(n);

it("orders ObjectIds as their bytes order", () => {
  let last = idNear();
  for (let i = 0; i < 5_000; i += 1) {
    const next = idNear(Buffer.from(last.id));
    expect([next.toHexString(), last.toHexString(), sign(compareValues(next, last))]).toEqual([
      next.toHexString(),
      last.toHexString(),
      sign(Buffer.compare(Buffer.from(next.id), Buffer.from(last.id))),
    ]);
    last = next;
  }
  const a = idNear();
  expect(compareValues(a, new ObjectId(a.toHexString()))).toBe(0);
});

it("compares two ObjectIds without making their bytes", () => {
  const [a, b] = [idNear(), idNear()];
  let reads = 0;
  for (const id of [a, b]) {
    const bytes = Buffer.from(id.id);
    Object.defineProperty(id, "id", {
      get: () => {
        reads += 1;
        return bytes;
      },
    });
  }
  expect(sign(compareValues(a, b))).toBe(sign(Buffer.compare(a.id, b.id)));
  reads = 0;
  compareValues(a, b);
  compareValues(b, a);
  expect(reads).toBe(0);
});
