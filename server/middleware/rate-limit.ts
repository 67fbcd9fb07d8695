/**
 * Token buckets: each key holds up to `burst` tokens and regains `perMinute` a
 * minute; a request takes one. Written here rather than adding express-rate-limit
 * because the limits are per route and per survey token, not per path prefix.
 *
 * The decision is made in process memory, so it costs no round trip to the store.
 * With `shared`, the buckets also live in the database (rate-buckets.ts): every
 * `syncMs` each process adds what it took to the shared buckets and takes their
 * state back, so app servers behind a load balancer enforce one limit together,
 * and a restart does not hand out fresh buckets. Between two syncs a process does
 * not see what the others took: several instances can overshoot a limit by what
 * they let through in one sync interval, which is fine for abuse control.
 */
export interface RateLimiter {
  /** Takes one token for the key; returns 0 when allowed, else seconds to wait. */
  take(key: string): number;
  /** Sends what was taken to the shared buckets and takes their state back (tests call it). */
  sync(): Promise<void>;
}

/** The shared state of buckets, kept in the database by the platform. */
export interface BucketStore {
  /**
   * Refills each key's bucket to `at`, takes `used` tokens from it and returns the
   * tokens left (possibly below zero when instances together took more).
   */
  take(
    changes: ReadonlyArray<{ key: string; used: number }>,
    bucket: { burst: number; perMs: number; at: number },
  ): Promise<Map<string, number>>;
}

interface Bucket {
  tokens: number;
  at: number;
  /** Tokens taken here and not yet added to the shared bucket. */
  used: number;
}

/** Most keys kept; when passed, buckets full again are swept (they hold no information). */
const MAX_KEYS = 50_000;
const DEFAULT_SYNC_MS = 250;

/** Makes a limiter; see the file's comment for what `shared` changes. */
export function createRateLimiter(options: {
  perMinute: number;
  burst?: number;
  now?: () => number;
  shared?: BucketStore;
  syncMs?: number;
}): RateLimiter {
  const rate = options.perMinute / 60_000;
  const burst = options.burst ?? Math.max(1, Math.ceil(options.perMinute / 2));
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let syncing: Promise<void> | undefined;

  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * rate);
    b.at = t;
  };

  async function syncOnce(store: BucketStore): Promise<void> {
    const keys = [...dirty];
    dirty.clear();
    if (keys.length === 0) return;
    const changes = keys.map((key) => {
      const b = buckets.get(key);
      const used = b?.used ?? 0;
      if (b) b.used = 0;
      return { key, used };
    });
    const at = now();
    let left: Map<string, number>;
    try {
      left = await store.take(changes, { burst, perMs: rate, at });
    } catch {
      // The store is away: keep deciding locally and send these counts next time.
      for (const { key, used } of changes) {
        const b = buckets.get(key);
        if (b) b.used += used;
        dirty.add(key);
      }
      return;
    }
    const t = now();
    for (const [key, tokens] of left) {
      const b = buckets.get(key);
      if (!b) continue;
      // The shared count as of `at`, refilled to now, less what was taken here meanwhile.
      b.tokens = Math.min(burst, tokens + (t - at) * rate) - b.used;
      b.at = t;
    }
  }

  const sync = async (): Promise<void> => {
    if (!options.shared) return;
    while (syncing) await syncing;
    syncing = syncOnce(options.shared).finally(() => (syncing = undefined));
    await syncing;
  };

  const schedule = () => {
    if (!options.shared || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void sync().then(() => {
        if (dirty.size > 0) schedule();
      });
    }, options.syncMs ?? DEFAULT_SYNC_MS);
    timer.unref();
  };

  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_KEYS) {
          for (const [k, old] of buckets) {
            refill(old, t);
            if (old.tokens >= burst && old.used === 0 && !dirty.has(k)) buckets.delete(k);
          }
        }
        // Full until the shared bucket says otherwise, one sync from now.
        b = { tokens: burst, at: t, used: 0 };
        buckets.set(key, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.used += 1;
        dirty.add(key);
        schedule();
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    },
    sync,
  };
}
