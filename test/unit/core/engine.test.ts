import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { JobEngine, JobRecordSchema, PrunaError, requestFromRecord, type JobRecord } from '../../../src/core';
import { caught, fakeClock, fastSleep, makeClient, makeEngine, pngBytes, predictionPosts, useSimulator, useTempDir, writeFile } from './support';

/** Collects every update, checking each is a persistable record. */
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

const statusRequests = (sim: ReturnType<ReturnType<typeof useSimulator>>) =>
  sim.requests.filter((r) => r.path.startsWith('/v1/predictions/status/')).length;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobEngine', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('runs a sync image job to a downloaded file in the temp folder', async () => {
    const rec = recorder();
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'a fox', seed: 7 }, label: 'fox' }, { onUpdate: rec.onUpdate });
    assert.deepEqual(rec.states(), ['queued', 'sent', 'downloading', 'downloaded']);
    assert.equal(record.state, 'downloaded');
    assert.equal(record.contentType, 'image/png');
    assert.equal(basename(record.resultPath!), `${record.id}.png`);
    assert.ok(existsSync(record.resultPath!));
    assert.deepEqual(record.input, { prompt: 'a fox', seed: 7 });
    assert.equal(record.label, 'fox');
    assert.equal(statusRequests(sim()), 0);
  });

  it('gives listeners copies: a listener changing a reported record changes neither the job nor later reports', async () => {
    const seen: JobRecord[] = [];
    const onUpdate = (r: JobRecord): void => {
      seen.push(JSON.parse(JSON.stringify(r)) as JobRecord);
      r.state = 'failed';
      r.input.prompt = 'changed';
      r.id = 'changed';
    };
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'a fox', seed: 7 } }, { onUpdate });
    assert.equal(record.state, 'downloaded');
    assert.deepEqual(record.input, { prompt: 'a fox', seed: 7 });
    assert.deepEqual(
      seen.map((r) => [r.state, r.input.prompt, r.id]),
      ['queued', 'sent', 'downloading', 'downloaded'].map((state) => [state, 'a fox', record.id]),
    );
    assert.deepEqual((sim().requests.find((r) => r.method === 'POST')?.body as { input: unknown }).input, { prompt: 'a fox', seed: 7 });
  });

  it('runs a video job asynchronously: no Try-Sync, polls until done', async () => {
    sim().setOptions({ timeScale: 0.002 });
    const rec = recorder();
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'waves' } }, { onUpdate: rec.onUpdate });
    assert.equal(record.state, 'downloaded');
    assert.equal(sim().requests[0]?.headers['try-sync'], undefined);
    assert.deepEqual(rec.states().slice(0, 3), ['queued', 'sent', 'running']);
    assert.deepEqual(rec.states().slice(-2), ['downloading', 'downloaded']);
    assert.ok(statusRequests(sim()) >= 1);
  });

  it('reports predictionId and getUrl in the first update after the server accepted the job', async () => {
    sim().setOptions({ timeScale: 0.002 });
    const rec = recorder();
    await makeEngine(makeClient(sim()), tmp()).run({ model: 'wan-t2v', input: { prompt: 'x' } }, { onUpdate: rec.onUpdate });
    const accepted = rec.updates.find((u) => u.state !== 'queued' && u.state !== 'sent')!;
    assert.equal(accepted.state, 'running');
    assert.ok(accepted.predictionId && accepted.getUrl?.includes(accepted.predictionId));
    assert.ok(accepted.submittedAt);
  });

  it('falls back to polling when a Try-Sync POST returns a poll handle', async () => {
    sim().setOptions({ timeScale: 1, syncWindowMs: 10, latencyMs: { 'p-image': { starting: 30, processing: 60 } } });
    const rec = recorder();
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } }, { onUpdate: rec.onUpdate });
    assert.equal(sim().requests[0]?.headers['try-sync'], 'true');
    assert.ok(rec.states().includes('running'));
    assert.equal(record.state, 'downloaded');
    assert.equal(predictionPosts(sim()), 1);
  });

  it("fails with the server's error text when the prediction fails", async () => {
    sim().setOptions({ timeScale: 0.002 });
    sim().failNext('p-video', 'Number of samples, -5, must be non-negative.');
    const rec = recorder();
    const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'x' } }, { onUpdate: rec.onUpdate }));
    assert.equal(err.kind, 'generation-failed');
    assert.equal(err.message, 'The generation failed: Number of samples, -5, must be non-negative.');
    const last = rec.updates.at(-1)!;
    assert.equal(last.state, 'failed');
    assert.equal(last.error?.kind, 'generation-failed');
    assert.equal(last.error?.predictionId, last.predictionId);
  });

  it('stops cleanly when the server reports the prediction canceled', async () => {
    sim().setOptions({ timeScale: 0.05 });
    const err = await caught(
      makeEngine(makeClient(sim()), tmp()).run(
        { model: 'p-video', input: { prompt: 'x' } },
        { onUpdate: (r) => r.state === 'running' && r.predictionId && sim().cancel(r.predictionId) },
      ),
    );
    assert.equal(err.kind, 'canceled');
    assert.match(err.message, /P-API reports/);
  });

  it('fails with not-found when the prediction expired (404) and stops polling', async () => {
    sim().setOptions({ timeScale: 0.05 });
    const rec = recorder();
    const err = await caught(
      makeEngine(makeClient(sim()), tmp()).run(
        { model: 'p-video', input: { prompt: 'x' } },
        { onUpdate: (r) => (rec.onUpdate(r), r.state === 'running' && r.predictionId && sim().vanish(r.predictionId)) },
      ),
    );
    assert.equal(err.kind, 'not-found');
    const polls = statusRequests(sim());
    assert.equal(sim().requests.filter((r) => r.status === 404).length, 1, 'a 404 is not retried');
    await wait(150);
    assert.equal(statusRequests(sim()), polls);
    assert.equal(rec.updates.at(-1)?.state, 'failed');
  });

  it('never polls again after a terminal status', async () => {
    sim().setOptions({ timeScale: 0.002 });
    await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'x' } });
    const polls = statusRequests(sim());
    await wait(200);
    assert.equal(statusRequests(sim()), polls);
  });

  it('times the first poll from when the POST was written, not from when its answer came back', async () => {
    sim().setOptions({ timeScale: 0.01 });
    // A fake clock: the answer to the POST "takes" 400 ms, and sleeping advances the clock by what was asked.
    let now = 1_000_000;
    const sleeps: number[] = [];
    const client = makeClient(sim(), { onRequest: (e) => (e.method === 'POST' ? (now += 400) : undefined) });
    const engine = makeEngine(client, tmp(), {
      now: () => now,
      sleep: (ms, s) => (sleeps.push(ms), (now += ms), fastSleep(ms, s)),
    });
    await engine.run({ model: 'p-video', input: { prompt: 'x' } });
    // p-video polls every 3 s: the first wait is what is left of it after the slow answer.
    assert.equal(sleeps[0], 2600);
  });

  it('waits a full interval after an answer that came later than one interval (a held POST), never polling at once', async () => {
    sim().setOptions({ timeScale: 0.01 });
    let now = 1_000_000;
    const sleeps: number[] = [];
    const client = makeClient(sim(), { onRequest: (e) => (e.method === 'POST' ? (now += 4000) : undefined) });
    const engine = makeEngine(client, tmp(), {
      now: () => now,
      sleep: (ms, s) => (sleeps.push(ms), (now += ms), fastSleep(ms, s)),
    });
    await engine.run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(sleeps[0], 3000);
  });

  /**
   * A fake clock that moves only when the engine sleeps: every wait the engine asks for is exactly what its schedule
   * says, whatever the machine's load. Each sleep still yields to the event loop (and a little real time, so the
   * simulator's prediction advances), and the client's request log is stamped on the same clock.
   */
  it('polls at the X-Poll-Interval the server sends instead of the model default, raised to the floor', async () => {
    // The server asks for 0.5 s; p-video's own interval is 3 s and its floor 1.5 s.
    sim().setOptions({ timeScale: 1, pollIntervalHeader: 0.5, latencyMs: { 'p-video': { starting: 50, processing: 400 } } });
    const clock = fakeClock();
    const engine = makeEngine(makeClient(sim(), { onRequest: clock.onRequest }), tmp(), { now: clock.now, sleep: clock.sleep });
    const record = await engine.run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    // The first wait is the model's 3 s (nothing passed on this clock while the POST was answered); after the first
    // answer the server's 0.5 s rules, raised to the video floor of 1.5 s: never the model's 3 s, never 0.5 s.
    assert.equal(clock.sleeps[0], 3000, JSON.stringify(clock.sleeps));
    assert.ok(clock.sleeps.length >= 2, `the job finished after ${clock.sleeps.length} poll(s): ${JSON.stringify(clock.sleeps)}`);
    assert.deepEqual(clock.sleeps.slice(1), clock.sleeps.slice(1).map(() => 1500));
    // The request log agrees: status requests 1.5 s apart on the engine's clock.
    const gaps = clock.statusAt.slice(1).map((t, i) => t - clock.statusAt[i]!);
    assert.deepEqual(gaps, gaps.map(() => 1500));
  });

  it('gives a trainer its own deadline (2 h, then parked) and polls it every 10 s, whatever X-Poll-Interval says', async () => {
    // A training that is still running long after a video's 30 min; the server asks for a poll every 1.5 s.
    sim().setOptions({ timeScale: 1, pollIntervalHeader: 1.5, latencyMs: { 'p-image-trainer': { starting: 50, processing: 3_600_000 } } });
    const clock = fakeClock(0);
    const rec = recorder();
    const engine = makeEngine(makeClient(sim(), { onRequest: clock.onRequest }), tmp(), { now: clock.now, sleep: clock.sleep });
    const err = await caught(engine.run({ model: 'p-image-trainer', input: { image_data: 'https://example.com/training.zip' } }, { onUpdate: rec.onUpdate }));
    assert.match(err.message, /Resume/);
    const last = rec.updates.at(-1)!;
    assert.equal(last.state, 'parked');
    assert.ok(last.predictionId);
    assert.equal(predictionPosts(sim()), 1);
    // Parked at 2 h on the engine's clock (the POST was written at the clock's start), not at 30 min.
    const polledFor = clock.statusAt.at(-1)! - clock.statusAt[0]!;
    assert.ok(polledFor > 110 * 60_000 && polledFor <= 120 * 60_000, `polled for ${polledFor / 60_000} min`);
    // Every 10 s: never the server's 1.5 s.
    const gaps = clock.statusAt.slice(1).map((t, i) => t - clock.statusAt[i]!);
    assert.ok(gaps.every((g) => g >= 10_000), `a gap of ${Math.min(...gaps)} ms`);
    assert.ok(clock.statusAt.length <= (120 * 60_000) / 10_000 + 1, `${clock.statusAt.length} polls in 2 h`);
  });

  it('keeps the 30 min video deadline for video jobs', async () => {
    sim().setOptions({ timeScale: 1, latencyMs: { 'p-video': { starting: 50, processing: 3_600_000 } } });
    const clock = fakeClock(0);
    const rec = recorder();
    const engine = makeEngine(makeClient(sim(), { onRequest: clock.onRequest }), tmp(), { now: clock.now, sleep: clock.sleep });
    await caught(engine.run({ model: 'p-video', input: { prompt: 'x' } }, { onUpdate: rec.onUpdate }));
    assert.equal(rec.updates.at(-1)!.state, 'parked');
    const polledFor = clock.statusAt.at(-1)! - clock.statusAt[0]!;
    assert.ok(polledFor > 25 * 60_000 && polledFor <= 30 * 60_000, `polled for ${polledFor / 60_000} min`);
  });

  it('recovers from transient status failures (reset, 500, malformed JSON)', async () => {
    sim().setOptions({ timeScale: 0.002 });
    sim().inject({ path: '/v1/predictions/status/', fault: { kind: 'reset' } });
    sim().inject({ path: '/v1/predictions/status/', fault: { kind: 'status', code: 500, body: 'envelope' } });
    sim().inject({ path: '/v1/predictions/status/', fault: { kind: 'malformed-json' } });
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('recovers when a status request times out', async () => {
    sim().setOptions({ timeScale: 0.002 });
    sim().inject({ path: '/v1/predictions/status/', fault: { kind: 'delay', ms: 1500 } });
    const record = await makeEngine(makeClient(sim(), { requestTimeoutMs: 200 }), tmp()).run({ model: 'p-video', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('parks the job, not fails it, when status keeps failing until the deadline', async () => {
    sim().setOptions({ timeScale: 0.002 });
    sim().inject({ path: '/v1/predictions/status/', times: Infinity, fault: { kind: 'status', code: 503, body: 'text' } });
    const rec = recorder();
    const err = await caught(
      makeEngine(makeClient(sim()), tmp(), { deadlineMs: 20_000 }).run({ model: 'p-video', input: { prompt: 'x' } }, { onUpdate: rec.onUpdate }),
    );
    assert.equal(err.retryable, true);
    assert.match(err.message, /Resume/);
    const last = rec.updates.at(-1)!;
    assert.equal(last.state, 'parked');
    assert.ok(last.predictionId, 'the record can be resumed later');
    assert.ok(rec.updates.some((u) => u.retrying), 'the job said it was retrying');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('recovers from a reset during the download', async () => {
    sim().inject({ path: '/v1/predictions/delivery/', fault: { kind: 'reset' } });
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
  });

  it('fails with expired when the output is gone (410)', async () => {
    sim().setOptions({ outputTtlMs: 0 });
    const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } }));
    assert.equal(err.kind, 'expired');
  });

  it('stops every request within one poll interval when canceled', async () => {
    sim().setOptions({ timeScale: 1 });
    const controller = new AbortController();
    const rec = recorder();
    const run = makeEngine(makeClient(sim()), tmp()).run(
      { model: 'p-video', input: { prompt: 'x' } },
      {
        signal: controller.signal,
        onUpdate: (r) => {
          rec.onUpdate(r);
          if (r.state === 'running') setTimeout(() => controller.abort(), 130);
        },
      },
    );
    const err = await caught(run);
    const countAtCancel = sim().requests.length;
    assert.equal(err.kind, 'canceled');
    assert.match(err.message, /no cancel endpoint/);
    // One video poll interval is 3 s, compressed 50x by the test sleep: wait several.
    await wait(300);
    assert.equal(sim().requests.length, countAtCancel);
    const last = rec.updates.at(-1)!;
    assert.equal(last.state, 'parked', 'the prediction exists: stopping watching parks it');
    assert.ok(last.predictionId, 'kept so the job can be resumed');
  });

  it('gives up at the deadline with a timeout that keeps the prediction id', async () => {
    sim().setOptions({ timeScale: 1 });
    const err = await caught(makeEngine(makeClient(sim()), tmp(), { deadlineMs: 150 }).run({ model: 'p-video', input: { prompt: 'x' } }));
    assert.equal(err.kind, 'timeout');
    assert.ok(err.predictionId);
    assert.match(err.message, /Resume/);
  });

  it('caps how many jobs run at once', async () => {
    sim().setOptions({ timeScale: 0.002 });
    let active = 0;
    let peak = 0;
    const engine = makeEngine(makeClient(sim()), tmp(), { maxConcurrent: 2 });
    const onUpdate = (r: JobRecord) => {
      if (r.state === 'sent') peak = Math.max(peak, ++active);
      if (r.state === 'downloaded') active--;
    };
    await Promise.all(Array.from({ length: 5 }, () => engine.run({ model: 'p-video', input: { prompt: 'x' } }, { onUpdate })));
    assert.equal(peak, 2);
  });
});

describe('JobEngine input files', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('uploads local images and keeps the given order with public URLs', async () => {
    const a = writeFile(tmp(), 'a.png', pngBytes(1));
    const rec = recorder();
    const record = await makeEngine(makeClient(sim()), tmp()).run(
      { model: 'p-image-edit', input: { prompt: 'merge image 1 and image 2' }, files: { images: [a, 'https://example.com/b.png'] } },
      { onUpdate: rec.onUpdate },
    );
    assert.deepEqual(rec.states(), ['queued', 'uploading', 'sent', 'downloading', 'downloaded']);
    const images = record.input.images as string[];
    assert.ok(images[0]?.startsWith(`${sim().url}/v1/files/`));
    assert.equal(images[1], 'https://example.com/b.png');
    assert.deepEqual(record.sources, { images: [a, 'https://example.com/b.png'] });
    assert.ok(record.uploadExpiresAt && record.uploadExpiresAt > Date.now());
    const post = sim().requests.find((r) => r.path === '/v1/predictions')!;
    assert.deepEqual((post.body as { input: { images: string[] } }).input.images, images);
  });

  for (const [label, value] of [
    ['an http: URL', 'http://example.com/a.png'],
    ['a data: URI', 'data:image/png;base64,iVBORw0KGgo='],
    ['a file: URL', 'file:///tmp/a.png'],
    ['a relative path', 'pics/a.png'],
  ] as const) {
    it(`rejects ${label} as an input file, naming the field, before any request`, async () => {
      const err = await caught(
        makeEngine(makeClient(sim()), tmp()).run({ model: 'wan-i2v', input: { prompt: 'x' }, files: { image: value } }),
      );
      assert.ok(err instanceof PrunaError);
      assert.equal(err.kind, 'invalid-input');
      assert.deepEqual(err.fields, ['image']);
      assert.equal(sim().requests.length, 0);
    });
  }

  it('rejects a file for a field that takes none', async () => {
    const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' }, files: { image: '/a.png' } }));
    assert.deepEqual(err.fields, ['image']);
    assert.match(err.message, /takes no input files/);
  });

  it('rejects audio given where an image is expected, before uploading', async () => {
    const wav = writeFile(tmp(), 'voice.png', Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(32)]));
    const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-video', input: { prompt: 'x' }, files: { image: wav } }));
    assert.equal(err.kind, 'invalid-file');
    assert.deepEqual(err.fields, ['image']);
    assert.equal(sim().requests.length, 0);
  });

  it('checks the image count before uploading anything', async () => {
    const files = Array.from({ length: 6 }, (_, i) => writeFile(tmp(), `n${i}.png`, pngBytes(i + 100)));
    const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image-edit', input: { prompt: 'x' }, files: { images: files } }));
    assert.deepEqual(err.fields, ['images']);
    assert.equal(sim().requests.length, 0);
  });
});

describe('JobEngine resume', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('resumes polling after a restart from a JSON-persisted record, without re-submitting', async () => {
    sim().setOptions({ timeScale: 0.01 });
    let persisted = '';
    const controller = new AbortController();
    const first = makeEngine(makeClient(sim()), tmp());
    await caught(
      first.run(
        { model: 'p-video', input: { prompt: 'x' } },
        {
          signal: controller.signal,
          onUpdate: (r) => {
            if (r.state === 'running') {
              persisted = JSON.stringify(r);
              controller.abort();
            }
          },
        },
      ),
    );
    // "Restart": new client, new engine, the record only as JSON.
    const second = makeEngine(makeClient(sim()), tmp());
    const rec = recorder();
    const record = await second.resume(JSON.parse(persisted), { onUpdate: rec.onUpdate });
    assert.equal(record.state, 'downloaded');
    assert.equal(record.id, JSON.parse(persisted).id);
    assert.equal(predictionPosts(sim()), 1);
    assert.ok(existsSync(record.resultPath!));
  });

  it('re-downloads a finished job whose file is gone, from its generation URL', async () => {
    const engine = makeEngine(makeClient(sim()), tmp());
    const done = await engine.run({ model: 'p-image', input: { prompt: 'x' } });
    rmSync(done.resultPath!);
    const again = await makeEngine(makeClient(sim()), tmp()).resume(JSON.parse(JSON.stringify(done)));
    assert.equal(again.state, 'downloaded');
    assert.ok(existsSync(again.resultPath!));
    assert.equal(predictionPosts(sim()), 1);
  });

  for (const state of ['sent', 'submitting']) {
    it(`refuses to guess about a record caught after its POST was written ('${state}'): ambiguous-submit, no request`, async () => {
      // 'submitting' is how 0.1.0 recorded it; it is read as 'sent'.
      const record = { id: 'j1', model: 'p-image', input: { prompt: 'x' }, state, createdAt: 1, updatedAt: 1 } as unknown as JobRecord;
      const rec = recorder();
      const err = await caught(makeEngine(makeClient(sim()), tmp()).resume(record, { onUpdate: rec.onUpdate }));
      assert.equal(err.kind, 'ambiguous-submit');
      assert.equal(err.mayHaveBeenCreated, true);
      assert.equal(rec.updates.at(-1)?.state, 'failed');
      assert.equal(rec.updates.at(-1)?.failedBy, 'unconfirmed');
      assert.equal(sim().requests.length, 0);
    });
  }

  it("starts a 'queued' record (nothing sent) over, with exactly one POST", async () => {
    const record: JobRecord = { id: 'jq', model: 'p-image', input: { prompt: 'x' }, state: 'queued', createdAt: 1, updatedAt: 1 };
    const done = await makeEngine(makeClient(sim()), tmp()).resume(record);
    assert.equal(done.state, 'downloaded');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('starts over from the sources when nothing had been submitted yet', async () => {
    const a = writeFile(tmp(), 'r.png', pngBytes(9));
    const record: JobRecord = {
      id: 'j2',
      model: 'p-image-edit',
      input: { prompt: 'x' },
      sources: { images: [a] },
      state: 'uploading',
      createdAt: 1,
      updatedAt: 1,
    };
    const done = await makeEngine(makeClient(sim()), tmp()).resume(record);
    assert.equal(done.state, 'downloaded');
    assert.equal(done.id, 'j2');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('rejects a damaged record with a clear error', async () => {
    const err = await caught(makeEngine(makeClient(sim()), tmp()).resume({ id: 'x', model: 'p-image' } as unknown as JobRecord));
    assert.equal(err.kind, 'invalid-input');
    assert.match(err.message, /damaged/);
  });

  it('rebuilds the original request for a user-chosen retry', () => {
    const record: JobRecord = {
      id: 'j3',
      model: 'p-image-edit',
      input: { prompt: 'x', images: ['https://api/v1/files/1'] },
      sources: { images: ['/home/me/a.png'] },
      state: 'failed',
      createdAt: 1,
      updatedAt: 1,
      label: 'l',
    };
    assert.deepEqual(requestFromRecord(record), { model: 'p-image-edit', input: { prompt: 'x' }, files: { images: ['/home/me/a.png'] }, label: 'l' });
  });
});

// Keeps the type import used even if a test above is removed.
void JobEngine;
