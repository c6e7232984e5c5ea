// What a server (or a gateway in front of it) sends is untrusted: relative URLs keep the base URL's path, URLs with
// whitespace are refused before any request, a redirect chain that left the API origin never gets the key again,
// odd Content-Types cannot reach a prototype, error text is clipped, and file-system errors say what happened.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { httpError, PrunaClient, toPrunaError } from '../../../src/core';
import { Endpoints } from '../../../src/core/http/endpoints';
import { caught, KEY, pngBytes, startRecorder, useTempDir } from './support';

describe('untrusted server data', () => {
  const tmp = useTempDir();

  it('resolves relative get_url / generation_url against the base URL including its path', () => {
    const e = new Endpoints('https://gateway.example/pruna');
    assert.equal(e.resolve('/v1/predictions/delivery/a/b.png'), 'https://gateway.example/pruna/v1/predictions/delivery/a/b.png');
    assert.equal(e.resolve('v1/predictions/status/p1'), 'https://gateway.example/pruna/v1/predictions/status/p1');
    assert.equal(e.resolve('/pruna/v1/predictions/status/p1'), 'https://gateway.example/pruna/v1/predictions/status/p1', 'an already prefixed path is kept');
    assert.equal(e.endpoint('/v1/predictions'), 'https://gateway.example/pruna/v1/predictions');
    assert.equal(e.statusUrlFor('p 1'), 'https://gateway.example/pruna/v1/predictions/status/p%201');
    assert.equal(new Endpoints('https://api.example/').resolve('/v1/x'), 'https://api.example/v1/x');
  });

  it('refuses URLs with whitespace or control characters, and non-http schemes, before any request', () => {
    const e = new Endpoints('https://api.example');
    for (const bad of ['/v1/a b.png', 'https://api.example/x\nhttps://evil.example/', '/v1/x\t', 'javascript:alert(1)', 'file:///etc/passwd', '']) {
      assert.throws(() => e.resolve(bad), (err: Error & { kind?: string }) => err.kind === 'bad-response', JSON.stringify(bad));
    }
    assert.throws(() => new Endpoints('https://api.example/ x').base(), /not a valid URL/);
  });

  it('never sends the key again once a redirect chain has left the API origin, even when it comes back', async () => {
    let apiUrl = '';
    const foreign = await startRecorder(() => ({ status: 302, headers: { location: `${apiUrl}/v1/predictions/delivery/back/out.png` } }));
    const api = await startRecorder((req): { status: number; headers: Record<string, string>; body?: Buffer } =>
      req.url.includes('/back/')
        ? { status: 200, headers: { 'content-type': 'image/png' }, body: pngBytes() }
        : { status: 302, headers: { location: `${foreign.url}/bounce` } },
    );
    apiUrl = api.url;
    try {
      const client = new PrunaClient({ baseUrl: api.url, getApiKey: () => Promise.resolve(KEY) });
      const out = await client.download(`${api.url}/v1/predictions/delivery/start/out.png`, join(tmp(), 'bounced.png'));
      assert.equal(out.contentType, 'image/png');
      assert.deepEqual(
        api.seen.map((r) => [r.url, r.headers['apikey']]),
        [
          ['/v1/predictions/delivery/start/out.png', KEY],
          ['/v1/predictions/delivery/back/out.png', undefined],
        ],
      );
      assert.equal(foreign.seen[0]?.headers['apikey'], undefined);
    } finally {
      await api.close();
      await foreign.close();
    }
  });

  it('takes the type from the bytes: a Content-Type of "constructor" neither crashes nor decides', async () => {
    const api = await startRecorder(() => ({ status: 200, headers: { 'content-type': 'constructor' }, body: pngBytes() }));
    try {
      const client = new PrunaClient({ baseUrl: api.url, getApiKey: () => Promise.resolve(KEY) });
      const out = await client.download(`${api.url}/v1/predictions/delivery/x/out`, join(tmp(), 'typed'), { media: 'image' });
      assert.equal(out.contentType, 'image/png');
      assert.equal(out.ext, '.png');
    } finally {
      await api.close();
    }
  });

  it('refuses a delivery that is not the media the model makes (JSON, HTML, an image for a video model)', async () => {
    let body: Buffer = Buffer.from('{"error":"nope"}');
    const api = await startRecorder(() => ({ status: 200, headers: { 'content-type': 'image/png' }, body }));
    try {
      const client = new PrunaClient({ baseUrl: api.url, getApiKey: () => Promise.resolve(KEY), sleep: async () => undefined });
      let err = await caught(client.download(`${api.url}/v1/predictions/delivery/x/out.png`, join(tmp(), 'json.png'), { media: 'image' }));
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, /not an image or video/);
      body = pngBytes();
      err = await caught(client.download(`${api.url}/v1/predictions/delivery/x/out.mp4`, join(tmp(), 'png.mp4'), { media: 'video' }));
      assert.equal(err.kind, 'bad-response');
    } finally {
      await api.close();
    }
  });

  it('caps the delivery size before reading it', async () => {
    const api = await startRecorder(() => ({ status: 200, headers: { 'content-type': 'image/png' }, body: pngBytes(4096) }));
    try {
      const client = new PrunaClient({ baseUrl: api.url, getApiKey: () => Promise.resolve(KEY), sleep: async () => undefined });
      const err = await caught(client.download(`${api.url}/v1/predictions/delivery/x/big.png`, join(tmp(), 'big.png'), { media: 'image', maxBytes: 1024 }));
      assert.match(err.message, /larger than/);
      assert.equal(api.seen.length, 1, 'a too-large delivery is not fetched again');
    } finally {
      await api.close();
    }
  });

  it('gives the whole delivery body a time limit (a server that trickles or stalls mid-body)', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
      res.write(pngBytes());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = new PrunaClient({ baseUrl: url, getApiKey: () => Promise.resolve(KEY), sleep: async () => undefined });
      const started = Date.now();
      const err = await caught(client.download(`${url}/v1/predictions/delivery/x/slow.png`, join(tmp(), 'slow.png'), { media: 'image', bodyTimeoutMs: 150 }));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /did not finish within/);
      assert.ok(Date.now() - started < 10_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('says a 403 from delivery is an expired link, not a key problem', () => {
    const err = httpError(403, '{"message":"Request has expired"}', { op: 'download' });
    assert.equal(err.kind, 'expired');
    assert.match(err.message, /link has expired/);
    assert.doesNotMatch(err.message, /key/i);
  });

  it('clips server error text', () => {
    const err = httpError(500, JSON.stringify({ message: 'x'.repeat(500_000) }), { op: 'status' });
    assert.ok(err.message.length < 1000, `${err.message.length} characters`);
  });

  it('says the disk is full on ENOSPC', () => {
    const err = toPrunaError(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    assert.match(err.message, /disk is full/);
  });
});
