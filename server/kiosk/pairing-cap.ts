import { Schema, model } from "mongoose";
import { TooManyRequestsError } from "../errors";

/**
 * Pairing attempts the whole program may make in one window, from all
 * addresses together. Eight-digit codes that live 15 minutes, at most this many
 * guesses per window: with ten live codes, a guesser's chance is about one in
 * 300,000 per window (10 / 10^8 × 30). A few coordinators pairing tablets with
 * the odd typo stay far below it.
 */
export const PAIRING_ATTEMPTS_PER_WINDOW = 30;
export const PAIRING_WINDOW_MS = 10 * 60_000;

/**
 * One window's count of pairing attempts. In the store, not in memory, so every
 * app process (WORKERS=N, several servers) draws on the same budget; the TTL
 * index drops a window once it is over.
 */
const pairingWindowSchema = new Schema(
  {
    _id: { type: Number, required: true },
    attempts: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
pairingWindowSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const PairingWindow = model("KioskPairingWindow", pairingWindowSchema);

/** MongoDB's duplicate-key code: two first attempts of a window raced to insert it. */
const DUPLICATE_KEY = 11000;

async function countAttempt(windowStart: number): Promise<number> {
  const doc = await PairingWindow.findOneAndUpdate(
    { _id: windowStart },
    {
      $inc: { attempts: 1 },
      $setOnInsert: { expiresAt: new Date(windowStart + 2 * PAIRING_WINDOW_MS) },
    },
    { upsert: true, returnDocument: "after", projection: { attempts: 1 } },
  ).lean();
  return doc!.attempts;
}

/**
 * Spends one pairing attempt of the current window, or throws 429 when the
 * window's budget is gone. The attempt is counted before the code is looked at,
 * atomically, so parallel guesses cannot slip past the check.
 */
export async function takePairingAttempt(now = new Date()): Promise<void> {
  const windowStart = Math.floor(now.getTime() / PAIRING_WINDOW_MS) * PAIRING_WINDOW_MS;
  let attempts: number;
  try {
    attempts = await countAttempt(windowStart);
  } catch (err) {
    if ((err as { code?: unknown }).code !== DUPLICATE_KEY) throw err;
    attempts = await countAttempt(windowStart);
  }
  if (attempts > PAIRING_ATTEMPTS_PER_WINDOW) {
    throw new TooManyRequestsError(
      Math.max(1, Math.ceil((windowStart + PAIRING_WINDOW_MS - now.getTime()) / 1000)),
    );
  }
}
