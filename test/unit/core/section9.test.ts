// One test per row of API.md §9 ("where sources disagree"): each pins the side the client takes.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { getModel, PrunaClient, validateInput } from '../../../src/core';
import { caught, KEY, makeClient, makeEngine, pngBytes, startRecorder, useSimulator, useTempDir, writeFile } from './support';

describe('API.md §9 conflicts', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('1. RPM: submissions are paced under the spec ceiling, so a batch gets no 429', async () => {
    // wan-t2v's spec ceiling is 30 per window; asking for 1000 is capped to it.
    sim().setOptions({ rateWindowMs: 400 });
    const client = makeClient(sim(), { requestsPerMinute: 1000, rateWindowMs: 400, sleep: undefined });
    const results = await Promise.all(Array.from({ length: 40 }, () => client.submit('wan-t2v', { prompt: 'x' }, { sync: false })));
    assert.equal(results.length, 40);
    assert.equal(sim().requests.filter((r) => r.status === 429).length, 0);
    assert.equal(getModel('p-image').rateLimitPerMinute, 500);
  });

  it('2. upload lifetime: expires_at decides reuse (24 h example reused)', async () => {
    sim().setOptions({ uploadTtlMs: 24 * 3600_000 });
    const client = makeClient(sim());
    const path = writeFile(tmp(), 'life.png', pngBytes(3));
    const first = await client.upload(path);
    assert.ok(first.expiresAt - Date.now() > 23 * 3600_000);
    assert.equal((await client.upload(path)).reused, true);
  });

  it('3. success code: 200 and 201 are both success', async () => {
    for (const successStatus of [200, 201] as const) {
      sim().setOptions({ successStatus });
      const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } });
      assert.equal(record.state, 'downloaded', `with ${successStatus}`);
    }
  });

  it('4. delivery auth: the key goes to a same-origin delivery that requires it', async () => {
    sim().setOptions({ deliveryRequiresKey: true });
    const record = await makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
  });

  it('4. delivery auth: a foreign delivery host asking for a key gets none and the error says why', async () => {
    const host = await startRecorder(() => ({ status: 401, body: '{"message":"No API key found in request"}' }));
    try {
      sim().setOptions({ deliveryBaseUrl: host.url });
      const err = await caught(makeEngine(makeClient(sim()), tmp()).run({ model: 'p-image', input: { prompt: 'x' } }));
      assert.equal(err.kind, 'forbidden');
      assert.match(err.message, /only ever sent to the configured P-API origin/);
      assert.equal(host.seen[0]?.headers['apikey'], undefined);
    } finally {
      await host.close();
    }
  });

  it('5. p-video duration: 20 s accepted (spec), 21 s rejected locally', () => {
    validateInput('p-video', { prompt: 'x', duration: 20 });
    assert.throws(() => validateInput('p-video', { prompt: 'x', duration: 21 }), /duration: must be at most 20/);
  });

  it('6. p-image-edit mode (0.1.0 only) is rejected locally as unknown', () => {
    assert.throws(() => validateInput('p-image-edit', { prompt: 'x', images: ['https://a.example/a.png'], mode: 'relight' }), /mode: is not an input of p-image-edit/);
  });

  it('7. schema strictness: an unknown field never reaches the API', async () => {
    const err = await caught(makeClient(sim()).submit('p-image', { prompt: 'x', num_outputs: 2 }, { sync: true }));
    assert.deepEqual(err.fields, ['num_outputs']);
    assert.equal(sim().requests.length, 0);
  });

  it('8. error bodies: envelope, Kong, text and empty 401s all become the auth error', async () => {
    for (const body of ['envelope', 'kong', 'text', 'empty'] as const) {
      sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'status', code: 401, body } });
      const err = await caught(makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: true }));
      assert.equal(err.kind, 'auth', body);
      assert.equal(err.hint, 'set-api-key', body);
    }
  });

  it('9. X-Poll-Interval is read from status responses', async () => {
    sim().setOptions({ pollIntervalHeader: 1.25, timeScale: 1 });
    const client = makeClient(sim());
    const res = await client.submit('p-video', { prompt: 'x' }, { sync: false });
    assert.ok(res.kind === 'pending');
    assert.equal((await client.status(res.getUrl)).pollAfterMs, 1250);
  });

  it('10. models outside the catalog (p-image-pro, only on a guide page) are refused with a clear error', () => {
    assert.throws(() => getModel('p-image-pro'), /Unknown model "p-image-pro"/);
  });

  it('11. a generation_url array takes its first URL; a failed status without error uses message', async () => {
    let polls = 0;
    const api = await startRecorder((req) => {
      if (req.method === 'POST') return { status: 201, body: JSON.stringify({ id: 'p1', model: 'p-video', input: {}, get_url: '/v1/predictions/status/p1' }) };
      if (req.url.startsWith('/v1/predictions/status/p1')) {
        polls++;
        return { status: 200, body: JSON.stringify({ status: 'succeeded', generation_url: ['/v1/predictions/delivery/x/out.png', '/v1/predictions/delivery/x/2.png'] }) };
      }
      if (req.url.startsWith('/v1/predictions/status/p2')) return { status: 200, body: JSON.stringify({ status: 'failed', message: 'Prediction failed' }) };
      return { status: 200, headers: { 'content-type': 'image/png' }, body: pngBytes() };
    });
    try {
      const client = new PrunaClient({ baseUrl: api.url, getApiKey: () => Promise.resolve(KEY) });
      const s = await client.status('/v1/predictions/status/p1');
      assert.equal(s.generationUrl, `${api.url}/v1/predictions/delivery/x/out.png`);
      assert.equal(polls, 1);
      const engine = makeEngine(client, tmp());
      const err = await caught(engine.resume({ id: 'r', model: 'p-video', input: { prompt: 'x' }, state: 'queued', predictionId: 'p2', createdAt: 1, updatedAt: 1 }));
      assert.equal(err.message, 'The generation failed: Prediction failed');
    } finally {
      await api.close();
    }
  });

  it('12. a mistyped base URL is a clear settings error, not a crash', async () => {
    for (const baseUrl of ['api.pruna.ai', 'ftp://api.pruna.ai']) {
      const client = makeClient(sim(), { baseUrl });
      const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: true }));
      assert.equal(err.kind, 'invalid-input', baseUrl);
      assert.match(err.message, /pruna\.apiBaseUrl/);
    }
    void join;
  });
});
