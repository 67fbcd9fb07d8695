/** `npm run seed`: creates the demo program when the store has none (never in production). */
import pino from "pino";
import { loadConfig } from "../server/config";
import { openStore } from "../server/db/store";
import { ensureDemoProgram } from "../server/demo/seed";
import { createFieldCipher } from "../server/privacy/crypto";
import { readOrCreateDevSecrets } from "../server/secrets/secrets-file";

async function main() {
  // The same generated secrets as `npm start` on this DATA_DIR: the demo accounts get the
  // password it prints, and the demo contacts are sealed with the key it reads them with.
  const config = loadConfig(process.env, { devSecrets: readOrCreateDevSecrets });
  if (config.env === "production") {
    console.error("Refusing to seed the demo in production: its accounts and link are public.");
    process.exit(1);
  }
  const store = await openStore(config, pino({ level: "warn" }));
  try {
    const result = await ensureDemoProgram({
      demoPassword: config.demoPassword,
      bridgePair: true,
      distribution: { cipher: createFieldCipher(config.dataKeys), linkSecret: config.linkSecret },
    });
    console.log(
      result.created
        ? `Demo program created: ${result.authorities} authorities, ${result.waves} waves, ${result.responses} responses (store: ${store.kind}).`
        : "The store already has a program; nothing was changed.",
    );
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error("Seeding failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
