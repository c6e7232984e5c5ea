// A true sliding-window limiter: no window of length W ever holds more than R grants. Grants are recorded at the
// moment they are actually handed out (not when reserved), so a late timer or a busy event loop can only make us
// slower, never burstier. Waiters are served first come, first served.
import type { Sleep } from './sleep';
import { abortReason } from './sleep';

export interface SlidingWindowOptions {
  /** Grants per window; read on every decision so a settings change applies at once. */
  limit: () => number;
  windowMs: number;
  now: () => number;
  sleep: Sleep;
  /**
   * Extra spacing added to the window. Requests can reach the server a few ms apart from when they were granted;
   * the margin absorbs that jitter so the server's own window never sees R+1.
   */
  marginMs?: number;
}

interface Waiter {
  grant: () => void;
}

export class SlidingWindowLimiter {
  /** Times of past grants, ascending; only the last `limit` matter. */
  private grants: number[] = [];
  private readonly queue: Waiter[] = [];
  private timerRunning = false;

  constructor(private readonly o: SlidingWindowOptions) {}

  private currentLimit(): number {
    return Math.max(1, Math.floor(this.o.limit()));
  }

  /** The earliest time a new grant could be handed out if nobody were queued. */
  nextSlot(): number {
    const limit = this.currentLimit();
    const now = this.o.now();
    if (this.grants.length < limit) return now;
    const anchor = this.grants[this.grants.length - limit] as number;
    return Math.max(now, anchor + this.o.windowMs + (this.o.marginMs ?? 0));
  }

  /** Resolves when the caller may send; an abort while waiting leaves the queue without using a slot. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private pump(): void {
    if (this.timerRunning) return;
    while (this.queue.length > 0) {
      const at = this.nextSlot();
      const now = this.o.now();
      if (at > now) {
        this.timerRunning = true;
        // The timer is shared by all waiters and never aborted: the queue decides who goes when it fires.
        void this.o.sleep(at - now).then(
          () => {
            this.timerRunning = false;
            this.pump();
          },
          () => {
            this.timerRunning = false;
            this.pump();
          },
        );
        return;
      }
      this.grants.push(now);
      const limit = this.currentLimit();
      if (this.grants.length > limit * 2) this.grants = this.grants.slice(-limit);
      (this.queue.shift() as Waiter).grant();
    }
  }
}
