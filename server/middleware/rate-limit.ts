/**
 * In-memory token buckets: each key holds up to `burst` tokens and regains
 * `perMinute` a minute; a request takes one. Written here rather than adding
 * express-rate-limit because the limits are per route and per survey token, not
 * per path prefix, and the whole thing is forty lines. State is per process: behind
 * several instances the effective limit is the sum, acceptable for abuse control.
 */
export interface RateLimiter {
  /** Takes one token for the key; returns 0 when allowed, else seconds to wait. */
  take(key: string): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Most keys kept; when passed, buckets full again are swept (they hold no information). */
const MAX_KEYS = 50_000;

export function createRateLimiter(options: {
  perMinute: number;
  burst?: number;
  now?: () => number;
}): RateLimiter {
  const rate = options.perMinute / 60_000;
  const burst = options.burst ?? Math.max(1, Math.ceil(options.perMinute / 2));
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();

  const refill = (b: Bucket, t: number) => {
    b.tokens = Math.min(burst, b.tokens + (t - b.at) * rate);
    b.at = t;
  };

  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= MAX_KEYS) {
          for (const [k, old] of buckets) {
            refill(old, t);
            if (old.tokens >= burst) buckets.delete(k);
          }
        }
        b = { tokens: burst, at: t };
        buckets.set(key, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
    },
  };
}
