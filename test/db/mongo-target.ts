import { MongoClient, type Db } from "mongodb";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

/**
 * The server a semantics test talks to: the real MongoDB at MONGODB_URI when
 * it is set (a database of its own, dropped afterwards), the embedded store
 * otherwise. The semantics tests assert only what MongoDB itself answers, so
 * the same file proves the embedded store against the real server.
 */
export interface MongoTarget {
  db: Db;
  client: MongoClient;
  close(): Promise<void>;
}

/** True when the tests run against the embedded store, for what only it answers (its refusals). */
export const againstEmbedded = !process.env.MONGODB_URI;

/**
 * Connects to the target server; `name` keeps the databases of test files apart.
 * `replicaSet` starts the embedded store as a one-node replica set, for transactions.
 */
export async function openTarget(
  name: string,
  options: { replicaSet?: boolean } = {},
): Promise<MongoTarget> {
  const uri = process.env.MONGODB_URI;
  if (uri) {
    const client = await MongoClient.connect(uri);
    const db = client.db(`kp_sem_${name}_${Date.now().toString(36)}`);
    return {
      db,
      client,
      close: async () => {
        await db.dropDatabase();
        await client.close();
      },
    };
  }
  const harness: EmbeddedHarness = await startEmbedded(
    options.replicaSet ? { replicaSetName: "kp" } : {},
  );
  return { db: harness.client.db(name), client: harness.client, close: () => harness.close() };
}
