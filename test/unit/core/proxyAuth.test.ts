// A proxy that wants credentials (407) is not a transient fault: status polls, deliveries and uploads fail at once
// with a proxy-auth error (code ERR_PROXY_AUTH) the shell words, instead of being retried. Both ways a 407 reaches
// the core are covered over real sockets: a CONNECT the proxy refuses (undici's ProxyAgent, https-style tunnel) and
// a forwarded plain request the proxy answers itself.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { ProxyAgent } from 'undici';
import { PrunaClient, PrunaError, PROXY_AUTH_CODE } from '../../../src/core';
import { fastSleep, KEY, useTempDir } from './support';

interface Proxy {
  url: string;
  connects: number;
  requests: number;
  close: () => Promise<void>;
}

async function startAuthProxy(): Promise<Proxy> {
  const p = { connects: 0, requests: 0 };
  const server: Server = createServer((req, res) => {
    p.requests++;
    req.resume();
    res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"', 'content-type': 'text/html' });
    res.end('<html><body>Proxy Authentication Required</body></html>');
  });
  server.on('connect', (_req, socket) => {
    p.connects++;
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get connects() {
      return p.connects;
    },
    get requests() {
      return p.requests;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  } as Proxy;
}

function isProxyAuth(e: unknown): boolean {
  assert.ok(e instanceof PrunaError, `expected a PrunaError, got ${String(e)}`);
  assert.equal(e.code, PROXY_AUTH_CODE, `${e.kind}: ${e.message}`);
  assert.equal(e.retryable, false);
  assert.match(e.message, /407/);
  return true;
}

describe('core: a proxy asking for credentials (407) fails at once', () => {
  const tmp = useTempDir();
  let proxy: Proxy;
  before(async () => {
    proxy = await startAuthProxy();
  });
  after(async () => {
    await proxy.close();
  });

  const tunnelled = () =>
    new PrunaClient({
      baseUrl: 'http://api.invalid',
      getApiKey: () => Promise.resolve(KEY),
      sleep: fastSleep,
      random: () => 0.5,
      dispatcher: new ProxyAgent({ uri: proxy.url, proxyTunnel: true }),
    });

  const forwarded = () =>
    new PrunaClient({
      baseUrl: 'http://api.invalid',
      getApiKey: () => Promise.resolve(KEY),
      sleep: fastSleep,
      random: () => 0.5,
      dispatcher: new ProxyAgent({ uri: proxy.url, proxyTunnel: false }),
    });

  // A transparent proxy answers in the API's place: the 407 arrives as an ordinary response.
  const intercepted = () =>
    new PrunaClient({ baseUrl: proxy.url, getApiKey: () => Promise.resolve(KEY), sleep: fastSleep, random: () => 0.5 });

  for (const [route, make, count, base] of [
    ['a refused CONNECT', tunnelled, () => proxy.connects, () => 'http://api.invalid'],
    ['a forwarded request', forwarded, () => proxy.requests, () => 'http://api.invalid'],
    ['a 407 response in place of the answer', intercepted, () => proxy.requests, () => proxy.url],
  ] as const) {
    it(`status poll: ${route} is asked once, not retried`, async () => {
      const before = count();
      await assert.rejects(make().status(`${base()}/v1/predictions/status/p1`), isProxyAuth);
      assert.equal(count() - before, 1);
    });

    it(`status poll with a job's budget: ${route} still fails at once`, async () => {
      const before = count();
      await assert.rejects(make().status(`${base()}/v1/predictions/status/p1`, { budgetMs: () => 60_000 }), isProxyAuth);
      assert.equal(count() - before, 1);
    });

    it(`delivery: ${route} is asked once, not retried`, async () => {
      const before = count();
      await assert.rejects(make().download(`${base()}/v1/predictions/delivery/p1.png`, join(tmp(), 'out.png')), isProxyAuth);
      assert.equal(count() - before, 1);
    });

    it(`upload: ${route} is asked once, not retried`, async () => {
      const file = join(tmp(), 'in.png');
      writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
      const before = count();
      await assert.rejects(make().upload(file), isProxyAuth);
      assert.equal(count() - before, 1);
    });

    it(`prediction POST: ${route} fails at once and says nothing was created`, async () => {
      const before = count();
      await assert.rejects(make().submit('p-image', { prompt: 'fox' }, { sync: false }), (e: unknown) => {
        isProxyAuth(e);
        assert.equal((e as PrunaError).mayHaveBeenCreated, false);
        return true;
      });
      assert.equal(count() - before, 1);
    });
  }
});
