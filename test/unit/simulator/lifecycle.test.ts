import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { getStatus, pollToEnd, submit, useSimulator, sleep } from './support';

/** Collapses repeats: ['starting','starting','processing'] -> ['starting','processing']. */
const distinct = (seen: string[]) => seen.filter((s, i) => s !== seen[i - 1]);

describe('simulator: prediction lifecycle', () => {
  // Latencies long enough that a 5 ms poll loop sees every state even on a busy machine.
  const sim = useSimulator({ latencyMs: { 'p-image': { starting: 200, processing: 200 } }, timeScale: 1 });

  it('answers the async body with a 26-char id and an absolute get_url', async () => {
    const res = await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal(res.status, 201);
    assert.match(res.body.id, /^[a-z0-9]{26}$/);
    assert.equal(res.body.model, 'p-image');
    assert.equal(res.body.get_url, `${sim().url}/v1/predictions/status/${res.body.id}`);
  });

  it('goes starting -> processing -> succeeded, with the documented messages', async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    const first = await getStatus(sim(), body.id);
    assert.deepEqual(first.body, { status: 'starting', message: 'Generation in progress' });
    const seen = distinct(await pollToEnd(sim(), body.id));
    assert.deepEqual(seen, ['starting', 'processing', 'succeeded']);
    const done = await getStatus(sim(), body.id);
    assert.deepEqual(Object.keys(done.body).sort(), ['generation_url', 'status']);
  });

  it('ends failed with the given error after failNext', async () => {
    sim().failNext('p-image', 'Safety filter triggered');
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    assert.deepEqual(distinct(await pollToEnd(sim(), body.id)), ['starting', 'processing', 'failed']);
    const res = await getStatus(sim(), body.id);
    assert.deepEqual(res.body, { status: 'failed', message: 'Prediction failed', error: 'Safety filter triggered' });
    const next = await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal((await pollToEnd(sim(), next.body.id)).at(-1), 'succeeded', 'only the next prediction fails');
  });

  it('reports canceled after cancel()', async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    sim().cancel(body.id);
    const res = await getStatus(sim(), body.id);
    assert.deepEqual(res.body, { status: 'canceled', message: 'Prediction was canceled' });
    assert.equal(sim().prediction(body.id)?.status, 'canceled');
  });

  it('answers 404 NOT_FOUND after vanish() and for unknown ids', async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    sim().vanish(body.id);
    for (const id of [body.id, 'zzzzzzzzzzzzzzzzzzzzzzzzzz']) {
      const res = await getStatus(sim(), id);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'NOT_FOUND');
      assert.equal(res.body.error.details, 'Prediction ID does not exist or has expired');
    }
  });

  it('answers 404 for a prediction older than predictionTtlMs', async () => {
    sim().setOptions({ predictionTtlMs: 10 });
    try {
      const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
      await sleep(30);
      assert.equal((await getStatus(sim(), body.id)).status, 404);
    } finally {
      sim().setOptions({ predictionTtlMs: undefined });
    }
  });

  it('adds X-Poll-Interval in seconds when configured, and not otherwise', async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal((await getStatus(sim(), body.id)).headers.get('x-poll-interval'), null);
    sim().setOptions({ pollIntervalHeader: 0.5 });
    try {
      assert.equal((await getStatus(sim(), body.id)).headers.get('x-poll-interval'), '0.5');
    } finally {
      sim().setOptions({ pollIntervalHeader: undefined });
    }
  });

  it("emits 'succeeded' with the id and the moment the status flipped", async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'x' });
    const [id, at] = await new Promise<[string, number]>((resolve) => {
      const listener = (i: string, t: number) => {
        if (i !== body.id) return;
        sim().events.off('succeeded', listener);
        resolve([i, t]);
      };
      sim().events.on('succeeded', listener);
    });
    assert.equal(id, body.id);
    assert.equal(sim().prediction(id)?.succeededAt, at);
    assert.equal((await getStatus(sim(), id)).body.status, 'succeeded');
  });

  it('exposes the submitted input through prediction(id)', async () => {
    const { body } = await submit(sim(), 'p-image', { prompt: 'kept', seed: 7 });
    const p = sim().prediction(body.id);
    assert.deepEqual(p?.input, { prompt: 'kept', seed: 7 });
    assert.equal(p?.model, 'p-image');
    assert.equal(sim().prediction('nope'), undefined);
  });

  it('refuses failNext for an unknown model and cancel/vanish for an unknown id', () => {
    assert.throws(() => sim().failNext('p-image-pro', 'x'), /unknown model/);
    assert.throws(() => sim().cancel('nope'), /no prediction/);
    assert.throws(() => sim().vanish('nope'), /no prediction/);
  });
});

describe('simulator: Try-Sync and success codes', () => {
  let sim: Simulator;
  afterEach(async () => sim?.close());

  it('answers the sync body when the job finishes inside the window', async () => {
    sim = await startSimulator({ timeScale: 0.01, syncWindowMs: 5000 });
    const res = await submit(sim, 'p-image', { prompt: 'x' }, { 'try-sync': 'true' });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'succeeded');
    assert.match(res.body.generation_url, /\/v1\/predictions\/delivery\/[a-z]{4}\/[A-Za-z0-9]{48}\/output\.png$/);
    assert.deepEqual(Object.keys(res.body).sort(), ['generation_url', 'status']);
  });

  it('answers the poll handle when the window runs out first, and the job keeps running', async () => {
    sim = await startSimulator({ latencyMs: { 'p-video': { starting: 0, processing: 600 } }, syncWindowMs: 20 });
    const res = await submit(sim, 'p-video', { prompt: 'x' }, { 'try-sync': 'true' });
    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['get_url', 'id', 'input', 'model']);
    assert.equal(sim.prediction(res.body.id)?.status, 'processing');
    assert.equal((await pollToEnd(sim, res.body.id)).at(-1), 'succeeded');
  });

  it('answers a failed sync body when the job fails inside the window', async () => {
    sim = await startSimulator({ timeScale: 0 });
    sim.failNext('p-image-edit', 'Number of samples, -5, must be non-negative.');
    const res = await submit(sim, 'p-image-edit', { prompt: 'x' }, { 'try-sync': 'true' });
    assert.deepEqual(res.body, { status: 'failed', error: 'Number of samples, -5, must be non-negative.' });
  });

  it('treats Try-Sync: false like no header', async () => {
    sim = await startSimulator({ timeScale: 0 });
    const res = await submit(sim, 'p-image', { prompt: 'x' }, { 'try-sync': 'false' });
    assert.ok(res.body.get_url);
  });

  it('answers 200 instead of 201 when successStatus is 200, for predictions and uploads', async () => {
    sim = await startSimulator({ timeScale: 0, successStatus: 200 });
    assert.equal((await submit(sim, 'p-image', { prompt: 'x' })).status, 200);
    assert.equal((await submit(sim, 'p-image', { prompt: 'x' }, { 'try-sync': 'true' })).status, 200);
    const form = new FormData();
    form.append('content', new Blob([Buffer.from('hello')], { type: 'text/plain' }), 'a.txt');
    const up = await fetch(`${sim.url}/v1/files`, { method: 'POST', headers: { apikey: 'test-key' }, body: form });
    assert.equal(up.status, 200);
  });
});
