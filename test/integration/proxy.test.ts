// Proxies in the real extension host: VS Code's http.* settings and HTTPS_PROXY, with a real proxy process
// (proxy-chain) on 127.0.0.1 and the simulator behind it over TLS. The API host name resolves only inside the proxy
// and the simulator's certificate is signed by a throw-away CA handed to this extension alone (PRUNA_API_CA_CERTS), so
// a generated file proves every request went through the proxy and nothing was trusted process-wide.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../simulator/index';
import { SIMULATOR_KEY } from './support/simulator';
import { makeTestCa, type TestCa } from './support/testCa';
import { startTestProxy, type TestProxy } from './support/testProxy';
import { deletePath } from './support/workspace';

const HOST = 'pruna-api.test';
const OUT = 'proxy-test-out';
const ENV = ['PRUNA_API_BASE_URL', 'PRUNA_API_KEY', 'PRUNA_API_CA_CERTS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
const HTTP_SETTINGS = ['proxy', 'noProxy', 'proxyAuthorization', 'proxySupport'] as const;

async function setHttp(name: (typeof HTTP_SETTINGS)[number], value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(name, value, vscode.ConfigurationTarget.Global);
}

function generate(prompt: string): Thenable<vscode.Uri> {
  return vscode.commands.executeCommand<vscode.Uri>('pruna.generateImage', { prompt, seed: 1, aspectRatio: '1:1', outputFolder: OUT });
}

describe('proxies in the extension host (http.proxy, http.noProxy, http.proxySupport, HTTPS_PROXY)', function () {
  this.timeout(30_000);
  let ca: TestCa;
  let sim: Simulator;
  let proxy: TestProxy;
  let authProxy: TestProxy;
  let target: string;
  const savedEnv = new Map<string, string | undefined>();

  before(async () => {
    ca = makeTestCa([HOST]);
    sim = await startSimulator({ timeScale: 0, tls: { key: ca.key, cert: ca.cert } });
    const base = `https://${HOST}:${new URL(sim.url).port}`;
    target = `${HOST}:${new URL(sim.url).port}`;
    sim.setOptions({ deliveryBaseUrl: base });
    proxy = await startTestProxy({ hosts: [HOST] });
    authProxy = await startTestProxy({ hosts: [HOST], auth: { user: 'bob', password: 'pa ss' } });
    for (const name of ENV) savedEnv.set(name, process.env[name]);
    for (const name of ENV) delete process.env[name];
    process.env.PRUNA_API_BASE_URL = base;
    process.env.PRUNA_API_KEY = SIMULATOR_KEY;
    process.env.PRUNA_API_CA_CERTS = ca.caFile;
    await vscode.commands.executeCommand('pruna.clearApiKey');
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', false, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const name of HTTP_SETTINGS) await setHttp(name, undefined);
    for (const name of ['HTTPS_PROXY', 'NO_PROXY']) delete process.env[name];
    sim.reset();
    proxy.tunnels.length = 0;
    authProxy.tunnels.length = 0;
    authProxy.refused.length = 0;
  });

  after(async () => {
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await vscode.workspace.getConfiguration('pruna').update('openAfterSave', undefined, vscode.ConfigurationTarget.Global);
    await deletePath(OUT);
    await Promise.all([sim?.close(), proxy?.close(), authProxy?.close()]);
    ca?.dispose();
  });

  it('generates through the proxy in http.proxy: every request goes through its tunnel', async () => {
    await setHttp('proxy', proxy.url);
    const uri = await generate('through the proxy');
    assert.ok((await vscode.workspace.fs.stat(uri)).size > 0);
    assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.every((t) => t === target), JSON.stringify(proxy.tunnels));
    assert.ok(sim.requests.some((r) => r.method === 'POST' && r.path === '/v1/predictions'));
    assert.ok(sim.requests.some((r) => r.path.startsWith('/v1/predictions/delivery/')), 'the download went through as well');
  });

  it('bypasses the proxy for a host in http.noProxy, and then cannot reach the name, saying why', async () => {
    await setHttp('proxy', proxy.url);
    await setHttp('noProxy', [HOST]);
    await assert.rejects(Promise.resolve(generate('around the proxy')), (e: Error) => {
      assert.match(e.message, /Could not reach the P-API at pruna-api\.test:\d+: no network, or the name does not resolve/);
      assert.match(e.message, /not through the proxy, because http\.noProxy lists pruna-api\.test/);
      return true;
    });
    assert.deepEqual(proxy.tunnels, []);
  });

  it('uses no proxy at all with http.proxySupport "off" (neither http.proxy nor HTTPS_PROXY), and says so when the name does not resolve', async () => {
    await setHttp('proxy', proxy.url);
    process.env.HTTPS_PROXY = proxy.url;
    await setHttp('proxySupport', 'off');
    await assert.rejects(Promise.resolve(generate('proxy support off')), (e: Error) => {
      assert.match(e.message, /Could not reach the P-API at pruna-api\.test:\d+: no network, or the name does not resolve/);
      assert.match(e.message, /not through the proxy, because http\.proxySupport is "off"/);
      return true;
    });
    assert.deepEqual(proxy.tunnels, []);
    // Back on (VS Code's "override"): the same settings go through the proxy again.
    await setHttp('proxySupport', 'override');
    await generate('proxy support override');
    assert.ok(proxy.tunnels.length >= 1, 'http.proxySupport "override" uses http.proxy');
  });

  it('reports a proxy that wants credentials, naming the proxy and the setting; works once they are in http.proxy', async () => {
    await setHttp('proxy', authProxy.url);
    await assert.rejects(Promise.resolve(generate('no credentials')), (e: Error) => {
      assert.match(e.message, new RegExp(`^Could not reach the P-API through proxy ${authProxy.url} \\(http\\.proxy\\): the proxy asks for credentials`));
      assert.doesNotMatch(e.message, /billed/, 'a refused tunnel never reached the P-API');
      return true;
    });
    assert.equal(authProxy.refused.length, 1);
    assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 0);

    await setHttp('proxy', authProxy.url.replace('//', '//bob:pa%20ss@'));
    await generate('with credentials');
    assert.ok(authProxy.tunnels.length >= 1);
  });

  it('sends http.proxyAuthorization as the Proxy-Authorization header', async () => {
    await setHttp('proxy', authProxy.url);
    await setHttp('proxyAuthorization', `Basic ${Buffer.from('bob:pa ss').toString('base64')}`);
    await generate('header credentials');
    assert.equal(authProxy.refused.length, 0);
    assert.ok(authProxy.tunnels.length >= 1);
  });

  it('uses HTTPS_PROXY when http.proxy is empty, with credentials in its URL, and NO_PROXY', async () => {
    process.env.HTTPS_PROXY = authProxy.url;
    await assert.rejects(Promise.resolve(generate('env without credentials')), /through proxy http:\/\/127\.0\.0\.1:\d+ \(HTTPS_PROXY\): the proxy asks for credentials/);
    process.env.HTTPS_PROXY = authProxy.url.replace('//', '//bob:pa%20ss@');
    await generate('env with credentials');
    assert.ok(authProxy.tunnels.length >= 1);
    process.env.NO_PROXY = `localhost,.${HOST.split('.').at(-1)}`;
    const tunnels = authProxy.tunnels.length;
    await assert.rejects(Promise.resolve(generate('env bypass')), /because NO_PROXY lists pruna-api\.test/);
    assert.equal(authProxy.tunnels.length, tunnels);
  });
});
