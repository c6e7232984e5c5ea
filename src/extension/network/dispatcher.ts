// The one undici dispatcher the extension's requests go through. It picks, per request, a direct Agent or a ProxyAgent
// (CONNECT tunnel) from the current settings and environment, rebuilds them when either changes, and turns failures
// of the connection phase into messages that say which route was taken and which setting to check. Nothing global is
// read or written: no global dispatcher, no global fetch, no https.globalAgent.
import * as tls from 'node:tls';
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { PrunaError } from '../../core';
import { isCertificateCode, resolveTrust, type Trust } from './certificates';
import { ProxySettingError, routeFor, type Env, type NetworkSettings, type ProxyRoute, type Route } from './proxyRules';

export interface NetworkSource {
  /** Current `http.*` settings (cheap: called on every request). */
  settings(): NetworkSettings;
  /** The environment the proxy variables are read from (process.env in the extension). */
  env(): Env;
}

/** Variables that change where requests go or whom they trust. */
const ENV_NAMES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'PRUNA_API_CA_CERTS'];

class Routes {
  private trust: Trust | undefined;
  private secureContext: tls.SecureContext | undefined;
  private directAgent: Agent | undefined;
  private readonly proxies = new Map<string, ProxyAgent>();

  constructor(
    readonly key: string,
    readonly settings: NetworkSettings,
    readonly env: Env,
    private readonly log: (message: string) => void,
  ) {}

  private tlsOptions(verify: boolean): tls.ConnectionOptions {
    if (!this.trust) {
      const files = (this.env.PRUNA_API_CA_CERTS ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
      this.trust = resolveTrust({ systemCertificates: this.settings.systemCertificates, extraCaFiles: files, env: this.env });
      // One context for every connection: a `ca` option would make Node parse the whole list on each connect.
      if (this.trust.ca) this.secureContext = tls.createSecureContext({ ca: this.trust.ca });
      this.log(`Network: trusting certificates from ${this.trust.sources.join(', ')}.`);
    }
    return { ...(this.secureContext ? { secureContext: this.secureContext } : {}), rejectUnauthorized: verify };
  }

  agentFor(route: Route): Dispatcher {
    if (route.kind === 'direct') {
      this.directAgent ??= new Agent({ connect: this.tlsOptions(true) });
      return this.directAgent;
    }
    const p = route.proxy;
    const id = `${p.url.href}\n${p.authorization ?? ''}`;
    let agent = this.proxies.get(id);
    if (!agent) {
      const tlsOptions = this.tlsOptions(this.settings.proxyStrictSSL);
      agent = new ProxyAgent({
        uri: p.url.href,
        ...(p.authorization ? { token: p.authorization } : {}),
        requestTls: tlsOptions,
        proxyTls: tlsOptions,
      });
      this.proxies.set(id, agent);
      this.log(`Network: P-API requests go through proxy ${p.display} (${p.source}).`);
    }
    return agent;
  }

  async close(): Promise<void> {
    const all: Dispatcher[] = [...this.proxies.values(), ...(this.directAgent ? [this.directAgent] : [])];
    await Promise.all(all.map((d) => d.close().catch(() => undefined)));
  }
}

export class PrunaDispatcher extends Dispatcher {
  private routes: Routes | undefined;

  constructor(
    private readonly source: NetworkSource,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    super();
  }

  /** The agents for the current settings and environment; the previous ones close once their requests finish. */
  private current(): Routes {
    const settings = this.source.settings();
    const env = this.source.env();
    const picked: Record<string, string | undefined> = {};
    for (const name of ENV_NAMES) picked[name] = env[name];
    const key = JSON.stringify([settings, picked]);
    if (this.routes?.key !== key) {
      void this.routes?.close();
      this.routes = new Routes(key, settings, picked, this.log);
    }
    return this.routes;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const routes = this.current();
    const target = new URL(String(opts.origin));
    let route: Route;
    try {
      route = routeFor(target, routes.settings, routes.env);
    } catch (e) {
      if (e instanceof ProxySettingError) throw new PrunaError('invalid-input', e.message, { retryable: false, mayHaveBeenCreated: false });
      throw e;
    }
    return routes.agentFor(route).dispatch(opts, withClearErrors(handler, target, route));
  }

  override close(): Promise<void> {
    const routes = this.routes;
    this.routes = undefined;
    return routes ? routes.close() : Promise.resolve();
  }

  override destroy(): Promise<void> {
    return this.close();
  }
}

/**
 * The same handler, except that an error arriving before the request started to be written (undici calls onConnect
 * when it starts writing; onRequestStart for new-style handlers) is replaced by a PrunaError naming the route.
 * Such a request never reached the P-API, so it says `mayHaveBeenCreated: false`.
 */
function withClearErrors(handler: Dispatcher.DispatchHandler, target: URL, route: Route): Dispatcher.DispatchHandler {
  let started = false;
  const mapped = (err: Error): Error => (started ? err : (connectionError(err, target, route) ?? err));
  // Wrapped once per method (undici looks handler methods up for every chunk of a body), again if one is replaced.
  const wrapped = new Map<PropertyKey, { original: unknown; wrapper: unknown }>();
  const wrap = (inner: object, property: PropertyKey, fn: (...a: unknown[]) => unknown): unknown => {
    if (property === 'onConnect' || property === 'onRequestStart') {
      return (...args: unknown[]) => {
        started = true;
        return fn.apply(inner, args);
      };
    }
    if (property === 'onError') return (err: Error) => fn.call(inner, mapped(err));
    if (property === 'onResponseError') return (controller: unknown, err: Error) => fn.call(inner, controller, mapped(err));
    return fn.bind(inner);
  };
  return new Proxy(handler, {
    get(inner, property, receiver) {
      const value: unknown = Reflect.get(inner, property, receiver);
      if (typeof value !== 'function') return value;
      const known = wrapped.get(property);
      if (known?.original === value) return known.wrapper;
      const wrapper = wrap(inner, property, value as (...a: unknown[]) => unknown);
      wrapped.set(property, { original: value, wrapper });
      return wrapper;
    },
  });
}

function codeOf(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('UND_ERR_') && code !== 'ERR_PROXY_CONNECT') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  const top = (e as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : undefined;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections there',
  ENOTFOUND: 'its host name does not resolve',
  EAI_AGAIN: 'its host name could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  ECONNRESET: 'it closed the connection',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'no network',
};
const NO_NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH']);

/** A user-facing error for a failure before the request was written, or undefined to keep undici's own. */
export function connectionError(err: Error, target: URL, route: Route): PrunaError | undefined {
  if (err instanceof PrunaError) return undefined;
  // undici reports a refused CONNECT as a RequestAbortedError (name AbortError); a real abort is left alone.
  const refusedTunnel = /Proxy response \(\d{3}\)|Proxy Authentication Required/.test(err.message);
  if (!refusedTunnel && (err.name === 'AbortError' || (err as { code?: unknown }).code === 'UND_ERR_ABORTED')) return undefined;
  const code = codeOf(err);
  const host = target.host;
  const base = { cause: err, mayHaveBeenCreated: false } as const;
  if (route.kind === 'proxy') return proxyError(err, code, host, route.proxy, base);
  if (isCertificateCode(code)) {
    return new PrunaError(
      'network',
      `The certificate of ${host} is not trusted (${code}). If your network inspects TLS, add its CA to the operating system's store (with the http.systemCertificates setting on) or to the file NODE_EXTRA_CA_CERTS names.`,
      { ...base, code, retryable: false },
    );
  }
  if (code !== undefined && (NO_NETWORK.has(code) || (route.bypass && code === 'ECONNREFUSED'))) {
    const why = route.bypass === 'http.proxySupport'
      ? ' The request went directly, not through the proxy, because http.proxySupport is "off".'
      : route.bypass
      ? ` The request went directly, not through the proxy, because ${route.bypass} lists ${target.hostname}.`
      : ' Check your connection; behind a proxy, set http.proxy.';
    const what = code === 'ECONNREFUSED' ? `nothing accepts connections at ${host}` : NO_NETWORK.has(code) && code !== 'EHOSTUNREACH' ? 'no network, or the name does not resolve' : 'the host cannot be reached';
    return new PrunaError('network', `Could not reach the P-API at ${host}: ${what} (${code}).${why}`, { ...base, code, hint: 'retry' });
  }
  return undefined;
}

function proxyError(
  err: Error,
  code: string | undefined,
  host: string,
  proxy: ProxyRoute,
  base: { cause: Error; mayHaveBeenCreated: false },
): PrunaError | undefined {
  const through = `Could not reach the P-API through proxy ${proxy.display} (${proxy.source})`;
  const status = /Proxy response \((\d{3})\)|\((\d{3})\)/.exec(err.message);
  const proxyStatus = status ? Number(status[1] ?? status[2]) : undefined;
  if (proxyStatus === 407) {
    const where = proxy.source === 'http.proxy' ? 'http.proxy (http://user:password@host:port)' : `the ${proxy.source} URL (http://user:password@host:port)`;
    const what = proxy.authorization
      ? 'the proxy rejected the credentials (407 Proxy Authentication Required). Check the user name and password in'
      : 'the proxy asks for credentials (407 Proxy Authentication Required). Put them in';
    return new PrunaError('network', `${through}: ${what} ${where} or in http.proxyAuthorization.`, {
      ...base,
      code: 'ERR_PROXY_AUTH',
      retryable: false,
    });
  }
  if (proxyStatus !== undefined && /Proxy/.test(err.message)) {
    return new PrunaError('network', `${through}: the proxy answered ${proxyStatus} when asked to connect to ${host}.`, {
      ...base,
      code: 'ERR_PROXY_CONNECT',
      status: proxyStatus,
      retryable: proxyStatus >= 500,
      hint: 'retry',
    });
  }
  if (isCertificateCode(code)) {
    return new PrunaError(
      'network',
      `${through}: the certificate presented for ${host} is not trusted (${code}). A proxy that inspects TLS needs its CA in the operating system's store (with http.systemCertificates on) or in the file NODE_EXTRA_CA_CERTS names; http.proxyStrictSSL set to false stops checking certificates on connections through the proxy.`,
      { ...base, code, retryable: false },
    );
  }
  if (code !== undefined && UNREACHABLE[code]) {
    return new PrunaError('network', `${through}: ${UNREACHABLE[code]} (${code}). Check the proxy setting and your connection.`, {
      ...base,
      code,
      hint: 'retry',
    });
  }
  return undefined;
}
