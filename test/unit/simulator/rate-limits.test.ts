import * as assert from 'node:assert/strict';
import { getStatus, sleep, submit, useSimulator } from './support';

describe('simulator: rate limits', () => {
  // A window long enough that a busy machine cannot let it pass between two calls of one test.
  const sim = useSimulator({ rateLimitPerMinute: { 'p-image': 2 }, rateWindowMs: 5000 });
  beforeEach(() => sim().reset());

  it('answers 429 RATE_LIMIT_EXCEEDED with RateLimit headers and no Retry-After once the model limit is used', async () => {
    assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 201);
    assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 201);
    const limited = await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'RATE_LIMIT_EXCEEDED');
    assert.equal(limited.headers.get('ratelimit-limit'), '2');
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    const reset = Number(limited.headers.get('ratelimit-reset'));
    assert.ok(Number.isInteger(reset) && reset >= 1, `RateLimit-Reset ${reset}`);
    assert.equal(limited.headers.get('retry-after'), null);
  });

  it('does not create a prediction for a limited request', async () => {
    await submit(sim(), 'p-image', { prompt: 'x' });
    await submit(sim(), 'p-image', { prompt: 'x' });
    const before = sim().requests.filter((r) => r.predictionId).length;
    await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal(sim().requests.filter((r) => r.predictionId).length, before);
  });

  it('recovers once the window has passed', async () => {
    sim().setOptions({ rateWindowMs: 400 });
    try {
      await submit(sim(), 'p-image', { prompt: 'x' });
      await submit(sim(), 'p-image', { prompt: 'x' });
      assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 429);
      await sleep(450);
      assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 201);
    } finally {
      sim().setOptions({ rateWindowMs: 5000 });
    }
  });

  it('counts each model separately', async () => {
    await submit(sim(), 'p-image', { prompt: 'x' });
    await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal((await submit(sim(), 'p-image-edit', { prompt: 'x' })).status, 201);
  });

  it('defaults to the spec limits (wan-t2v 30 per window)', async () => {
    sim().setOptions({ rateWindowMs: 60_000 });
    try {
      const codes = [];
      for (let i = 0; i < 31; i++) codes.push((await submit(sim(), 'wan-t2v', { prompt: 'x' })).status);
      assert.deepEqual([codes.filter((c) => c === 201).length, codes.at(-1)], [30, 429]);
    } finally {
      sim().setOptions({ rateWindowMs: 5000 });
    }
  });

  it('keeps polling the status of a model whose submit limit is used up', async () => {
    const first = await submit(sim(), 'p-image', { prompt: 'x' });
    await submit(sim(), 'p-image', { prompt: 'x' });
    assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 429);
    assert.equal((await getStatus(sim(), first.body.id)).status, 200);
  });

  it('forgets the counters on reset()', async () => {
    await submit(sim(), 'p-image', { prompt: 'x' });
    await submit(sim(), 'p-image', { prompt: 'x' });
    sim().reset();
    assert.equal((await submit(sim(), 'p-image', { prompt: 'x' })).status, 201);
  });
});
