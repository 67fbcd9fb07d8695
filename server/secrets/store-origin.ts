import { Schema, model } from "mongoose";

/**
 * Where a store was first started: outside production (development, test) or in it.
 * Written once, on the first start, and never changed, so production can tell a
 * store made in development even when no demo is in it and its DATA_DIR is elsewhere
 * (MONGODB_URI): such a store's admin was made with a password a developer was shown.
 */
const storeOriginSchema = new Schema(
  {
    _id: { type: String, required: true },
    environment: { type: String, enum: ["development", "production"], required: true },
    firstStartAt: { type: Date, required: true },
  },
  { collection: "store_origin", versionKey: false },
);
const StoreOrigin = model("StoreOrigin", storeOriginSchema);

const ORIGIN_ID = "origin";

/** Records the environment of the store's first start; later starts leave it as it is. */
export async function recordStoreOrigin(environment: "development" | "production"): Promise<void> {
  await StoreOrigin.updateOne(
    { _id: ORIGIN_ID },
    { $setOnInsert: { environment, firstStartAt: new Date() } },
    { upsert: true },
  );
}

/** The environment of the store's first start, or undefined for a store from before the record. */
export async function storeOrigin(): Promise<"development" | "production" | undefined> {
  const doc = await StoreOrigin.findById(ORIGIN_ID).lean();
  return doc?.environment as "development" | "production" | undefined;
}
