/**
 * The embedded store logs a command that holds it past `slowCommandMs`, as
 * MongoDB logs past slowms: the command, its namespace and the shape of its
 * filter (field names and operators), never a value, so no resident's data
 * reaches the log. At national size a view was refused because one command held
 * the store too long; this log is where an operator finds which.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MongoClient } from "mongodb";
import pino from "pino";
import { startEmbeddedServer } from "../../server/db/embedded";
import { shapeOf } from "../../server/db/embedded/connection";

it("logs slow commands with their filters' shape and none of their values", async () => {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kp-slow-"));
  const server = await startEmbeddedServer({ dbPath: dir, logger, slowCommandMs: 0 });
  const client = await MongoClient.connect(server.uri);
  try {
    const people = client.db("d").collection("people");
    await people.insertOne({ phone: "+972501234567", name: "Dana Levi" });
    await people.find({ phone: { $in: ["+972501234567"] }, name: "Dana Levi" }).toArray();
    await people.updateOne({ phone: "+972501234567" }, { $set: { name: "Dana" } });
    const slow = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "slow command");
    expect(slow.find((l) => l.command === "find")).toMatchObject({
      ns: "d.people",
      filter: { phone: { $in: ["?"] }, name: "?" },
    });
    expect(slow.find((l) => l.command === "update")).toMatchObject({
      ns: "d.people",
      updates: [{ phone: "?" }],
    });
    expect(slow.every((l) => typeof l.ms === "number")).toBe(true);
    // A hello (which may wait on purpose) is never a slow command.
    expect(slow.map((l) => l.command)).not.toContain("hello");
    expect(lines.join("\n")).not.toMatch(/972501234567|Dana/);
  } finally {
    await client.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

it("keeps no value at any depth", () => {
  expect(shapeOf({ $or: [{ a: 1 }, { b: { $gt: new Date() } }], c: [1, 2, 3, 4] })).toEqual({
    $or: [{ a: "?" }, { b: { $gt: "?" } }],
    c: ["?", "?", "?"],
  });
  expect(shapeOf("secret")).toBe("?");
});
