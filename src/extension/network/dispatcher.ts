// The one undici dispatcher the extension's requests go through. It picks, per request, a direct Agent or a ProxyAgent
// (CONNECT tunnel) from the current settings and environment, rebuilds them when either changes, and turns failures
// of the connection phase into messages that say which route was taken and which setting to check. Nothing global is
// read or written: no global dispatcher, no global fetch, no https.globalAgent.
import * as l10n from '../../core/l10n';
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

// Getters, so each reason is translated when an error is made (never at module load).
const UNREACHABLE: Record<string, string> = {
  get ECONNREFUSED() { return l10n.t('nothing accepts connections there'); },
  get ENOTFOUND() { return l10n.t('its host name does not resolve'); },
  get EAI_AGAIN() { return l10n.t('its host name could not be resolved (DNS did not answer)'); },
  get ETIMEDOUT() { return l10n.t('the connection timed out'); },
  get UND_ERR_CONNECT_TIMEOUT() { return l10n.t('the connection timed out'); },
  get ECONNRESET() { return l10n.t('it closed the connection'); },
  get EHOSTUNREACH() { return l10n.t('its host cannot be reached'); },
  get ENETUNREACH() { return l10n.t('no network'); },
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
      l10n.t('The certificate of {0} is not trusted ({1}). If your network inspects TLS, add its CA to the operating system\'s store (with the http.systemCertificates setting on) or to the file NODE_EXTRA_CA_CERTS names.', host, String(code)),
      { ...base, code, retryable: false },
    );
  }
  if (code !== undefined && (NO_NETWORK.has(code) || (route.bypass && code === 'ECONNREFUSED'))) {
    const why = route.bypass === 'http.proxySupport'
      ? l10n.t('The request went directly, not through the proxy, because http.proxySupport is "off".')
      : route.bypass
      ? l10n.t('The request went directly, not through the proxy, because {0} lists {1}.', route.bypass, target.hostname)
      : l10n.t('Check your connection; behind a proxy, set http.proxy.');
    const what = code === 'ECONNREFUSED' ? l10n.t('nothing accepts connections at {0}', host) : NO_NETWORK.has(code) && code !== 'EHOSTUNREACH' ? l10n.t('no network, or the name does not resolve') : l10n.t('the host cannot be reached');
    return new PrunaError('network', l10n.t('Could not reach the P-API at {0}: {1} ({2}). {3}', host, what, code, why), { ...base, code, hint: 'retry' });
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
  const through = l10n.t('Could not reach the P-API through proxy {0} ({1})', proxy.display, proxy.source);
  const status = /Proxy response \((\d{3})\)|\((\d{3})\)/.exec(err.message);
  const proxyStatus = status ? Number(status[1] ?? status[2]) : undefined;
  if (proxyStatus === 407) {
    const where = proxy.source === 'http.proxy' ? 'http.proxy (http://user:password@host:port)' : l10n.t('the {0} URL (http://user:password@host:port)', proxy.source);
    const message = proxy.authorization
      ? l10n.t('{0}: the proxy rejected the credentials (407 Proxy Authentication Required). Check the user name and password in {1} or in http.proxyAuthorization.', through, where)
      : l10n.t('{0}: the proxy asks for credentials (407 Proxy Authentication Required). Put them in {1} or in http.proxyAuthorization.', through, where);
    return new PrunaError('network', message, {
      ...base,
      code: 'ERR_PROXY_AUTH',
      retryable: false,
    });
  }
  if (proxyStatus !== undefined && /Proxy/.test(err.message)) {
    return new PrunaError('network', l10n.t('{0}: the proxy answered {1} when asked to connect to {2}.', through, proxyStatus, host), {
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
      l10n.t('{0}: the certificate presented for {1} is not trusted ({2}). A proxy that inspects TLS needs its CA in the operating system\'s store (with http.systemCertificates on) or in the file NODE_EXTRA_CA_CERTS names; http.proxyStrictSSL set to false stops checking certificates on connections through the proxy.', through, host, String(code)),
      { ...base, code, retryable: false },
    );
  }
  if (code !== undefined && UNREACHABLE[code]) {
    return new PrunaError('network', l10n.t('{0}: {1} ({2}). Check the proxy setting and your connection.', through, UNREACHABLE[code], code), {
      ...base,
      code,
      hint: 'retry',
    });
  }
  return undefined;
}
