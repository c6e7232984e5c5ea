// The API key goes only to the configured API origin: never to a delivery host on another origin, never across a
// redirect that leaves the origin, never to a public input URL, never in a URL.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { KEY, makeClient, makeEngine, startRecorder, useSimulator, useTempDir } from './support';

describe('API key origin rule', () => {
  const sim = useSimulator();
  const tmp = useTempDir();
  let host: Awaited<ReturnType<typeof startRecorder>>;
  before(async () => {
    host = await startRecorder();
  });
  after(async () => {
    await host.close();
  });
  beforeEach(() => {
    host.seen.length = 0;
  });

  it('downloads from a delivery URL on another origin without the key', async () => {
    sim().setOptions({ deliveryBaseUrl: host.url });
    const engine = makeEngine(makeClient(sim()), tmp());
    const record = await engine.run({ model: 'p-image', input: { prompt: 'x' } });
    assert.equal(record.state, 'downloaded');
    assert.equal(host.seen.length, 1);
    assert.equal(host.seen[0]?.headers['apikey'], undefined);
    // The API itself did get the key.
    assert.equal(sim().requests[0]?.headers['apikey'], KEY);
  });

  it('drops the key when the API origin redirects a download to another origin', async () => {
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.ok(res.kind === 'done');
    sim().inject({
      path: '/v1/predictions/delivery/',
      fault: { kind: 'status', code: 302, headers: { location: `${host.url}/cdn/output.png?sig=1` } },
    });
    const out = await client.download(res.generationUrl, join(tmp(), 'redirected.png'));
    assert.equal(out.contentType, 'image/png');
    const delivery = sim().requests.filter((r) => r.path.startsWith('/v1/predictions/delivery/'));
    assert.equal(delivery[0]?.headers['apikey'], KEY, 'the API origin got the key');
    assert.equal(host.seen.length, 1);
    assert.equal(host.seen[0]?.url, '/cdn/output.png?sig=1');
    assert.equal(host.seen[0]?.headers['apikey'], undefined, 'the other origin did not');
  });

  it('keeps the key on a redirect within the API origin', async () => {
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.ok(res.kind === 'done');
    const path = new URL(res.generationUrl).pathname;
    sim().inject({ path, fault: { kind: 'status', code: 307, headers: { location: path } } });
    await client.download(res.generationUrl, join(tmp(), 'same-origin.png'));
    const hits = sim().requests.filter((r) => r.path === path);
    assert.deepEqual(hits.map((r) => [r.status, r.headers['apikey']]), [
      [307, KEY],
      [200, KEY],
    ]);
  });

  it('never contacts a public input image host itself', async () => {
    const engine = makeEngine(makeClient(sim()), tmp());
    const publicUrl = `https://127.0.0.1:${new URL(host.url).port}/public/cat.png`;
    const record = await engine.run({ model: 'p-image-edit', input: { prompt: 'make it blue' }, files: { images: [publicUrl] } });
    assert.equal(record.state, 'downloaded');
    assert.deepEqual(record.input.images, [publicUrl]);
    assert.equal(host.seen.length, 0);
  });

  it('polls the documented status path when get_url points at another origin', () => {
    const client = makeClient(sim());
    assert.equal(client.statusUrlFor('abc', 'https://evil.example/v1/predictions/status/abc'), `${sim().url}/v1/predictions/status/abc`);
    assert.equal(client.statusUrlFor('abc', '/v1/predictions/status/abc'), `${sim().url}/v1/predictions/status/abc`);
  });

  it('never puts the key in a URL', async () => {
    const engine = makeEngine(makeClient(sim()), tmp(), { syncMode: 'never' });
    await engine.run({ model: 'p-image', input: { prompt: 'x' } });
    assert.ok(sim().requests.length >= 3);
    for (const r of sim().requests) assert.ok(!r.path.includes(KEY), r.path);
  });
});
