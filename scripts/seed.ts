/** `npm run seed`: creates the demo program when the store has none. */
import pino from "pino";
import { loadConfig } from "../server/config";
import { openStore } from "../server/db/store";
import { ensureDemoProgram } from "../server/demo/seed";

async function main() {
  const config = loadConfig();
  const store = await openStore(config, pino({ level: "warn" }));
  try {
    const result = await ensureDemoProgram({ demoUsers: config.env !== "production" });
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
