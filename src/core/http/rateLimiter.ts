// A true sliding-window limiter: the server never sees more than R requests in any window of length W.
//
// The server counts a request when it ARRIVES: after we grant it (connection setup, a busy event loop) and before
// its answer reaches us. So a grant has no time until its request is written or answered. The answer's time is an
// upper bound of the arrival; so is `written + maxTransitMs` as long as the request reaches the server within that
// allowance. A slot is counted from whichever comes first and reopens exactly W after it. Measured against the
// simulator, a burst's requests reach the server up to ~80 ms after undici wrote them (the server works through its
// queue), so the allowance cannot be small without risking a 429; it mainly frees requests the server holds open
// (Try-Sync waits up to 60 s), which would otherwise block their slot for that long. Late timers or slow sockets can
// only make us slower, never burstier. Waiters are served first come, first served.
import type { Sleep } from './sleep';
import { abortReason } from './sleep';

/** Generous for a one-way trip to the API; only requests answered later than this pay it. */
export const DEFAULT_TRANSIT_MS = 250;

export interface SlidingWindowOptions {
  /** Grants per window; read on every decision so a settings change applies at once. */
  limit: () => number;
  windowMs: number;
  now: () => number;
  sleep: Sleep;
  /** How long after it was written a request is assumed to have arrived (default 250 ms). */
  maxTransitMs?: number;
}

/** A granted slot: report when the request has been written, and when the answer (or an error) came back. */
export interface RateSlot {
  sent(): void;
  done(): void;
}

class Grant implements RateSlot {
  sentAt: number | undefined;
  doneAt: number | undefined;

  constructor(private readonly limiter: SlidingWindowLimiter) {}

  sent(): void {
    if (this.doneAt !== undefined) return;
    // A request written twice (undici re-sending on a fresh socket) may be counted from the later write.
    this.sentAt = this.limiter.clock();
    this.limiter.changed();
  }

  done(): void {
    if (this.doneAt !== undefined) return;
    this.doneAt = this.limiter.clock();
    this.limiter.changed();
  }
}

interface Waiter {
  resolve: (slot: RateSlot) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class SlidingWindowLimiter {
  private grants: Grant[] = [];
  private readonly queue: Waiter[] = [];
  /** The pending wake-up: its due time, and the controller that cancels its sleep. */
  private wake: { at: number; stop: AbortController } | undefined;

  constructor(private readonly o: SlidingWindowOptions) {}

  /** @internal The limiter's clock, for its slots. */
  clock(): number {
    return this.o.now();
  }

  private currentLimit(): number {
    return Math.max(1, Math.floor(this.o.limit()));
  }

  private transitMs(): number {
    return this.o.maxTransitMs ?? DEFAULT_TRANSIT_MS;
  }

  /** When the server has certainly counted this request, or undefined while that is unknown. */
  private countedAt(g: Grant): number | undefined {
    if (g.sentAt === undefined) return g.doneAt;
    const byTransit = g.sentAt + this.transitMs();
    return g.doneAt !== undefined && g.doneAt < byTransit ? g.doneAt : byTransit;
  }

  /**
   * The earliest time a new grant could be handed out if nobody were queued, or undefined while that depends on
   * requests still in flight.
   */
  nextSlot(): number | undefined {
    const now = this.o.now();
    const limit = this.currentLimit();
    // Fast path: fewer grants recorded than the limit means a free slot whatever their times (the list is pruned
    // only when it matters, so it never holds much more than the limit).
    if (this.grants.length < limit) return now;
    const w = this.o.windowMs;
    // One pass: drop grants that left the window and find the oldest counted time (a batch hits this on every
    // write and answer, so no allocation and no sort in the common case of exactly `limit` grants).
    let kept = 0;
    let oldest = Infinity;
    for (const g of this.grants) {
      const at = this.countedAt(g);
      if (at !== undefined && at <= now - w) continue;
      this.grants[kept++] = g;
      if (at !== undefined && at < oldest) oldest = at;
    }
    this.grants.length = kept;
    const excess = kept - limit;
    if (excess < 0) return now;
    // Once the (excess+1) oldest counted requests leave the window, one slot is free.
    let freeing: number | undefined;
    if (excess === 0) {
      freeing = oldest === Infinity ? undefined : oldest;
    } else {
      const times: number[] = [];
      for (const g of this.grants) {
        const at = this.countedAt(g);
        if (at !== undefined) times.push(at);
      }
      times.sort((a, b) => a - b);
      freeing = times[excess];
    }
    return freeing === undefined ? undefined : Math.max(now, freeing + w);
  }

  /** Resolves when the caller may send; an abort while waiting leaves the queue without using a slot. */
  acquire(signal?: AbortSignal): Promise<RateSlot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    // Nobody ahead and a slot free: grant at once, without queueing or listening for an abort.
    if (this.queue.length === 0 && (this.grants.length < this.currentLimit() || (this.nextSlot() ?? Infinity) <= this.o.now())) {
      return Promise.resolve(this.grant());
    }
    return new Promise<RateSlot>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortReason(signal));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  private grant(): Grant {
    const g = new Grant(this);
    this.grants.push(g);
    return g;
  }

  /** @internal A grant got a time: the pending wake-up may be too late now. */
  changed(): void {
    if (this.queue.length > 0) this.pump();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = this.o.now();
      const at = this.nextSlot();
      if (at === undefined || at > now) {
        // Also wake when an in-flight request's transit allowance runs out.
        const wakeAt = Math.min(at ?? Infinity, this.nextTransitDeadline(now) ?? Infinity);
        this.schedule(wakeAt, now);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.grant());
    }
    this.cancelWake();
  }

  /** Keeps one sleep pending for the earliest moment something can change; re-arms only if that moved earlier. */
  private schedule(wakeAt: number, now: number): void {
    if (wakeAt === Infinity) {
      this.cancelWake();
      return;
    }
    if (this.wake && this.wake.at <= wakeAt) return;
    this.cancelWake();
    const wake = { at: wakeAt, stop: new AbortController() };
    this.wake = wake;
    void this.o.sleep(Math.max(0, wakeAt - now), wake.stop.signal).then(
      () => {
        if (this.wake !== wake) return;
        this.wake = undefined;
        this.pump();
      },
      () => undefined,
    );
  }

  private cancelWake(): void {
    this.wake?.stop.abort();
    this.wake = undefined;
  }

  private nextTransitDeadline(now: number): number | undefined {
    const transit = this.transitMs();
    let next: number | undefined;
    for (const g of this.grants) {
      if (g.doneAt !== undefined || g.sentAt === undefined) continue;
      const at = g.sentAt + transit;
      if (at > now && (next === undefined || at < next)) next = at;
    }
    return next;
  }
}
