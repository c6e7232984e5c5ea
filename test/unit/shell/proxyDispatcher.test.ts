// The extension's dispatcher in plain Node against a real proxy process and the simulator over TLS. The API host name
// resolves only inside the proxy, so every success here went through it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { PrunaDispatcher } from '../../../src/extension/network/dispatcher';
import type { Env, NetworkSettings } from '../../../src/extension/network/proxyRules';
import { makeTestCa, type TestCa } from '../../integration/support/testCa';
import { startTestProxy, type TestProxy } from '../../integration/support/testProxy';
import { startSimulator, type Simulator } from '../../simulator/index';
import { caught, makeClient, useTempDir } from '../core/support';

const HOST = 'pruna-api.test';
const NONE: NetworkSettings = { proxySupport: 'override', proxy: '', proxyAuthorization: undefined, noProxy: [], proxyStrictSSL: true, systemCertificates: false };

describe('network dispatcher: the client through a real proxy', () => {
  let ca: TestCa;
  let sim: Simulator;
  let proxy: TestProxy;
  let authProxy: TestProxy;
  let base: string;
  const tmp = useTempDir();

  before(async () => {
    ca = makeTestCa([HOST]);
    sim = await startSimulator({ timeScale: 0, syncWindowMs: 2000, tls: { key: ca.key, cert: ca.cert } });
    base = `https://${HOST}:${new URL(sim.url).port}`;
    sim.setOptions({ deliveryBaseUrl: base });
    proxy = await startTestProxy({ hosts: [HOST] });
    authProxy = await startTestProxy({ hosts: [HOST], auth: { user: 'alice', password: 's3cret:x' } });
  });
  after(async () => {
    await Promise.all([sim?.close(), proxy?.close(), authProxy?.close()]);
    ca?.dispose();
  });
  beforeEach(() => {
    sim.reset();
    proxy.tunnels.length = 0;
    authProxy.tunnels.length = 0;
    authProxy.refused.length = 0;
  });

  function clientWith(settings: Partial<NetworkSettings>, env: Env = { PRUNA_API_CA_CERTS: ca.caFile }) {
    const log: string[] = [];
    const dispatcher = new PrunaDispatcher({ settings: () => ({ ...NONE, ...settings }), env: () => env }, (m) => log.push(m));
    return { client: makeClient(sim, { baseUrl: base, dispatcher }), dispatcher, log };
  }

  it('generates and downloads through http.proxy, trusting the CA given to the extension only', async () => {
    const { client, dispatcher, log } = clientWith({ proxy: proxy.url });
    try {
      const res = await client.submit('p-image', { prompt: 'a fox' }, { sync: true });
      assert.equal(res.kind, 'done');
      const file = await client.download(res.kind === 'done' ? res.generationUrl : '', join(tmp(), 'fox.png'));
      assert.ok(file.bytes > 0);
      assert.ok(proxy.tunnels.includes(`${HOST}:${new URL(base).port}`), JSON.stringify(proxy.tunnels));
      assert.ok(log.some((l) => l.includes(`through proxy ${proxy.url} (http.proxy)`)), log.join('\n'));
    } finally {
      await dispatcher.close();
    }
  });

  it('sends Basic credentials from the proxy URL', async () => {
    const withCreds = authProxy.url.replace('//', `//alice:${encodeURIComponent('s3cret:x')}@`);
    const { client, dispatcher } = clientWith({ proxy: withCreds });
    try {
      assert.equal((await client.submit('p-image', { prompt: 'x' }, { sync: false })).kind, 'pending');
      assert.equal(authProxy.refused.length, 0);
      assert.equal(authProxy.tunnels.length, 1);
    } finally {
      await dispatcher.close();
    }
  });

  it('without credentials says the proxy wants them, names the setting, and never reports a possibly billed job', async () => {
    const { client, dispatcher } = clientWith({ proxy: authProxy.url });
    try {
      const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: false }));
      assert.equal(err.kind, 'network', err.message);
      assert.match(err.message, new RegExp(`^Could not reach the P-API through proxy ${authProxy.url} \\(http\\.proxy\\): the proxy asks for credentials`));
      assert.match(err.message, /http\.proxyAuthorization/);
      assert.notEqual(err.mayHaveBeenCreated, true);
      assert.equal(authProxy.refused.length, 1, 'a refused tunnel is not retried');
      assert.equal(sim.requests.length, 0);
    } finally {
      await dispatcher.close();
    }
  });

  it('reads HTTPS_PROXY when http.proxy is empty', async () => {
    const { client, dispatcher, log } = clientWith({}, { HTTPS_PROXY: proxy.url, PRUNA_API_CA_CERTS: ca.caFile });
    try {
      assert.equal((await client.submit('p-image', { prompt: 'x' }, { sync: false })).kind, 'pending');
      assert.equal(proxy.tunnels.length, 1);
      assert.ok(log.some((l) => l.includes('(HTTPS_PROXY)')), log.join('\n'));
    } finally {
      await dispatcher.close();
    }
  });

  it('bypasses the proxy for a host in http.noProxy (and then cannot resolve the name, which says why)', async () => {
    const { client, dispatcher } = clientWith({ proxy: proxy.url, noProxy: [HOST] });
    try {
      const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: false }));
      assert.equal(err.kind, 'network', err.message);
      assert.match(err.message, /^Could not reach the P-API at pruna-api\.test:\d+: no network, or the name does not resolve \((ENOTFOUND|EAI_AGAIN)\)/);
      assert.match(err.message, /not through the proxy, because http\.noProxy lists pruna-api\.test/);
      assert.equal(proxy.tunnels.length, 0);
    } finally {
      await dispatcher.close();
    }
  });

  it('with http.proxySupport "off" connects directly although http.proxy and HTTPS_PROXY are set, and says why it failed', async () => {
    const { client, dispatcher } = clientWith({ proxySupport: 'off', proxy: proxy.url }, { PRUNA_API_CA_CERTS: ca.caFile, HTTPS_PROXY: proxy.url });
    try {
      const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: false }));
      assert.match(err.message, /not through the proxy, because http\.proxySupport is "off"/);
      assert.deepEqual(proxy.tunnels, []);
      assert.equal(sim.requests.length, 0);
    } finally {
      await dispatcher.close();
    }
  });

  it('says the proxy is unreachable when nothing listens there', async () => {
    const { client, dispatcher } = clientWith({ proxy: 'http://127.0.0.1:9' });
    try {
      const err = await caught(client.submit('p-image', { prompt: 'x' }, { sync: false }));
      assert.match(err.message, /^Could not reach the P-API through proxy http:\/\/127\.0\.0\.1:9 \(http\.proxy\): nothing accepts connections there \(ECONNREFUSED\)/);
      assert.notEqual(err.mayHaveBeenCreated, true);
    } finally {
      await dispatcher.close();
    }
  });

  it('names the certificate settings when the certificate is not trusted, and http.proxyStrictSSL=false stops checking through the proxy', async () => {
    const untrusted = clientWith({ proxy: proxy.url }, {});
    try {
      const err = await caught(untrusted.client.submit('p-image', { prompt: 'x' }, { sync: false }));
      assert.equal(err.kind, 'network', err.message);
      assert.match(err.message, /the certificate presented for pruna-api\.test:\d+ is not trusted \([A-Z_]+\)/);
      assert.match(err.message, /NODE_EXTRA_CA_CERTS/);
      assert.match(err.message, /http\.systemCertificates/);
      assert.match(err.message, /http\.proxyStrictSSL/);
      assert.equal(sim.requests.length, 0);
    } finally {
      await untrusted.dispatcher.close();
    }
    const lax = clientWith({ proxy: proxy.url, proxyStrictSSL: false }, {});
    try {
      assert.equal((await lax.client.submit('p-image', { prompt: 'x' }, { sync: false })).kind, 'pending');
    } finally {
      await lax.dispatcher.close();
    }
  });

  it('follows a settings change on the next request', async () => {
    let settings: NetworkSettings = { ...NONE, proxy: proxy.url, noProxy: [HOST] };
    const dispatcher = new PrunaDispatcher({ settings: () => settings, env: () => ({ PRUNA_API_CA_CERTS: ca.caFile }) });
    const client = makeClient(sim, { baseUrl: base, dispatcher });
    try {
      await caught(client.submit('p-image', { prompt: 'x' }, { sync: false }));
      settings = { ...settings, noProxy: [] };
      assert.equal((await client.submit('p-image', { prompt: 'x' }, { sync: false })).kind, 'pending');
      assert.equal(proxy.tunnels.length, 1);
    } finally {
      await dispatcher.close();
    }
  });
});
