/**
 * The demo program seeded once per jest run and size (responses per wave), then
 * copied into each browser test file's store: seeding validates and scores every
 * synthetic response and hashes the demo password with the platform's own scrypt
 * cost, which every file paid again; a copy of the closed store's directory is a
 * few milliseconds, and opening it replays its journal (the migrations are already
 * applied). Only for the embedded store: on MongoDB (MONGODB_URI) each file seeds.
 */
import fs from "node:fs";
import path from "node:path";
import mongoose from "mongoose";
import pino from "pino";
import { User } from "../../server/auth/model";
import { hashPassword } from "../../server/auth/password";
import { openStore } from "../../server/db/store";
import { ensureDemoProgram } from "../../server/demo/seed";
import { DEMO_USERS } from "../../server/demo/users";
import { FIXTURE_SCRYPT } from "../factories/users";
import { testRunDir } from "./run-dir";

/**
 * Seeds the demo into the store that is open now, demo accounts included, and
 * gives those accounts a hash of the factories' cost (test/factories/users.ts):
 * browser tests sign them in dozens of times, and nothing here tests the cost.
 */
export async function seedDemo(responsesPerWave: number, demoPassword: string): Promise<void> {
  await ensureDemoProgram({ responsesPerWave, demoPassword });
  await User.updateMany(
    { email: mongoose.trusted({ $in: DEMO_USERS.map((u) => u.email) }) },
    { $set: { passwordHash: await hashPassword(demoPassword, FIXTURE_SCRYPT) } },
  );
}

/**
 * The directory of a closed embedded store holding the seeded demo of this size,
 * made by the first file of the run that asks (two files asking at once each make
 * one; the first rename wins). Undefined outside a jest run with the global setup
 * (test/helpers/global-setup.ts), or when no mongoose connection may be opened
 * here because one is open already.
 */
export async function demoSnapshot(
  responsesPerWave: number,
  demoPassword: string,
): Promise<string | undefined> {
  const runDir = testRunDir();
  if (!runDir || process.env.MONGODB_URI || mongoose.connection.readyState !== 0) return undefined;
  const dir = path.join(runDir, `demo-${responsesPerWave}`);
  if (fs.existsSync(dir)) return dir;
  const building = `${dir}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  const store = await openStore(
    { mongodbUri: undefined, dataDir: building, storeThread: "off" },
    pino({ level: "silent" }),
  );
  try {
    await seedDemo(responsesPerWave, demoPassword);
  } finally {
    await store.close();
  }
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another worker renamed its copy first; both hold the same seed.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
