import mongoose, { Schema, model } from "mongoose";
import type { BucketStore } from "./rate-limit";

/**
 * Rate-limit buckets shared by every app server (see rate-limit.ts): the tokens a
 * key had at `at`. A bucket left alone refills, so the TTL index removes it once
 * it would be full again: it then holds nothing a fresh bucket does not.
 */
const rateBucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    tokens: { type: Number, required: true },
    at: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
rateBucketSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const RateBucket = model("RateBucket", rateBucketSchema);

/**
 * The buckets in the platform's database. One bulk write refills and takes from
 * each bucket atomically in the store (an update pipeline), one read returns them.
 */
export const databaseBuckets: BucketStore = {
  async take(changes, { burst, perMs, at }) {
    const left = new Map<string, number>();
    // Not connected (starting, stopping, a test's store gone): the limiter decides alone.
    if (mongoose.connection.readyState !== 1 || changes.length === 0) return left;
    const when = new Date(at);
    const expiresAt = new Date(at + Math.ceil(burst / perMs) + 60_000);
    await RateBucket.collection.bulkWrite(
      changes.map(({ key, used }) => ({
        updateOne: {
          filter: { _id: key },
          update: [
            {
              $set: {
                tokens: {
                  $subtract: [
                    {
                      $min: [
                        burst,
                        {
                          $add: [
                            { $ifNull: ["$tokens", burst] },
                            {
                              $multiply: [
                                { $max: [0, { $subtract: [when, { $ifNull: ["$at", when] }] }] },
                                perMs,
                              ],
                            },
                          ],
                        },
                      ],
                    },
                    used,
                  ],
                },
                // Clocks of app servers differ a little: time never runs back here.
                at: { $max: [{ $ifNull: ["$at", when] }, when] },
                expiresAt,
              },
            },
          ],
          upsert: true,
        },
        // String ids and a pipeline update: the driver's generic Document types cannot say so.
      })) as unknown as Parameters<typeof RateBucket.collection.bulkWrite>[0],
      { ordered: false },
    );
    const docs = await RateBucket.collection
      .find({ _id: { $in: changes.map((c) => c.key) } } as never, {
        projection: { tokens: 1 },
      })
      .toArray();
    for (const doc of docs) left.set(String(doc._id), doc.tokens as number);
    return left;
  },
};
