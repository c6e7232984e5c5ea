import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrunaError, type RequestLogEntry } from '../../../src/core';
import { decodePngSize } from '../../simulator/index';
import { caught, KEY, makeClient, pngBytes, predictionPosts, useSimulator, useTempDir, writeFile } from './support';

describe('PrunaClient against the simulator', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('sends apikey, Model and Try-Sync headers and gets a sync result', async () => {
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'a red fox' }, { sync: true });
    assert.equal(res.kind, 'done');
    const post = sim().requests.find((r) => r.method === 'POST')!;
    assert.equal(post.headers['apikey'], KEY);
    assert.equal(post.headers['model'], 'p-image');
    assert.equal(post.headers['try-sync'], 'true');
    assert.deepEqual(post.body, { input: { prompt: 'a red fox' } });
  });

  it('treats 200 as success as well as 201', async () => {
    sim().setOptions({ successStatus: 200 });
    const res = await makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: false });
    assert.equal(res.kind, 'pending');
    assert.equal(sim().requests[0]?.status, 200);
  });

  it('resolves a relative generation_url against the API base', async () => {
    sim().setOptions({ generationUrlStyle: 'relative' });
    const res = await makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: true });
    assert.equal(res.kind, 'done');
    assert.ok(res.kind === 'done' && res.generationUrl.startsWith(`${sim().url}/v1/predictions/delivery/`), JSON.stringify(res));
  });

  it('returns a poll handle when Try-Sync runs out of time', async () => {
    sim().setOptions({ timeScale: 1, syncWindowMs: 20 });
    const res = await makeClient(sim()).submit('p-image', { prompt: 'x' }, { sync: true });
    assert.equal(res.kind, 'pending');
    assert.ok(res.kind === 'pending' && res.getUrl.startsWith(sim().url));
  });

  it('fails with no-api-key before any request when no key is set', async () => {
    const client = makeClient(sim(), { getApiKey: () => Promise.resolve(undefined) });
    const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: true }));
    assert.equal(err.kind, 'no-api-key');
    assert.equal(err.hint, 'set-api-key');
    assert.equal(sim().requests.length, 0);
  });

  it('validates input before any request', async () => {
    const err = await caught(makeClient(sim()).submit('p-image', { prompt: ' ', seed: -1 }, { sync: true }));
    assert.equal(err.kind, 'invalid-input');
    assert.deepEqual(err.fields, ['prompt', 'seed']);
    assert.equal(sim().requests.length, 0);
  });

  it('maps a wrong key to an auth error that never contains the key', async () => {
    const wrong = 'sk-wrong-secret-123';
    const err = await caught(makeClient(sim(), { getApiKey: () => Promise.resolve(wrong) }).submit('p-image', { prompt: 'x' }, { sync: true }));
    assert.ok(err instanceof PrunaError);
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.ok(!JSON.stringify(err.toJSON()).includes(wrong));
    assert.equal(predictionPosts(sim()), 1);
  });

  it('logs each request by path and status without the key or query', async () => {
    const log: RequestLogEntry[] = [];
    const client = makeClient(sim(), { onRequest: (e) => log.push(e) });
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: false });
    assert.ok(res.kind === 'pending');
    await client.status(`${res.getUrl}?token=abc`);
    assert.deepEqual(log.map((e) => [e.method, e.path.replace(res.id, '<id>'), e.status]), [
      ['POST', '/v1/predictions', 201],
      ['GET', '/v1/predictions/status/<id>', 200],
    ]);
    assert.ok(!JSON.stringify(log).includes(KEY));
    assert.ok(!JSON.stringify(log).includes('token'));
  });

  it('names the prediction in the log entry of a submit, once its answer was read', async () => {
    const log: RequestLogEntry[] = [];
    const client = makeClient(sim(), { onRequest: (e) => log.push(e) });
    const pending = await client.submit('p-image', { prompt: 'x' }, { sync: false });
    assert.ok(pending.kind === 'pending');
    // A sync answer carries no id on this server; the entry then says just as much as the result.
    const done = await client.submit('p-image', { prompt: 'y' }, { sync: true });
    assert.ok(done.kind === 'done');
    assert.deepEqual(
      log.map((e) => [e.method, e.status, e.predictionId]),
      [
        ['POST', 201, pending.id],
        ['POST', 201, done.predictionId],
      ],
    );
  });

  it('logs a refused submit once, with its status', async () => {
    const log: RequestLogEntry[] = [];
    const client = makeClient(sim(), { onRequest: (e) => log.push(e) });
    sim().inject({ path: '/v1/predictions', times: 1, fault: { kind: 'status', code: 401 } });
    await caught(client.submit('p-image', { prompt: 'x' }, { sync: true }));
    assert.deepEqual(
      log.map((e) => [e.method, e.status, e.predictionId]),
      [['POST', 401, undefined]],
    );
  });

  it('streams a download to disk and reports the content type', async () => {
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'x', aspect_ratio: '1:1' }, { sync: true });
    assert.ok(res.kind === 'done');
    let last = 0;
    const out = await client.download(res.generationUrl, join(tmp(), 'dl', 'one.png'), { onProgress: (n) => (last = n) });
    assert.equal(out.contentType, 'image/png');
    const bytes = readFileSync(out.path);
    assert.equal(bytes.length, out.bytes);
    assert.equal(last, out.bytes);
    assert.deepEqual(decodePngSize(bytes), { width: 1024, height: 1024 });
  });

  it('leaves no partial file behind when a download fails', async () => {
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.ok(res.kind === 'done');
    sim().inject({ path: new URL(res.generationUrl).pathname, times: 10, fault: { kind: 'reset' } });
    const dest = join(tmp(), 'broken.png');
    const err = await caught(client.download(res.generationUrl, dest));
    assert.equal(err.kind, 'network');
    assert.equal(existsSync(dest), false);
  });

  it('maps an expired delivery to an expired error and leaves no file', async () => {
    sim().setOptions({ outputTtlMs: 0 });
    const client = makeClient(sim());
    const res = await client.submit('p-image', { prompt: 'x' }, { sync: true });
    assert.ok(res.kind === 'done');
    const dest = join(tmp(), 'gone.png');
    const err = await caught(client.download(res.generationUrl, dest));
    assert.equal(err.kind, 'expired');
    assert.equal(err.status, 410);
    // The file was opened while the request was in flight; a refused download must not leave it behind.
    assert.equal(existsSync(dest), false);
  });
});

describe('uploads', () => {
  const sim = useSimulator();
  const tmp = useTempDir();

  it('uploads a local image as multipart part "content" and returns its URL and expiry', async () => {
    const path = writeFile(tmp(), 'cat.png', pngBytes(1000));
    let progress: [number, number] = [0, 0];
    const up = await makeClient(sim()).upload(path, { onProgress: (s, t) => (progress = [s, t]) });
    assert.equal(up.reused, false);
    assert.ok(up.url.startsWith('http'));
    assert.ok(up.expiresAt > Date.now());
    assert.deepEqual(progress, [1033, 1033]);
    const post = sim().requests.find((r) => r.path === '/v1/files')!;
    assert.equal(post.status, 201);
    assert.equal(post.headers['apikey'], KEY);
  });

  it('reuses an unexpired upload of the same bytes, whatever the file name', async () => {
    const client = makeClient(sim());
    const a = await client.upload(writeFile(tmp(), 'a.png', pngBytes(10)));
    const b = await client.upload(writeFile(tmp(), 'b.png', pngBytes(10)));
    assert.equal(b.reused, true);
    assert.equal(b.url, a.url);
    assert.equal(sim().requests.filter((r) => r.path === '/v1/files').length, 1);
  });

  it('re-uploads when the cached upload expires within the safety margin', async () => {
    sim().setOptions({ uploadTtlMs: 60_000 });
    const client = makeClient(sim(), { uploadReuseMarginMs: 5 * 60_000 });
    const path = writeFile(tmp(), 'short.png', pngBytes(20));
    await client.upload(path);
    const again = await client.upload(path);
    assert.equal(again.reused, false);
    assert.equal(sim().requests.filter((r) => r.path === '/v1/files').length, 2);
  });

  it('uploads the same file once when asked twice at the same time', async () => {
    const client = makeClient(sim());
    const path = writeFile(tmp(), 'twice.png', pngBytes(30));
    const [a, b] = await Promise.all([client.upload(path), client.upload(path)]);
    assert.equal(a.url, b.url);
    assert.equal(sim().requests.filter((r) => r.path === '/v1/files').length, 1);
  });

  it('rejects a file over the limit before any request', async () => {
    const path = writeFile(tmp(), 'big.png', pngBytes(2000));
    const err = await caught(makeClient(sim(), { maxUploadBytes: 1000 }).upload(path));
    assert.equal(err.kind, 'file-too-large');
    assert.match(err.message, /big\.png/);
    assert.equal(sim().requests.length, 0);
  });

  it('judges the type by content: a text file named .png is rejected before any request', async () => {
    const path = writeFile(tmp(), 'fake.png', Buffer.from('hello, I am not an image at all'));
    const err = await caught(makeClient(sim()).upload(path));
    assert.equal(err.kind, 'invalid-file');
    assert.match(err.message, /fake\.png.*not a PNG, JPEG, WebP or GIF/);
    assert.equal(sim().requests.length, 0);
  });

  it('accepts a JPEG named .txt because the bytes say JPEG', async () => {
    const path = writeFile(tmp(), 'photo.txt', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]));
    assert.deepEqual(await makeClient(sim()).checkFile(path), { mime: 'image/jpeg', size: 68, category: 'image' });
  });

  it('reports a missing file as invalid-file', async () => {
    const err = await caught(makeClient(sim()).upload(join(tmp(), 'nope.png')));
    assert.equal(err.kind, 'invalid-file');
    assert.match(err.message, /nope\.png/);
  });

  it('retries an upload after a transient 503', async () => {
    sim().inject({ path: '/v1/files', fault: { kind: 'status', code: 503, body: 'envelope' } });
    const up = await makeClient(sim()).upload(writeFile(tmp(), 'retry.png', pngBytes(40)));
    assert.equal(up.reused, false);
    assert.deepEqual(sim().requests.filter((r) => r.path === '/v1/files').map((r) => r.status), [503, 201]);
  });
});
