import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import {
  startEmbeddedServer,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from "../../server/db/embedded";

/** An embedded server on a fresh directory with a driver connected to it. */
export interface EmbeddedHarness {
  server: EmbeddedServer;
  client: MongoClient;
  dir: string;
  /** Stops the server (compacting its journal) and starts it again on the same directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startEmbedded(
  options: Partial<EmbeddedServerOptions> = {},
): Promise<EmbeddedHarness> {
  const dir = options.dbPath ?? (await fs.mkdtemp(path.join(os.tmpdir(), "kp-embedded-")));
  const harness = {
    dir,
    server: await startEmbeddedServer({ ...options, dbPath: dir }),
    client: undefined as unknown as MongoClient,
    async restart() {
      await harness.client.close();
      await harness.server.close();
      harness.server = await startEmbeddedServer({ ...options, dbPath: dir });
      harness.client = await MongoClient.connect(harness.server.uri);
    },
    async close() {
      await harness.client.close();
      await harness.server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
  harness.client = await MongoClient.connect(harness.server.uri);
  return harness;
}
