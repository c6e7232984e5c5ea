// A POST /v1/predictions may bill the user, so it is re-sent only when the server certainly did not take it.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { caught, makeClient, pngBytes, predictionPosts, useSimulator, useTempDir, writeFile } from './support';

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('duplicate-submission safety', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('re-sends after a 429 and waits the Retry-After the server asked for', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'status', code: 429, body: 'kong', headers: { 'retry-after': '2' } } });
    const waits: number[] = [];
    const client = makeClient(sim(), {
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.equal(res.kind, 'done');
    assert.equal(predictionPosts(sim()), 2);
    assert.ok(waits.includes(2000), `waited ${JSON.stringify(waits)}`);
  });

  it('honours RateLimit-Reset when that is what the 429 carries', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'status', code: 429, body: 'envelope', headers: { 'ratelimit-reset': '3' } } });
    const waits: number[] = [];
    const client = makeClient(sim(), { sleep: (ms) => (waits.push(ms), Promise.resolve()) });
    await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.ok(waits.includes(3000), `waited ${JSON.stringify(waits)}`);
  });

  it('fails with rate-limited instead of waiting longer than the cap', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'status', code: 429, headers: { 'retry-after': '3600' } } });
    const err = await caught(makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: true }));
    assert.equal(err.kind, 'rate-limited');
    assert.equal(err.hint, 'wait');
    assert.equal(predictionPosts(sim()), 1);
  });

  it('re-sends when the connection was refused before anything was sent', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    let calls = 0;
    // The first attempt goes to a dead port, the retry (base URL read again) to the simulator.
    const client = makeClient(sim(), { baseUrl: () => (calls++ === 0 ? dead : sim().url) });
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.equal(res.kind, 'done');
    assert.equal(predictionPosts(sim()), 1);
  });

  for (const fault of [
    { kind: 'reset-after-accept' as const, label: 'a reset after the server accepted' },
    { kind: 'gateway-timeout-after-accept' as const, label: 'a 504 from the gateway after the server accepted' },
    { kind: 'reset' as const, label: 'a reset without an answer' },
    { kind: 'malformed-json' as const, label: 'an unreadable 2xx body' },
  ]) {
    it(`does not re-send after ${fault.label}, and says it may have been billed`, async () => {
      sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: fault.kind } });
      const err = await caught(makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: true }));
      assert.equal(err.kind, 'ambiguous-submit');
      assert.equal(err.mayHaveBeenCreated, true);
      assert.equal(err.retryable, true);
      assert.match(err.message, /may still have been created and billed/);
      assert.equal(predictionPosts(sim()), 1);
    });
  }

  it('does not re-send after a 500', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'status', code: 500, body: 'envelope' } });
    const err = await caught(makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: false }));
    assert.equal(err.kind, 'ambiguous-submit');
    assert.equal(err.status, 500);
    assert.equal(predictionPosts(sim()), 1);
  });

  it('does not re-send after a timeout', async () => {
    sim().inject({ method: 'POST', path: '/v1/predictions', fault: { kind: 'delay', ms: 2000 } });
    const err = await caught(makeClient(sim(), { requestTimeoutMs: 100 }).submit('p-image', { prompt: 'x' }, { sync: false }));
    assert.equal(err.kind, 'ambiguous-submit');
    assert.equal(err.mayHaveBeenCreated, true);
    assert.equal(predictionPosts(sim()), 1);
  });

  it('does not re-send a definite rejection (422) and names the fields', async () => {
    // The local schema cannot know an upload expired; the server's 422 for it is the rejection used here.
    sim().setOptions({ uploadTtlMs: 0 });
    const client = makeClient(sim());
    const up = await client.upload(writeFile(tmp(), 'a.png', pngBytes(5)));
    const err = await caught(client.submit('p-image-edit', { prompt: 'x', images: [up.url] }, { sync: true }));
    assert.equal(err.kind, 'invalid-input');
    assert.equal(err.status, 422);
    assert.deepEqual(err.fields, ['images']);
    assert.equal(predictionPosts(sim()), 1);
  });
});
