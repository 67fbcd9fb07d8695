import crypto from "node:crypto";
import type { Config } from "../config";
import { AccountLockedError } from "../errors";
import { LoginThrottle } from "./model";

type LoginConfig = Config["login"];

/** Throttle keys of one login attempt: the account (hashed email) and the client address. */
export function throttleKeys(email: string, ip: string | undefined) {
  const account = crypto.createHash("sha256").update(email.toLowerCase()).digest("base64url");
  return { account: `acct:${account}`, ip: `ip:${ip ?? "unknown"}` };
}

/** Refuses the attempt when the account or the address is locked. */
export async function assertNotLocked(keys: { account: string; ip: string }): Promise<void> {
  const now = Date.now();
  for (const key of [keys.account, keys.ip]) {
    const t = await LoginThrottle.findOne({ key }).lean();
    const until = t?.lockedUntil?.getTime() ?? 0;
    if (until > now) throw new AccountLockedError(Math.ceil((until - now) / 1000));
  }
}

/**
 * Counts one failed attempt for a key within a window of `lockMinutes`; at the
 * limit the key is locked for `lockMinutes`. Returns the seconds locked, or 0.
 */
async function countFailure(key: string, limit: number, config: LoginConfig): Promise<number> {
  const now = new Date();
  const windowMs = config.lockMinutes * 60_000;
  const expiresAt = new Date(now.getTime() + 2 * windowMs);
  let t: { failures: number; windowStartedAt: Date } | null = await LoginThrottle.findOneAndUpdate(
    { key },
    { $inc: { failures: 1 }, $setOnInsert: { windowStartedAt: now }, $set: { expiresAt } },
    { upsert: true, returnDocument: "after" },
  ).lean();
  if (t && now.getTime() - t.windowStartedAt.getTime() > windowMs) {
    t = await LoginThrottle.findOneAndUpdate(
      { key },
      { $set: { failures: 1, windowStartedAt: now }, $unset: { lockedUntil: 1 } },
      { returnDocument: "after" },
    ).lean();
  }
  if (t && t.failures >= limit) {
    await LoginThrottle.updateOne(
      { key },
      {
        $set: {
          lockedUntil: new Date(now.getTime() + windowMs),
          failures: 0,
          windowStartedAt: now,
        },
      },
    );
    return config.lockMinutes * 60;
  }
  return 0;
}

/** Records a failed login for the account and the address; throws when that locked either. */
export async function recordFailure(
  keys: { account: string; ip: string },
  config: LoginConfig,
): Promise<void> {
  const lockedAccount = await countFailure(keys.account, config.maxFailures, config);
  const lockedIp = await countFailure(keys.ip, config.ipMaxFailures, config);
  const locked = Math.max(lockedAccount, lockedIp);
  if (locked > 0) throw new AccountLockedError(locked);
}

/** A successful login clears the account's count (the address's count runs its window). */
export async function recordSuccess(keys: { account: string }): Promise<void> {
  await LoginThrottle.deleteOne({ key: keys.account });
}
