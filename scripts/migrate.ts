/**
 * `npm run migrate`: applies the migrations the store has not run yet
 * (server/db/migrations) and says which; `npm start` does the same at boot.
 */
import mongoose from "mongoose";
import pino from "pino";
import { loadConfig } from "../server/config";
import { MIGRATIONS } from "../server/db/migrations";
import { runMigrations } from "../server/db/migrations/runner";
import { openStore } from "../server/db/store";
import { readOrCreateDevSecrets } from "../server/secrets/secrets-file";

async function main() {
  const config = loadConfig(process.env, { devSecrets: readOrCreateDevSecrets });
  const logger = pino({ level: "warn" });
  const store = await openStore(config, logger, { migrate: false });
  try {
    const applied = await runMigrations(mongoose.connection.db!, logger, MIGRATIONS);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")} (store: ${store.kind}).`
        : `The store is up to date: ${MIGRATIONS.length} migration(s) already applied.`,
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error("Migrating failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
