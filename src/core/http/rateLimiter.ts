// A true sliding-window limiter: grant i+R is never earlier than grant i + W, so no window of length W ever holds
// more than R grants. Slots are reserved synchronously in call order, which keeps it fair and exact under bursts.
import type { Sleep } from './sleep';

export interface SlidingWindowOptions {
  /** Grants per window; read on every acquire so a settings change applies at once. */
  limit: () => number;
  windowMs: number;
  now: () => number;
  sleep: Sleep;
  /**
   * Extra spacing added to the window. Requests leave in order but can reach the server a few ms apart from when
   * they were granted; the margin absorbs that jitter so the server's own window never sees R+1.
   */
  marginMs?: number;
}

export class SlidingWindowLimiter {
  /** Grant times (possibly in the future), ascending; only the last `limit` entries matter. */
  private grants: number[] = [];

  constructor(private readonly o: SlidingWindowOptions) {}

  /** The time the next acquire would be granted, without reserving it. */
  nextSlot(): number {
    const limit = Math.max(1, Math.floor(this.o.limit()));
    const now = this.o.now();
    if (this.grants.length < limit) return now;
    const anchor = this.grants[this.grants.length - limit] as number;
    return Math.max(now, anchor + this.o.windowMs + (this.o.marginMs ?? 0));
  }

  /** Waits for a slot; an abort while waiting gives the slot back. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const at = this.nextSlot();
    this.grants.push(at);
    const limit = Math.max(1, Math.floor(this.o.limit()));
    if (this.grants.length > limit * 2) this.grants = this.grants.slice(-limit);
    const wait = at - this.o.now();
    if (wait <= 0) return;
    try {
      await this.o.sleep(wait, signal);
    } catch (e) {
      const i = this.grants.lastIndexOf(at);
      if (i >= 0) this.grants.splice(i, 1);
      throw e;
    }
  }
}
