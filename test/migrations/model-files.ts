import fs from "node:fs";
import path from "node:path";
import mongoose from "mongoose";

const SERVER = path.resolve(__dirname, "../../server");

/** Every server module that defines a mongoose model (the embedded store's code aside). */
export function modelFiles(dir = SERVER): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "embedded" ? [] : modelFiles(full);
    if (!entry.name.endsWith(".ts")) return [];
    return /\bmodel(<[^>]*>)?\(/.test(fs.readFileSync(full, "utf8")) ? [full] : [];
  });
}

/** Loads every model, so mongoose.modelNames() is the whole platform's. */
export async function loadAllModels(): Promise<string[]> {
  for (const file of modelFiles()) await import(file);
  return mongoose.modelNames();
}

/** An index as both sides describe it: collection, keys and the options that change behaviour. */
export function indexSignature(
  collection: string,
  key: Record<string, unknown>,
  options: Record<string, unknown>,
): string {
  const kept: Record<string, unknown> = {};
  for (const name of ["unique", "sparse", "partialFilterExpression", "expireAfterSeconds"]) {
    const value = options[name];
    if (value !== undefined && value !== false) kept[name] = value;
  }
  return JSON.stringify([collection, key, kept]);
}

/** The indexes the models declare, as signatures. */
export function declaredIndexes(): string[] {
  return mongoose.modelNames().flatMap((name) => {
    const model = mongoose.model(name);
    return model.schema
      .indexes()
      .map(([key, options]) =>
        indexSignature(
          model.collection.collectionName,
          key as Record<string, unknown>,
          options as Record<string, unknown>,
        ),
      );
  });
}

/** The indexes the database holds (the _id index and the migrations record aside). */
export async function storedIndexes(db: mongoose.mongo.Db): Promise<string[]> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const found: string[] = [];
  for (const { name } of collections) {
    if (name === "migrations" || name.startsWith("system.")) continue;
    for (const index of await db.collection(name).listIndexes().toArray()) {
      if (index.name === "_id_") continue;
      found.push(indexSignature(name, index.key as Record<string, unknown>, index));
    }
  }
  return found;
}
