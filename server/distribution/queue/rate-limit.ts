/**
 * A token bucket: at most `perSecond` sends a second on average, bursts of at
 * most `perSecond`. Gateways throttle or drop above their contracted rate.
 */
export class SendRate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Milliseconds to wait before the next send may go (0: go now, and one token is taken). */
  take(): number {
    const t = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
