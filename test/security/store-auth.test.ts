/**
 * Issue 16, finding 2: the embedded store answered anyone on the machine. A
 * walk with the official driver: without credentials the store refuses `find`
 * (and the session insert that made an attacker admin) exactly as MongoDB does,
 * with the credential generated at first start it answers, and mongoose reaches
 * it through MONGODB_URI with that credential in the URI.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MongoClient, MongoServerError } from "mongodb";
import mongoose from "mongoose";
import pino from "pino";
import { startEmbeddedServer, type EmbeddedServer } from "../../server/db/embedded";
import { readStoreCredential } from "../../server/db/embedded/credentials";
import { runningServerUri } from "../../server/db/embedded/lock";
import { openStore } from "../../server/db/store";

let dir: string;
let server: EmbeddedServer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-auth-"));
  server = await startEmbeddedServer({ dbPath: dir, replicaSetName: "kp" });
});
afterAll(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** The server's address with no credential in it. */
const anonymousUri = () => `mongodb://${server.host}:${server.port}/?directConnection=true`;

/** Runs `fn` with a client that never authenticates. */
async function anonymously<T>(fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(anonymousUri(), { serverSelectionTimeoutMS: 5_000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe("the embedded store without credentials", () => {
  it("refuses find as MongoDB refuses it: 13 Unauthorized", async () => {
    const err = await anonymously((c) =>
      c
        .db("kehila")
        .collection("users")
        .find({})
        .toArray()
        .then(
          () => undefined,
          (e: unknown) => e,
        ),
    );
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({
      code: 13,
      codeName: "Unauthorized",
      message: "Command find requires authentication",
    });
  });

  it("refuses the session insert that made an attacker admin, and every other data command", async () => {
    await anonymously(async (c) => {
      const db = c.db("kehila");
      await expect(db.collection("sessions").insertOne({ role: "admin" })).rejects.toMatchObject({
        code: 13,
        message: "Command insert requires authentication",
      });
      for (const command of [
        { listDatabases: 1 },
        { listCollections: 1 },
        { aggregate: "users", pipeline: [], cursor: {} },
        { serverStatus: 1 },
        { count: "users" },
      ]) {
        const name = Object.keys(command)[0]!;
        await expect(
          c.db(name === "listDatabases" ? "admin" : "kehila").command(command),
        ).rejects.toMatchObject({
          code: 13,
          codeName: "Unauthorized",
          message: `Command ${name} requires authentication`,
        });
      }
    });
  });

  it("answers the handshake and what MongoDB answers before authentication", async () => {
    await anonymously(async (c) => {
      const admin = c.db("admin");
      expect(await admin.command({ ping: 1 })).toMatchObject({ ok: 1 });
      expect(await admin.command({ hello: 1 })).toMatchObject({ ok: 1, isWritablePrimary: true });
      expect(await admin.command({ buildInfo: 1 })).toMatchObject({ ok: 1 });
      // An unknown command is unknown before it is unauthorised, as in MongoDB.
      await expect(admin.command({ noSuchCommand: 1 })).rejects.toMatchObject({ code: 59 });
    });
  });

  it("names SCRAM-SHA-256 for the store's user in hello, and nothing for an unknown one", async () => {
    const { user } = readStoreCredential(dir)!;
    await anonymously(async (c) => {
      const known = await c.db("admin").command({ hello: 1, saslSupportedMechs: `admin.${user}` });
      expect(known.saslSupportedMechs).toEqual(["SCRAM-SHA-256"]);
      const unknown = await c.db("admin").command({ hello: 1, saslSupportedMechs: "admin.nobody" });
      expect(unknown.saslSupportedMechs).toBeUndefined();
    });
  });

  it("turns a wrong password away with 18 AuthenticationFailed", async () => {
    const { user } = readStoreCredential(dir)!;
    const wrong = `mongodb://${user}:not-the-password@${server.host}:${server.port}/?authSource=admin&directConnection=true`;
    await expect(
      MongoClient.connect(wrong, { serverSelectionTimeoutMS: 5_000 }),
    ).rejects.toMatchObject({ code: 18, codeName: "AuthenticationFailed" });
  });
});

describe("the embedded store with its credential", () => {
  it("accepts find from the official driver (SCRAM-SHA-256, its default)", async () => {
    const client = await MongoClient.connect(server.uri);
    try {
      const c = client.db("kehila").collection("walk");
      await c.insertOne({ step: 1 });
      expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ step: 1 }]);
      const status = await client.db("admin").command({ connectionStatus: 1 });
      const { user } = readStoreCredential(dir)!;
      expect(status.authInfo.authenticatedUsers).toEqual([{ user, db: "admin" }]);
    } finally {
      await client.close();
    }
  });

  it("authenticates with SCRAM-SHA-256 named explicitly and refuses SCRAM-SHA-1", async () => {
    const explicit = await MongoClient.connect(server.uri, { authMechanism: "SCRAM-SHA-256" });
    await explicit.db("admin").command({ listDatabases: 1 });
    await explicit.close();
    await expect(
      MongoClient.connect(server.uri, {
        authMechanism: "SCRAM-SHA-1",
        serverSelectionTimeoutMS: 5_000,
      }),
    ).rejects.toMatchObject({ code: 334, codeName: "MechanismUnavailable" });
  });

  it("gives tools the address with the credential through the lock file", async () => {
    const uri = runningServerUri(dir);
    expect(uri).toBeDefined();
    const client = await MongoClient.connect(uri!);
    try {
      expect(await client.db("kehila").collection("walk").countDocuments()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("keeps the password out of the server's key file, and the credential 0600", async () => {
    const { password } = readStoreCredential(dir)!;
    const files = await fs.readdir(dir);
    const keyFile = files.find((f) => f.startsWith("store-users"));
    expect(keyFile).toBeDefined();
    const keys = await fs.readFile(path.join(dir, keyFile!), "utf8");
    expect(keys).not.toContain(password);
    expect(keys).toMatch(/storedKey/);
    const credentialFile = files.find((f) => f.startsWith("store-credential"))!;
    expect((await fs.stat(path.join(dir, credentialFile))).mode & 0o777).toBe(0o600);
  });

  it("keeps the same credential across a restart", async () => {
    const before = readStoreCredential(dir)!;
    const other = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-auth-restart-"));
    try {
      const first = await startEmbeddedServer({ dbPath: other });
      const firstCredential = readStoreCredential(other)!;
      await first.close();
      const second = await startEmbeddedServer({ dbPath: other });
      expect(readStoreCredential(other)).toEqual(firstCredential);
      const client = await MongoClient.connect(second.uri);
      await client.db("d").command({ ping: 1 });
      await client.close();
      await second.close();
      // Each data directory has its own random password.
      expect(firstCredential.password).not.toBe(before.password);
      expect(firstCredential.password.length).toBeGreaterThanOrEqual(32);
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});

describe("the platform on a store that needs credentials", () => {
  it("connects mongoose through MONGODB_URI with the credential in it, untouched", async () => {
    const store = await openStore(
      { mongodbUri: server.uri, dataDir: dir, storeThread: "off" },
      pino({ level: "silent" }),
      { dbName: "platform", migrate: false },
    );
    try {
      expect(store.uri).toBe(server.uri);
      await mongoose.connection.db!.collection("things").insertOne({ ok: true });
      expect(await mongoose.connection.db!.collection("things").countDocuments()).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe("a failed sign-in", () => {
  it("is logged with the client's address and without the attempt", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => void lines.push(line) });
    const other = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-auth-log-"));
    const logged = await startEmbeddedServer({ dbPath: other, logger });
    try {
      const { user } = readStoreCredential(other)!;
      const wrong = `mongodb://${user}:guessed-password@${logged.host}:${logged.port}/?authSource=admin&directConnection=true`;
      await expect(
        MongoClient.connect(wrong, { serverSelectionTimeoutMS: 5_000 }),
      ).rejects.toMatchObject({ code: 18 });
      const failures = lines.filter((l) => l.includes("store authentication failed"));
      expect(failures.length).toBeGreaterThanOrEqual(1);
      expect(failures[0]).toContain('"remoteAddress":"127.0.0.1"');
      expect(failures.join("")).not.toContain("guessed-password");
    } finally {
      await logged.close();
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});

describe("the platform's own embedded store", () => {
  it("logs its address with the password masked and names the credential file", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const own = await fs.mkdtemp(path.join(os.tmpdir(), "kp-store-auth-own-"));
    const store = await openStore(
      { mongodbUri: undefined, dataDir: own, storeThread: "on" },
      logger,
      {
        migrate: false,
      },
    );
    try {
      const { password } = readStoreCredential(own)!;
      expect(store.uri).toContain(`:${password}@`); // for the WORKERS=N processes
      const started = lines.find((l) => l.includes("embedded store started"));
      expect(started).toContain(":***@");
      expect(started).toContain("store-credential.json");
      expect(lines.join("")).not.toContain(password);
    } finally {
      await store.close();
      await fs.rm(own, { recursive: true, force: true });
    }
  });
});
