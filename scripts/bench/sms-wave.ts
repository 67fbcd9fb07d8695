import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { Authority } from "../../server/authorities/model";
import { loadConfig } from "../../server/config";
import { openStore } from "../../server/db/store";
import { publishInstrument } from "../../server/instruments/service";
import { Wave } from "../../server/waves/model";

/**
 * A fresh embedded store in a temporary directory with one authority and an open
 * SMS wave of the core instrument: where the contacts and SMS benches start.
 * `close` stops the store and removes the directory.
 */
export async function benchSmsWave(
  name: string,
  population: "jewish" | "arab" | "mixed",
  opensAt: Date,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kp-bench-${name}-`));
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: dir });
  const store = await openStore(config, pino({ level: "silent" }));
  const authority = await Authority.create({
    slug: "bench-town",
    name: { he: "עיר", ar: "مدينة", en: "Town" },
    population,
  });
  const instrument = await publishInstrument("core");
  const wave = await Wave.create({
    authorityId: authority._id,
    instrumentVersionId: instrument.id,
    name: { he: "גל", ar: "جولة", en: "Wave" },
    kind: "baseline",
    status: "open",
    opensAt,
    channels: ["sms"],
  });
  return {
    config,
    store,
    authority,
    wave,
    close: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
