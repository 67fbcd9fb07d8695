/**
 * `npm run backup -- [--out FILE]` writes the platform's database to a file;
 * `npm run backup -- --restore FILE [--drop]` brings one back. Works on real
 * MongoDB (MONGODB_URI) and on the embedded store, also while the platform runs.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { MongoClient } from "mongodb";
import { loadConfig } from "../server/config";
import { backupDatabase, restoreDatabase } from "../server/db/backup";
import { startEmbeddedServer, type EmbeddedServer } from "../server/db/embedded";
import { runningServerUri } from "../server/db/embedded/lock";

const EMBEDDED_DB = "kehila";

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: "string" },
      restore: { type: "string" },
      drop: { type: "boolean", default: false },
    },
  });
  const config = loadConfig();
  let embedded: EmbeddedServer | undefined;
  let uri = config.mongodbUri;
  let dbName: string | undefined;
  if (!uri) {
    dbName = EMBEDDED_DB;
    // A running platform's store, signed in with the credential it keeps in the directory.
    uri = runningServerUri(config.dataDir);
    if (!uri) {
      embedded = await startEmbeddedServer({ dbPath: config.dataDir });
      uri = embedded.uri;
    }
  }
  const client = await MongoClient.connect(uri);
  try {
    const db = client.db(dbName);
    if (values.restore) {
      const s = await restoreDatabase(db, path.resolve(values.restore), { drop: values.drop });
      console.log(
        `Restored ${s.documents} documents in ${s.collections} collections into ${db.databaseName}.`,
      );
    } else {
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const out = path.resolve(values.out ?? `kehila-backup-${stamp}.kpbak`);
      const s = await backupDatabase(db, out, (p) =>
        process.stderr.write(`\r${p.documents} documents...`),
      );
      process.stderr.write("\n");
      console.log(`Backed up ${s.documents} documents in ${s.collections} collections to ${out}`);
    }
  } finally {
    await client.close();
    await embedded?.close();
  }
}

main().catch((err: unknown) => {
  console.error("Backup failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
