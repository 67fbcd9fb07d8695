import { AuthBusyError } from "../errors";

/**
 * At most this many password hashes run at once. scrypt runs on libuv's thread
 * pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which the store's
 * file writes and fdatasync need too, and each takes a core for ~100 ms: one at
 * a time leaves the store its threads and the event loop a core however many
 * logins arrive, so a resident signing up during a flood of logins is not kept
 * waiting (`npm run bench:login` measures it); staff sign in a few times a day,
 * so one hash at a time per process is plenty.
 */
export const HASH_CONCURRENCY = 1;

/**
 * At most this many wait their turn (about 30 hashes of 50-100 ms: a second or
 * two). Beyond it a login is answered at once with 503 AUTH_BUSY rather than
 * queued for ever: a flood of logins then costs the flood, not the residents.
 */
export const HASH_QUEUE_LIMIT = 32;

let running = 0;
const waiting: Array<() => void> = [];

/** How many hashes run and wait now (for tests and the benchmark). */
export function hashQueueLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

/**
 * Runs one password hash (or verification) when a slot is free. Throws
 * AUTH_BUSY without running it when the waiting list is full.
 */
export async function inHashQueue<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE_LIMIT) throw new AuthBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` never dips and
    // a newcomer cannot jump the queue between a release and a wake-up.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
