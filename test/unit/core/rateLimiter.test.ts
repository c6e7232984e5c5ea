import * as assert from 'node:assert/strict';
import { SlidingWindowLimiter } from '../../../src/core';

/** A fake clock: sleeping advances time, and sleepers wake in time order. */
function fakeClock() {
  let now = 0;
  const sleepers: { at: number; wake: () => void; fail: (e: unknown) => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const entry = { at: now + ms, wake: resolve, fail: reject };
        sleepers.push(entry);
        signal?.addEventListener('abort', () => {
          sleepers.splice(sleepers.indexOf(entry), 1);
          reject(signal.reason);
        });
      }),
    /** Runs time forward until nobody sleeps. */
    async drain() {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (sleepers.length === 0) return;
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers.shift()!;
        now = Math.max(now, next.at);
        next.wake();
      }
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('sliding-window rate limiter', () => {
  it('never grants more than R in any window under a burst', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 10, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];
    const all = Array.from({ length: 95 }, () => limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now()))));
    await clock.drain();
    await Promise.all(all);
    assert.equal(granted.length, 95);
    assert.equal(maxInAnyWindow(granted, 1000), 10);
    // Exactly as fast as allowed: the 95th grant lands in the 10th window.
    assert.equal(Math.max(...granted), 9000);
  });

  it('never exceeds R when requests arrive at random times', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 7, windowMs: 500, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      clock.advance(Math.floor(rand() * 60));
      pending.push(limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now()))));
      // Let an immediate grant be recorded before time moves on.
      await new Promise((r) => setImmediate(r));
      if (i % 5 === 0) await clock.drain();
    }
    await clock.drain();
    await Promise.all(pending);
    assert.equal(granted.length, 200);
    assert.ok(maxInAnyWindow(granted, 500) <= 7, `max ${maxInAnyWindow(granted, 500)}`);
  });

  it('counts a granted request from when it was answered, holding its slot while in flight', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 1, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    const first = await limiter.acquire();
    let secondAt: number | undefined;
    const second = limiter.acquire().then((slot) => (slot.done(), (secondAt = clock.now())));
    // The first request takes 300 ms to be answered: the server saw it at some point before that.
    clock.advance(300);
    await clock.drain();
    assert.equal(secondAt, undefined, 'still held by the pending first request');
    first.done();
    await clock.drain();
    await second;
    assert.equal(secondAt, 1300);
  });

  it('counts a request the server holds open from its send time plus the transit allowance', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 1, windowMs: 1000, now: clock.now, sleep: clock.sleep, maxTransitMs: 50 });
    const held = await limiter.acquire();
    held.sent();
    const next = limiter.acquire().then((slot) => (slot.done(), clock.now()));
    // The held request (Try-Sync) is never answered during this test.
    await clock.drain();
    assert.equal(await next, 1050);
  });

  it('counts a written request from its answer when the answer comes before the transit allowance runs out', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 1, windowMs: 1000, now: clock.now, sleep: clock.sleep, maxTransitMs: 250 });
    const first = await limiter.acquire();
    first.sent();
    const next = limiter.acquire().then((slot) => (slot.done(), clock.now()));
    clock.advance(40);
    first.done();
    await clock.drain();
    assert.equal(await next, 1040);
  });

  it('keeps every server window at R or fewer when each request arrives anywhere up to its answer or allowance', async () => {
    const clock = fakeClock();
    const R = 5;
    const W = 1000;
    const T = 60;
    const limiter = new SlidingWindowLimiter({ limit: () => R, windowMs: W, now: clock.now, sleep: clock.sleep, maxTransitMs: T });
    let seed = 9;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const arrivals: number[] = [];
    const jobs = Array.from({ length: 80 }, async () => {
      const slot = await limiter.acquire();
      // Connecting takes a while; then the server sees the request at the latest when it answers or the
      // allowance after the write runs out, whichever is first; some answers come long after that.
      await clock.sleep(Math.floor(rand() * 30));
      slot.sent();
      const sentAt = clock.now();
      const answerAfter = Math.floor(rand() * 3 * T);
      arrivals.push(sentAt + Math.floor(rand() * Math.min(answerAfter, T)));
      await clock.sleep(answerAfter);
      slot.done();
    });
    await clock.drain();
    await Promise.all(jobs);
    assert.equal(arrivals.length, 80);
    assert.ok(maxInAnyWindow(arrivals, W) <= R, `max ${maxInAnyWindow(arrivals, W)}`);
  });

  it('lets the next caller take the slot of a waiting request that was aborted', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 1, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    (await limiter.acquire()).done();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire().then((slot) => (slot.done(), clock.now()));
    controller.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    await clock.drain();
    assert.equal(await next, 1000);
  });

  it('records grants when they happen, so a late wake-up cannot cause a burst', async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ limit: () => 2, windowMs: 1000, now: clock.now, sleep: clock.sleep });
    const granted: number[] = [];
    const first = [1, 2].map(() => limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now()))));
    await Promise.all(first);
    const third = limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now())));
    // The timer for t=1000 fires 400 ms late.
    clock.advance(1400);
    await clock.drain();
    await third;
    const fourth = limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now())));
    const fifth = limiter.acquire().then((slot) => (slot.done(), granted.push(clock.now())));
    await clock.drain();
    await Promise.all([fourth, fifth]);
    assert.ok(maxInAnyWindow(granted, 1000) <= 2, JSON.stringify(granted));
  });
});
