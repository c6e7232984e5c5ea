// Sliding-window request counters, one per bucket (a model name, or 'status' / 'delivery' / 'files').

export type RateDecision = { allowed: true } | { allowed: false; limit: number; resetSeconds: number };

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Counts a request against `bucket` unless `limit` requests already happened within the last `windowMs`. */
  take(bucket: string, limit: number, windowMs: number, now: number): RateDecision {
    let times = this.hits.get(bucket);
    if (!times) {
      times = [];
      this.hits.set(bucket, times);
    }
    let expired = 0;
    while (expired < times.length && times[expired]! <= now - windowMs) expired++;
    if (expired) times.splice(0, expired);
    if (times.length >= limit) {
      // The oldest hit in the window frees the next slot; RateLimit-Reset is whole seconds, at least 1.
      const waitMs = limit === 0 ? windowMs : times[0]! + windowMs - now;
      return { allowed: false, limit, resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    times.push(now);
    return { allowed: true };
  }

  clear(): void {
    this.hits.clear();
  }
}
