import { MongoClient, MongoServerError, type Collection } from "mongodb";
import mongoose from "mongoose";
import { startEmbedded, type EmbeddedHarness } from "../helpers/embedded";

let h: EmbeddedHarness;
let other: MongoClient;
let accounts: Collection<{ _id: string; balance: number }>;

beforeAll(async () => {
  h = await startEmbedded({ replicaSetName: "kp" });
  other = await MongoClient.connect(h.server.uri);
});
afterAll(async () => {
  await other.close();
  await h.close();
});
beforeEach(async () => {
  accounts = h.client.db("bank").collection("accounts");
  await accounts.deleteMany({});
  await accounts.insertMany([
    { _id: "a", balance: 100 },
    { _id: "b", balance: 0 },
  ]);
});

const balances = async (client = other) =>
  Object.fromEntries(
    (
      await client
        .db("bank")
        .collection<{ _id: string; balance: number }>("accounts")
        .find()
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => [d._id, d.balance]),
  );

it("presents itself as a one-member replica set", async () => {
  const hello = await h.client.db("admin").command({ hello: 1 });
  expect(hello).toMatchObject({
    setName: "kp",
    isWritablePrimary: true,
    primary: `${h.server.host}:${h.server.port}`,
  });
});

it("commits all writes together; others see none of them before the commit", async () => {
  const session = h.client.startSession();
  try {
    session.startTransaction();
    await accounts.updateOne({ _id: "a" }, { $inc: { balance: -30 } }, { session });
    await accounts.updateOne({ _id: "b" }, { $inc: { balance: 30 } }, { session });
    await accounts.insertOne({ _id: "c", balance: 1 }, { session });
    // Inside: its own writes. Outside: the committed state.
    expect((await accounts.findOne({ _id: "a" }, { session }))!.balance).toBe(70);
    expect(await accounts.countDocuments({}, { session })).toBe(3);
    expect(await balances()).toEqual({ a: 100, b: 0 });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
  expect(await balances()).toEqual({ a: 70, b: 30, c: 1 });
});

it("rolls everything back on abort", async () => {
  const session = h.client.startSession();
  try {
    session.startTransaction();
    await accounts.updateOne({ _id: "a" }, { $set: { balance: 0 } }, { session });
    await accounts.deleteOne({ _id: "b" }, { session });
    await session.abortTransaction();
  } finally {
    await session.endSession();
  }
  expect(await balances()).toEqual({ a: 100, b: 0 });
});

it("turns away a second transaction writing the same document with a retryable WriteConflict", async () => {
  const first = h.client.startSession();
  const second = other.startSession();
  try {
    first.startTransaction();
    second.startTransaction();
    await accounts.updateOne({ _id: "a" }, { $inc: { balance: 1 } }, { session: first });
    const err = (await other
      .db("bank")
      .collection<{ _id: string; balance: number }>("accounts")
      .updateOne({ _id: "a" }, { $inc: { balance: 5 } }, { session: second })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(112);
    expect(err.hasErrorLabel("TransientTransactionError")).toBe(true);
    await first.commitTransaction();
  } finally {
    await first.endSession();
    await second.endSession();
  }
  expect((await balances()).a).toBe(101);
});

it("fails the commit when a plain write changed one of its documents meanwhile", async () => {
  const session = h.client.startSession();
  try {
    session.startTransaction();
    await accounts.updateOne({ _id: "b" }, { $set: { balance: 7 } }, { session });
    await other
      .db("bank")
      .collection<{ _id: string; balance: number }>("accounts")
      .updateOne({ _id: "b" }, { $set: { balance: 9 } });
    await expect(session.commitTransaction()).rejects.toMatchObject({ code: 112 });
  } finally {
    await session.endSession();
  }
  expect((await balances()).b).toBe(9);
});

it("retries a transaction through withTransaction until it commits", async () => {
  const session = h.client.startSession();
  let attempts = 0;
  try {
    await session.withTransaction(async () => {
      attempts += 1;
      await accounts.updateOne({ _id: "a" }, { $inc: { balance: -10 } }, { session });
      if (attempts === 1)
        await other
          .db("bank")
          .collection<{ _id: string; balance: number }>("accounts")
          .updateOne({ _id: "a" }, { $inc: { balance: 1000 } });
    });
  } finally {
    await session.endSession();
  }
  expect(attempts).toBe(2);
  expect((await balances()).a).toBe(1090);
});

it("keeps a committed transaction across a restart", async () => {
  const session = h.client.startSession();
  try {
    await session.withTransaction(async () => {
      await accounts.insertOne({ _id: "durable", balance: 5 }, { session });
    });
  } finally {
    await session.endSession();
  }
  await other.close();
  await h.restart();
  other = await MongoClient.connect(h.server.uri);
  expect((await balances()).durable).toBe(5);
});

it("runs mongoose's connection.transaction()", async () => {
  const conn = await mongoose.createConnection(h.server.uri, { dbName: "bank" }).asPromise();
  try {
    const Account = conn.model(
      "Account",
      new mongoose.Schema({ _id: String, balance: Number }),
      "accounts",
    );
    await conn.transaction(async (session) => {
      await Account.updateOne({ _id: "a" }, { $inc: { balance: -1 } }, { session });
      await Account.create([{ _id: "m", balance: 1 }], { session });
    });
    expect(await balances()).toEqual({ a: 99, b: 0, m: 1 });
  } finally {
    await conn.close();
  }
});
