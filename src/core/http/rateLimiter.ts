// A true sliding-window limiter: the server never sees more than R requests in any window of length W.
//
// The server counts a request when it ARRIVES: after we grant it (connection setup, a busy event loop) and before
// its answer reaches us. So a grant has no time until its request is answered; the answer's time is an upper bound
// of the arrival, and a slot reopens exactly W after it. A request the server holds open (Try-Sync waits up to 60 s)
// would block its slot for that long, so once its body has been sent it is counted from `sent + maxTransitMs`
// instead, assuming it reached the server within that time (a one-way trip). Late timers or slow sockets can only make us slower,
// never burstier. Waiters are served first come, first served.
import type { Sleep } from './sleep';
import { abortReason } from './sleep';

/** Generous for a one-way trip to the API; only requests the server holds open (Try-Sync) pay it. */
export const DEFAULT_TRANSIT_MS = 250;

export interface SlidingWindowOptions {
  /** Grants per window; read on every decision so a settings change applies at once. */
  limit: () => number;
  windowMs: number;
  now: () => number;
  sleep: Sleep;
  /** How long after its body was sent a held request is assumed to have arrived (default 250 ms). */
  maxTransitMs?: number;
}

/** A granted slot: report when the request body has left, and when the answer (or an error) came back. */
export interface RateSlot {
  sent(): void;
  done(): void;
}

interface Grant {
  sentAt?: number;
  doneAt?: number;
}

interface Waiter {
  grant: (g: Grant) => void;
}

export class SlidingWindowLimiter {
  private grants: Grant[] = [];
  private readonly queue: Waiter[] = [];
  private timer: AbortController | undefined;

  constructor(private readonly o: SlidingWindowOptions) {}

  private currentLimit(): number {
    return Math.max(1, Math.floor(this.o.limit()));
  }

  /** When the server has certainly counted this request, or undefined while that is unknown. */
  private countedAt(g: Grant): number | undefined {
    const transit = this.o.maxTransitMs ?? DEFAULT_TRANSIT_MS;
    if (g.doneAt !== undefined) return g.sentAt !== undefined ? Math.min(g.doneAt, g.sentAt + transit) : g.doneAt;
    return g.sentAt !== undefined ? g.sentAt + transit : undefined;
  }

  /**
   * The earliest time a new grant could be handed out if nobody were queued, or undefined while that depends on
   * requests still in flight.
   */
  nextSlot(): number | undefined {
    const now = this.o.now();
    // Fast path: fewer grants recorded than the limit means a free slot whatever their times (the list is pruned
    // only when it matters, so it never holds much more than the limit).
    if (this.grants.length < this.currentLimit()) return now;
    const w = this.o.windowMs;
    const counted = this.grants.map((g) => this.countedAt(g));
    this.grants = this.grants.filter((_, i) => {
      const at = counted[i];
      return at === undefined || at > now - w;
    });
    const times = counted.filter((at): at is number => at !== undefined && at > now - w).sort((a, b) => a - b);
    const excess = this.grants.length - this.currentLimit();
    if (excess < 0) return now;
    // Once the (excess+1) oldest counted requests leave the window, one slot is free.
    const freeing = times[excess];
    return freeing === undefined ? undefined : Math.max(now, freeing + w);
  }

  /** Resolves when the caller may send; an abort while waiting leaves the queue without using a slot. */
  acquire(signal?: AbortSignal): Promise<RateSlot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<RateSlot>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const waiter: Waiter = {
        grant: (g) => {
          signal?.removeEventListener('abort', onAbort);
          resolve({
            sent: () => {
              if (g.sentAt !== undefined || g.doneAt !== undefined) return;
              g.sentAt = this.o.now();
              this.repump();
            },
            done: () => {
              if (g.doneAt !== undefined) return;
              g.doneAt = this.o.now();
              this.repump();
            },
          });
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** A grant got (an earlier) time: the pending timer may be too late now. */
  private repump(): void {
    if (this.queue.length === 0) return;
    this.timer?.abort();
    this.timer = undefined;
    this.pump();
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const at = this.nextSlot();
      const now = this.o.now();
      if (at === undefined || at > now) {
        // Also wake when an in-flight request's transit allowance runs out.
        const wakeAt = Math.min(at ?? Infinity, this.nextTransitDeadline() ?? Infinity);
        if (wakeAt === Infinity) return;
        const timer = new AbortController();
        this.timer = timer;
        const wake = (): void => {
          if (this.timer !== timer) return;
          this.timer = undefined;
          this.pump();
        };
        void this.o.sleep(Math.max(0, wakeAt - now), timer.signal).then(wake, () => undefined);
        return;
      }
      const grant: Grant = {};
      this.grants.push(grant);
      (this.queue.shift() as Waiter).grant(grant);
    }
  }

  private nextTransitDeadline(): number | undefined {
    const now = this.o.now();
    const transit = this.o.maxTransitMs ?? DEFAULT_TRANSIT_MS;
    let next: number | undefined;
    for (const g of this.grants) {
      if (g.doneAt !== undefined || g.sentAt === undefined) continue;
      const at = g.sentAt + transit;
      if (at > now && (next === undefined || at < next)) next = at;
    }
    return next;
  }
}
