import type { Config } from "../config";
import { demoTraces } from "../demo/traces";
import { DEV_SECRETS_FILE, hasDevSecrets } from "./secrets-file";
import { storeOrigin } from "./store-origin";

/**
 * Why production must not start on this data directory and store, as one line saying
 * what to do, or undefined when they are clean. Call it after the store is open and
 * before anything is written. A store first run in development holds accounts whose
 * passwords were printed to whoever ran it, and an admin made with a generated password;
 * production's ADMIN_PASSWORD would never reach that admin. So production wants a fresh
 * start, not a clean-up that could miss one of them.
 */
export async function developmentStoreRefusal(
  config: Pick<Config, "dataDir" | "mongodbUri">,
): Promise<string | undefined> {
  const found = await demoTraces();
  if ((await storeOrigin()) === "development")
    found.unshift("the store was first started in development");
  if (hasDevSecrets(config.dataDir)) found.unshift(`DATA_DIR holds ${DEV_SECRETS_FILE}`);
  if (found.length === 0) return undefined;
  const where = config.mongodbUri
    ? "an empty database on MONGODB_URI and a new, empty DATA_DIR"
    : "a new, empty DATA_DIR";
  return `Refusing to start in production: DATA_DIR (${config.dataDir}) or its store was used in development (${found.join("; ")}); start production on ${where}.`;
}
