import crypto from "node:crypto";
import mongoose from "mongoose";
import type { Config } from "../config";
import { AccountLockedError, TooManyRequestsError } from "../errors";
import { LoginThrottle } from "./model";

type LoginConfig = Config["login"];

/** The two keys a login attempt is counted under. */
export interface ThrottleKeys {
  account: string;
  ip: string;
}

/** Throttle keys of one login attempt: the account (hashed email) and the client address. */
export function throttleKeys(email: string, ip: string | undefined): ThrottleKeys {
  const account = crypto.createHash("sha256").update(email.toLowerCase()).digest("base64url");
  return { account: `acct:${account}`, ip: `ip:${ip ?? "unknown"}` };
}

/** MongoDB's duplicate-key code: an upsert lost the race to insert the same key. */
const DUPLICATE_KEY = 11000;

const windowMs = (config: LoginConfig) => config.lockMinutes * 60_000;

/**
 * Starts a new counting window for a key whose window has run out (and whose lock,
 * if any, has ended). Conditional, so of two attempts racing here one resets.
 */
async function renewWindow(key: string, now: Date, config: LoginConfig): Promise<void> {
  await LoginThrottle.updateOne(
    {
      key,
      windowStartedAt: mongoose.trusted({ $lt: new Date(now.getTime() - windowMs(config)) }),
      $or: [
        { lockedUntil: mongoose.trusted({ $exists: false }) },
        { lockedUntil: mongoose.trusted({ $lte: now }) },
      ],
    },
    { $set: { failures: 0, windowStartedAt: now }, $unset: { lockedUntil: 1 } },
  );
}

/**
 * Takes one slot of a key, atomically: the count goes up only while the key is
 * not locked and below its limit. Returns false when no slot was free.
 */
async function takeSlot(key: string, limit: number, config: LoginConfig): Promise<boolean> {
  const now = new Date();
  await renewWindow(key, now, config);
  try {
    const taken = await LoginThrottle.findOneAndUpdate(
      {
        key,
        failures: mongoose.trusted({ $lt: limit }),
        $or: [
          { lockedUntil: mongoose.trusted({ $exists: false }) },
          { lockedUntil: mongoose.trusted({ $lte: now }) },
        ],
      },
      {
        $inc: { failures: 1 },
        $setOnInsert: { windowStartedAt: now },
        $set: { expiresAt: new Date(now.getTime() + 2 * windowMs(config)) },
      },
      // The key may not exist yet: inserted here. If it exists but is full or
      // locked, the filter misses it and the insert hits the unique key instead.
      { upsert: true, returnDocument: "after", projection: { _id: 1 } },
    ).lean();
    return taken !== null;
  } catch (err) {
    if ((err as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw err;
  }
}

/** Gives a slot back: the attempt turned out not to be a failure. */
async function releaseSlot(key: string): Promise<void> {
  await LoginThrottle.updateOne(
    { key, failures: mongoose.trusted({ $gt: 0 }) },
    { $inc: { failures: -1 } },
  );
}

/** Why a key had no slot: locked (and for how long), or full of attempts still being checked. */
async function refusal(key: string): Promise<Error> {
  const t = await LoginThrottle.findOne({ key }, { lockedUntil: 1 }).lean();
  const until = t?.lockedUntil?.getTime() ?? 0;
  const now = Date.now();
  if (until > now) return new AccountLockedError(Math.ceil((until - now) / 1000));
  return new TooManyRequestsError(1);
}

/**
 * Reserves one attempt for the account and for the address, in the store and
 * atomically, before the password is checked: a reservation counts as a failure
 * until the attempt succeeds, so parallel attempts cannot all pass a check made
 * before any of them failed, whichever process of the cluster serves them. Throws
 * ACCOUNT_LOCKED (or TOO_MANY_REQUESTS while the slots are all being checked) when
 * either key has none left.
 */
export async function reserveAttempt(keys: ThrottleKeys, config: LoginConfig): Promise<void> {
  if (!(await takeSlot(keys.ip, config.ipMaxFailures, config))) throw await refusal(keys.ip);
  if (!(await takeSlot(keys.account, config.maxFailures, config))) {
    await releaseSlot(keys.ip);
    throw await refusal(keys.account);
  }
}

/** Locks a key whose reserved attempts reached its limit; the lock starts a new window. */
async function lockIfFull(key: string, limit: number, config: LoginConfig): Promise<number> {
  const now = new Date();
  const locked = await LoginThrottle.updateOne(
    {
      key,
      failures: mongoose.trusted({ $gte: limit }),
      $or: [
        { lockedUntil: mongoose.trusted({ $exists: false }) },
        { lockedUntil: mongoose.trusted({ $lte: now }) },
      ],
    },
    {
      $set: {
        lockedUntil: new Date(now.getTime() + windowMs(config)),
        failures: 0,
        windowStartedAt: now,
        expiresAt: new Date(now.getTime() + 2 * windowMs(config)),
      },
    },
  );
  return locked.modifiedCount > 0 ? config.lockMinutes * 60 : 0;
}

/**
 * A reserved attempt failed: its slot stays counted. When that filled the account's
 * or the address's allowance, the key is locked; throws ACCOUNT_LOCKED then.
 */
export async function recordFailure(keys: ThrottleKeys, config: LoginConfig): Promise<void> {
  const lockedAccount = await lockIfFull(keys.account, config.maxFailures, config);
  const lockedIp = await lockIfFull(keys.ip, config.ipMaxFailures, config);
  const locked = Math.max(lockedAccount, lockedIp);
  if (locked > 0) throw new AccountLockedError(locked);
}

/**
 * A reserved attempt that was not a failure (the server was too busy to check it,
 * or it stopped to ask for the TOTP code): both slots are given back.
 */
export async function releaseAttempt(keys: ThrottleKeys): Promise<void> {
  await releaseSlot(keys.account);
  await releaseSlot(keys.ip);
}

/**
 * A successful login clears the account's count, and gives back the address's slot
 * (the address's earlier failures run their window).
 */
export async function recordSuccess(keys: ThrottleKeys): Promise<void> {
  await LoginThrottle.deleteOne({ key: keys.account });
  await releaseSlot(keys.ip);
}
