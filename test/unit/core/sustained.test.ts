// Paid results are never lost and never paid twice: against sustained trouble after the prediction exists (outages
// of tens of seconds, 5xx mixes, resets, held requests, long waits, unknown statuses, HTML pages, absurd poll
// intervals, gateway 504s on held POSTs) every job saves its result with exactly one POST, and no poll comes sooner
// than the floor. Engine time runs 50x (support.ts), so "30 s" is 0.6 s of wall time here.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { JobRecordSchema, POLL_FLOOR_MS, type JobRecord, type PrunaClient } from '../../../src/core';
import type { FaultRule, Simulator } from '../../simulator/index';
import { caught, fakeClock, fastNow, fastSleep, makeClient, makeEngine, pngBytes, predictionPosts, useSimulator, useTempDir, writeFile } from './support';

/** Engine milliseconds as wall milliseconds (support.ts compresses time 50x). */
const wall = (engineMs: number): number => engineMs / 50;
const STATUS = '/v1/predictions/status/';
const DELIVERY = '/v1/predictions/delivery/';

function recorder() {
  const updates: JobRecord[] = [];
  return {
    updates,
    states: () => updates.map((u) => u.state),
    onUpdate: (r: JobRecord) => {
      JobRecordSchema.parse(JSON.parse(JSON.stringify(r)));
      updates.push(r);
    },
  };
}

/** Status calls as the engine made them, on the engine's clock (the server's arrival times add network jitter). */
class PollClock {
  readonly starts = new Map<string, number[]>();
  constructor(private readonly now: () => number) {}
  wrap(client: PrunaClient): PrunaClient {
    const status = client.status.bind(client);
    client.status = (url, o) => {
      this.starts.set(url, [...(this.starts.get(url) ?? []), this.now()]);
      return status(url, o);
    };
    return client;
  }
  minGap(): number {
    let min = Infinity;
    for (const times of this.starts.values()) for (let i = 1; i < times.length; i++) min = Math.min(min, times[i]! - times[i - 1]!);
    return min;
  }
}

/**
 * No poll sooner than the floor: on the engine's clock (a timer may fire a wall millisecond early, 50 engine ms), and
 * on the server's arrival times averaged over the job (what "hundreds of polls a second" would show).
 */
function assertPollFloor(sim: Simulator, clock: PollClock, kind: 'image' | 'video'): void {
  const floor = POLL_FLOOR_MS[kind];
  assert.ok(clock.minGap() >= floor - 60, `a poll started ${clock.minGap()} ms (engine clock) after the previous one; the ${kind} floor is ${floor} ms`);
  const arrivals = sim.requests.filter((r) => r.path.startsWith(STATUS)).map((r) => r.at);
  if (arrivals.length > 1) {
    const mean = (arrivals.at(-1)! - arrivals[0]!) / (arrivals.length - 1);
    assert.ok(mean >= wall(floor) * 0.8, `polls reached the server every ${mean} ms (wall) on average; the floor is ${wall(floor)} ms`);
  }
}

describe('sustained faults after the prediction exists', function () {
  this.timeout(30_000);
  const sim = useSimulator();
  const tmp = useTempDir();

  const video = (inject: FaultRule[], extra: Parameters<typeof makeEngine>[2] = {}) => {
    // p-video: 0.2 + 0.4 s of wall time, i.e. ~30 s of engine time, so an outage overlaps the whole job.
    sim().setOptions({ timeScale: 1, latencyMs: { 'p-video': { starting: 200, processing: 400 } } });
    for (const rule of inject) sim().inject(rule);
    const rec = recorder();
    const now = fastNow();
    const clock = new PollClock(now);
    const client = clock.wrap(makeClient(sim(), { requestTimeoutMs: 300 }));
    const run = makeEngine(client, tmp(), { now, ...extra }).run({ model: 'p-video', input: { prompt: 'waves' } }, { onUpdate: rec.onUpdate });
    return { run, rec, clock };
  };

  it('waits out a 30 s status outage of mixed 5xx, resets and held requests, and saves with one POST', async () => {
    const { run, rec, clock } = video([
      {
        path: STATUS,
        forMs: wall(30_000),
        fault: {
          kind: 'cycle',
          faults: [{ kind: 'status', code: 502, body: 'text' }, { kind: 'reset' }, { kind: 'status', code: 503, body: 'kong' }, { kind: 'hold', ms: 5_000 }, { kind: 'status', code: 500 }],
        },
      },
    ]);
    const record = await run;
    assert.equal(record.state, 'downloaded');
    assert.ok(existsSync(record.resultPath!));
    assert.equal(predictionPosts(sim()), 1);
    assert.ok(rec.updates.some((u) => u.retrying), 'the job showed "waiting for the P-API (retrying)"');
    assert.ok(!rec.states().includes('failed'));
    assertPollFloor(sim(), clock, 'video');
  });

  it('honours a 429 with Retry-After: 90 on status instead of failing', async () => {
    const { run } = video([{ path: STATUS, fault: { kind: 'status', code: 429, headers: { 'Retry-After': '90' } } }]);
    const started = Date.now();
    const record = await run;
    assert.equal(record.state, 'downloaded');
    assert.ok(Date.now() - started >= wall(90_000) * 0.9, 'waited what the server asked');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('keeps polling through a status this version does not know ("queued"), logging it once', async () => {
    const notes: string[] = [];
    const { run, rec } = video([{ path: STATUS, times: 6, fault: { kind: 'unknown-status', status: 'queued' } }], { log: (m) => notes.push(m) });
    const record = await run;
    assert.equal(record.state, 'downloaded');
    assert.equal(notes.filter((n) => n.includes('"queued"')).length, 1);
    assert.ok(rec.updates.some((u) => u.serverStatus === 'queued'));
    assert.equal(predictionPosts(sim()), 1);
  });

  it('waits out delivery trouble: resets, a 429 with RateLimit-Reset: 75, and HTML pages claiming to be images', async () => {
    sim().setOptions({ timeScale: 0 });
    for (let i = 0; i < 5; i++) sim().inject({ path: DELIVERY, fault: { kind: 'reset' } });
    sim().inject({ path: DELIVERY, fault: { kind: 'status', code: 429, headers: { 'RateLimit-Reset': '75' } } });
    sim().inject({ path: DELIVERY, times: 3, fault: { kind: 'html-200' } });
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.equal(record.contentType, 'image/png');
    assert.ok(readFileSync(record.resultPath!).subarray(0, 8).equals(pngBytes().subarray(0, 8)), 'the saved bytes are the PNG, not an HTML page');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('asks for a fresh link once when a delivery answers 403 (expired link), then saves with one POST', async () => {
    sim().setOptions({ timeScale: 0.002 });
    sim().inject({ path: DELIVERY, fault: { kind: 'status', code: 403 } });
    const notes: string[] = [];
    const record = await makeEngine(makeClient(sim()), tmp(), { log: (m) => notes.push(m) }).run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.ok(notes.some((n) => /fresh one/.test(n)), notes.join('\n'));
    assert.equal(predictionPosts(sim()), 1);
  });

  it('never polls faster than the floor, whatever X-Poll-Interval says (0.005 s)', async () => {
    // On a clock that moves only when the engine sleeps, every wait after the first answer is exactly the image floor
    // (the server's 5 ms never wins), and the status requests are that far apart: exact under any machine load.
    sim().setOptions({ timeScale: 1, pollIntervalHeader: 0.005, latencyMs: { 'p-image': { starting: 20, processing: 80 } } });
    const clock = fakeClock(5);
    const record = await makeEngine(makeClient(sim(), { onRequest: clock.onRequest }), tmp(), { syncMode: 'never', now: clock.now, sleep: clock.sleep }).run({ model: 'p-image', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.ok(clock.sleeps.length >= 3, `the job finished after ${clock.sleeps.length} poll(s)`);
    assert.deepEqual(clock.sleeps.slice(1), clock.sleeps.slice(1).map(() => POLL_FLOOR_MS.image), JSON.stringify(clock.sleeps));
    const gaps = clock.statusAt.slice(1).map((t, i) => t - clock.statusAt[i]!);
    assert.ok(gaps.length >= 2 && gaps.every((g) => g >= POLL_FLOOR_MS.image), `status gaps on the engine clock: ${JSON.stringify(gaps)}`);
  });

  it('does not sleep past the result on a huge X-Poll-Interval (3600 s)', async () => {
    sim().setOptions({ timeScale: 1, pollIntervalHeader: 3600, latencyMs: { 'p-video': { starting: 100, processing: 200 } } });
    const started = Date.now();
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    // Clamped to 30 s of engine time (0.6 s wall); the server's hour would be 72 s of wall time.
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('parks a job whose outage outlasts its deadline, and Resume saves it with no new POST', async () => {
    const { run, rec } = video([{ path: STATUS, forMs: wall(60_000), fault: { kind: 'status', code: 503, body: 'text' } }], { deadlineMs: 20_000 });
    const err = await caught(run);
    const parked = rec.updates.at(-1)!;
    assert.equal(parked.state, 'parked');
    assert.match(err.message, /Resume fetches the result with no new request/);
    assert.ok(parked.predictionId && parked.getUrl);
    // Later (the outage is over): Resume from the persisted record.
    await new Promise((r) => setTimeout(r, wall(60_000)));
    const resumed = await makeEngine(makeClient(sim()), tmp()).resume(JSON.parse(JSON.stringify(parked)));
    assert.equal(resumed.state, 'downloaded');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('starts the deadline at the POST, not while waiting for a slot: the last of a queue is not abandoned', async () => {
    sim().setOptions({ timeScale: 1, latencyMs: { 'p-video': { starting: 100, processing: 150 } } });
    // Each job takes ~0.3 s of wall time (15 s of engine time); the deadline is 25 s; the third waits ~0.6 s first.
    const engine = makeEngine(makeClient(sim()), tmp(), { maxConcurrent: 1, deadlineMs: 25_000 });
    const records = await Promise.all([1, 2, 3].map((i) => engine.run({ model: 'p-video', input: { prompt: `q${i}` } })));
    assert.deepEqual(records.map((r) => r.state), ['downloaded', 'downloaded', 'downloaded']);
    assert.equal(predictionPosts(sim()), 3);
  });
});

describe('Try-Sync after a gateway 504 on a held POST', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('loses at most one job: later jobs of that model poll, each with one POST, and the lost one says why', async () => {
    sim().setOptions({ timeScale: 0 });
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'gateway-timeout-after-accept', holdMs: 50 } });
    const engine = makeEngine(makeClient(sim()), tmp());
    const rec = recorder();
    const err = await caught(engine.run({ model: 'p-image', input: { prompt: 'first' } }, { onUpdate: rec.onUpdate }));
    assert.equal(err.kind, 'ambiguous-submit');
    assert.equal(err.mayHaveBeenCreated, true);
    assert.match(err.message, /Try-Sync.*may still have been created and billed.*poll instead/s);
    assert.equal(rec.updates.at(-1)?.failedBy, 'unconfirmed');
    const later = await Promise.all([1, 2, 3].map((i) => engine.run({ model: 'p-image', input: { prompt: `later ${i}` } })));
    assert.ok(later.every((r) => r.state === 'downloaded'));
    const posts = sim().requests.filter((r) => r.method === 'POST' && r.path === '/v1/predictions');
    assert.equal(posts.length, 4, 'one POST per job');
    assert.deepEqual(posts.slice(1).map((p) => p.headers['try-sync']), [undefined, undefined, undefined], 'no more held POSTs');
  });
});

describe('shared uploads and secrets', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('keeps a shared upload going when one of the jobs waiting on it is canceled', async () => {
    const image = writeFile(tmp(), 'shared.png', pngBytes(2_000_000));
    sim().inject({ method: 'POST', path: '/v1/files', fault: { kind: 'delay', ms: 150 } });
    const engine = makeEngine(makeClient(sim()), tmp());
    const stop = new AbortController();
    const canceled = engine.run({ model: 'p-image-edit', input: { prompt: 'a' }, files: { images: [image] } }, { signal: stop.signal });
    const kept = engine.run({ model: 'p-image-edit', input: { prompt: 'b' }, files: { images: [image] } });
    setTimeout(() => stop.abort(), 50);
    assert.equal((await caught(canceled)).kind, 'canceled');
    assert.equal((await kept).state, 'downloaded');
    assert.equal(sim().requests.filter((r) => r.path === '/v1/files').length, 1, 'uploaded once');
  });

  it('aborts a shared upload once every job waiting on it is canceled', async () => {
    const image = writeFile(tmp(), 'shared2.png', pngBytes(2_000_001));
    sim().inject({ method: 'POST', path: '/v1/files', fault: { kind: 'hold', ms: 5_000 } });
    const engine = makeEngine(makeClient(sim()), tmp());
    const stop = new AbortController();
    const runs = [1, 2].map((i) => engine.run({ model: 'p-image-edit', input: { prompt: `c${i}` }, files: { images: [image] } }, { signal: stop.signal }));
    setTimeout(() => stop.abort(), 50);
    const errors = await Promise.all(runs.map(caught));
    assert.deepEqual(errors.map((e) => e.kind), ['canceled', 'canceled']);
    assert.equal(predictionPosts(sim()), 0);
  });

  it('sends hf_api_token to the P-API but never puts it in a job record', async () => {
    const rec = recorder();
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x', hf_api_token: 'hf_secret_value' } }, { onUpdate: rec.onUpdate });
    const post = sim().requests.find((r) => r.path === '/v1/predictions')!;
    assert.equal((post.body as { input: Record<string, unknown> }).input.hf_api_token, 'hf_secret_value');
    for (const r of [record, ...rec.updates]) assert.ok(!JSON.stringify(r).includes('hf_secret_value'), 'the token is not in the record');
  });
});

void fastSleep;
