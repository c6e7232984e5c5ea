import * as assert from 'node:assert/strict';
import { isExcluded, routeFor, type NetworkSettings } from '../../../src/extension/network/proxyRules';

const NONE: NetworkSettings = { proxySupport: 'override', proxy: '', proxyAuthorization: undefined, noProxy: [], proxyStrictSSL: true, systemCertificates: true };
const api = new URL('https://api.pruna.ai/v1/predictions');

function proxyOf(route: ReturnType<typeof routeFor>): { display: string; source: string; authorization: string | undefined } | undefined {
  return route.kind === 'proxy' ? { display: route.proxy.display, source: route.proxy.source, authorization: route.proxy.authorization } : undefined;
}

describe('proxy rules: which route a P-API request takes', () => {
  it('goes direct when neither http.proxy nor a proxy variable is set', () => {
    assert.deepEqual(routeFor(api, NONE, {}), { kind: 'direct' });
  });

  it('uses http.proxy, and it wins over HTTPS_PROXY', () => {
    const route = routeFor(api, { ...NONE, proxy: 'http://proxy.corp:3128' }, { HTTPS_PROXY: 'http://other:1' });
    assert.deepEqual(proxyOf(route), { display: 'http://proxy.corp:3128', source: 'http.proxy', authorization: undefined });
  });

  it('reads a bare host:port as an http proxy', () => {
    assert.equal(proxyOf(routeFor(api, { ...NONE, proxy: 'proxy.corp:8080' }, {}))?.display, 'http://proxy.corp:8080');
  });

  it('falls back to HTTPS_PROXY, then HTTP_PROXY, for an https API (lower-case spelling first)', () => {
    assert.equal(proxyOf(routeFor(api, NONE, { HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2' }))?.display, 'http://b:2');
    assert.equal(proxyOf(routeFor(api, NONE, { HTTPS_PROXY: 'http://a:1' }))?.source, 'HTTPS_PROXY');
    assert.deepEqual(proxyOf(routeFor(api, NONE, { HTTP_PROXY: 'http://c:3' })), { display: 'http://c:3', source: 'HTTP_PROXY', authorization: undefined });
    // An http API ignores HTTPS_PROXY.
    assert.deepEqual(routeFor(new URL('http://127.0.0.1:9/'), NONE, { HTTPS_PROXY: 'http://a:1' }), { kind: 'direct' });
  });

  it('turns credentials in the URL into Basic authorization, and http.proxyAuthorization wins over them', () => {
    const basic = `Basic ${Buffer.from('me:p@ss word').toString('base64')}`;
    assert.equal(proxyOf(routeFor(api, { ...NONE, proxy: 'http://me:p%40ss%20word@proxy:1' }, {}))?.authorization, basic);
    assert.equal(proxyOf(routeFor(api, { ...NONE, proxy: 'http://me:x@proxy:1' }, {}))?.display, 'http://proxy:1', 'credentials never shown');
    const withHeader = routeFor(api, { ...NONE, proxy: 'http://me:x@proxy:1', proxyAuthorization: 'Negotiate abc' }, {});
    assert.equal(proxyOf(withHeader)?.authorization, 'Negotiate abc');
  });

  it('bypasses the proxy for hosts in http.noProxy, and for NO_PROXY only with a proxy from the environment', () => {
    assert.deepEqual(routeFor(api, { ...NONE, proxy: 'http://p:1', noProxy: ['pruna.ai'] }, {}), { kind: 'direct', bypass: 'http.noProxy' });
    assert.deepEqual(routeFor(api, NONE, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'localhost,.pruna.ai' }), { kind: 'direct', bypass: 'NO_PROXY' });
    assert.equal(routeFor(api, { ...NONE, proxy: 'http://p:1' }, { NO_PROXY: 'pruna.ai' }).kind, 'proxy');
  });

  it('with http.proxySupport "off" goes direct, ignoring http.proxy and the proxy variables alike', () => {
    const off = { ...NONE, proxySupport: 'off' } as const;
    assert.deepEqual(routeFor(api, { ...off, proxy: 'http://proxy.corp:3128' }, {}), { kind: 'direct', bypass: 'http.proxySupport' });
    assert.deepEqual(routeFor(api, off, { HTTPS_PROXY: 'http://a:1' }), { kind: 'direct', bypass: 'http.proxySupport' });
    assert.deepEqual(routeFor(new URL('http://127.0.0.1:9/'), off, { http_proxy: 'http://c:3' }), { kind: 'direct', bypass: 'http.proxySupport' });
    // Nothing configured: plain direct, no bypass to explain.
    assert.deepEqual(routeFor(api, off, {}), { kind: 'direct' });
    // A setting that is not read cannot be wrong.
    assert.deepEqual(routeFor(api, { ...off, proxy: 'socks5://p:1' }, {}), { kind: 'direct', bypass: 'http.proxySupport' });
  });

  it('uses the proxy with http.proxySupport "on", "fallback" and "override" alike (the extension brings its own dispatcher)', () => {
    for (const proxySupport of ['on', 'fallback', 'override'] as const) {
      assert.equal(proxyOf(routeFor(api, { ...NONE, proxySupport, proxy: 'http://proxy.corp:3128' }, {}))?.source, 'http.proxy', proxySupport);
      assert.equal(proxyOf(routeFor(api, { ...NONE, proxySupport }, { HTTPS_PROXY: 'http://a:1' }))?.source, 'HTTPS_PROXY', proxySupport);
      assert.deepEqual(routeFor(api, { ...NONE, proxySupport }, {}), { kind: 'direct' }, proxySupport);
    }
  });

  it('matches no-proxy entries by name, subdomain, wildcard, port and "*"', () => {
    const u = (s: string) => new URL(s);
    assert.ok(isExcluded(u('https://api.pruna.ai'), ['pruna.ai']));
    assert.ok(isExcluded(u('https://api.pruna.ai'), ['*.pruna.ai']));
    assert.ok(isExcluded(u('https://api.pruna.ai'), ['.pruna.ai']));
    assert.ok(isExcluded(u('https://api.pruna.ai'), ['API.PRUNA.AI']));
    assert.ok(!isExcluded(u('https://api.pruna.ai'), ['runa.ai', 'pruna.ai.evil']));
    assert.ok(isExcluded(u('https://api.pruna.ai'), ['api.pruna.ai:443']));
    assert.ok(!isExcluded(u('https://api.pruna.ai'), ['api.pruna.ai:8443']));
    assert.ok(isExcluded(u('http://127.0.0.1:5000'), ['localhost 127.0.0.1']));
    assert.ok(isExcluded(u('http://[::1]:5000'), ['[::1]']));
    assert.ok(isExcluded(u('https://anything.example'), ['*']));
  });

  it('rejects a proxy setting that is not an http(s) URL, without echoing credentials', () => {
    assert.throws(() => routeFor(api, { ...NONE, proxy: 'socks5://me:secret@p:1' }, {}), (e: Error) => {
      assert.match(e.message, /http\.proxy/);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    });
  });
});
