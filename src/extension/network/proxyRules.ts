// Which proxy, if any, a request to the P-API goes through: VS Code's `http.*` settings first, then the usual
// environment variables when `http.proxy` is empty. Plain data in, plain data out (no vscode import), so the rules are
// unit-tested in Node and the dispatcher and the error messages can never disagree about the route a request took.
import * as l10n from '../../core/l10n';

/**
 * `http.proxySupport`. VS Code's four values differ in how its own proxy agent treats a request that brings an agent
 * of its own ("request options"): `on`, `fallback` and `override` all enable proxy support, and this extension always
 * brings its own dispatcher, so all three use the rules below; `off` disables proxy support for extensions, so no
 * proxy is used at all, neither from `http.proxy` nor from the environment.
 */
export const PROXY_SUPPORT = ['off', 'on', 'fallback', 'override'] as const;
export type ProxySupport = (typeof PROXY_SUPPORT)[number];

/** The `http.*` settings this extension honours, as read from VS Code (see settings.ts). */
export interface NetworkSettings {
  /** `http.proxySupport` (VS Code's default: `override`); `off` sends every request directly. */
  readonly proxySupport: ProxySupport;
  /** `http.proxy`: `http://[user:password@]host:port` (an `https://` proxy works too); empty for none. */
  readonly proxy: string;
  /** `http.proxyAuthorization`: the whole `Proxy-Authorization` header value; wins over credentials in the URL. */
  readonly proxyAuthorization: string | undefined;
  /** `http.noProxy`: hosts that never go through the proxy (`example.com`, `.example.com`, `*.example.com`, `host:port`, `*`). */
  readonly noProxy: readonly string[];
  /** `http.proxyStrictSSL`: when false, certificates are not checked on connections through the proxy. */
  readonly proxyStrictSSL: boolean;
  /** `http.systemCertificates`: trust the operating system's certificate store as well as Node's. */
  readonly systemCertificates: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProxyRoute {
  /** The proxy's URL, credentials included (never log or show it: use `display`). */
  readonly url: URL;
  /** The proxy without credentials, e.g. `http://proxy.corp:3128`, for messages and the log. */
  readonly display: string;
  /** Where it came from, named the way the user sets it: `http.proxy`, `HTTPS_PROXY`, `HTTP_PROXY`. */
  readonly source: string;
  /** `Proxy-Authorization` to send on CONNECT, if any (from `http.proxyAuthorization` or the URL's credentials). */
  readonly authorization: string | undefined;
}

export type Route =
  | { readonly kind: 'proxy'; readonly proxy: ProxyRoute }
  /** Direct; `bypass` names what sent it around a configured proxy (`http.noProxy`, `NO_PROXY`, `http.proxySupport`). */
  | { readonly kind: 'direct'; readonly bypass?: string };

/** An environment variable, lower-case spelling first (as curl, undici and VS Code read them). */
function envVar(env: Env, name: string): { name: string; value: string } | undefined {
  for (const spelling of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[spelling]?.trim();
    if (value) return { name: name.toUpperCase(), value };
  }
  return undefined;
}

/** Parses a proxy setting; a bare `host:port` means http. Undefined when it is not a usable URL. */
export function parseProxyUrl(raw: string): URL | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy URL without user name and password. */
export function displayProxy(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Whether `target` is excluded by a no-proxy list (comma- or space-separated entries, as in NO_PROXY, or an array as
 * in `http.noProxy`): `*` excludes everything; `example.com` excludes it and its subdomains; `.example.com` and
 * `*.example.com` only subdomains... and the name itself, as most tools do; `host:port` only that port.
 */
export function isExcluded(target: URL, entries: readonly string[]): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  for (const raw of entries.flatMap((e) => e.split(/[\s,]+/))) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
    if (!m) continue;
    if (m[2] !== undefined && Number(m[2]) !== port) continue;
    const name = m[1]!.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * The route for a request to `target`. With `http.proxySupport` off, always direct. Otherwise `http.proxy` wins; when it is empty, `HTTPS_PROXY` (https targets, falling back
 * to `HTTP_PROXY`) or `HTTP_PROXY` (http targets), with `NO_PROXY`. `http.noProxy` applies in both cases.
 */
export function routeFor(target: URL, settings: NetworkSettings, env: Env): Route {
  if (settings.proxySupport === 'off') {
    // Not even an unusable http.proxy is an error then: it is not read.
    const configured = settings.proxy.trim() !== '' || (target.protocol === 'https:' && envVar(env, 'HTTPS_PROXY')) || envVar(env, 'HTTP_PROXY');
    return configured ? { kind: 'direct', bypass: 'http.proxySupport' } : { kind: 'direct' };
  }
  let url: URL | undefined;
  let source: string;
  const noProxy: { list: readonly string[]; name: string }[] = [{ list: settings.noProxy, name: 'http.noProxy' }];
  if (settings.proxy.trim()) {
    url = parseProxyUrl(settings.proxy);
    source = 'http.proxy';
    if (!url) throw new ProxySettingError(l10n.t('The http.proxy setting "{0}" is not an http:// or https:// URL.', settings.proxy.replace(/\/\/[^@/]*@/, '//…@')));
  } else {
    const fromEnv = (target.protocol === 'https:' ? envVar(env, 'HTTPS_PROXY') : undefined) ?? envVar(env, 'HTTP_PROXY');
    if (!fromEnv) return { kind: 'direct' };
    url = parseProxyUrl(fromEnv.value);
    source = fromEnv.name;
    if (!url) throw new ProxySettingError(l10n.t('The {0} environment variable is not an http:// or https:// URL.', fromEnv.name));
    const envNoProxy = envVar(env, 'NO_PROXY');
    if (envNoProxy) noProxy.push({ list: [envNoProxy.value], name: 'NO_PROXY' });
  }
  for (const { list, name } of noProxy) if (isExcluded(target, list)) return { kind: 'direct', bypass: name };
  const authorization = settings.proxyAuthorization?.trim() || basicAuthorization(url);
  return { kind: 'proxy', proxy: { url, display: displayProxy(url), source, authorization } };
}

/** A proxy setting that cannot be used at all (reported before any request). */
export class ProxySettingError extends Error {
  override readonly name = 'ProxySettingError';
}
