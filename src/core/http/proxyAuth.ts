// A proxy that asks for credentials (407 Proxy Authentication Required) is a setting to fix, not a transient fault:
// asking again gets the same answer. Whichever way the 407 arrives (a refused CONNECT that undici reports as an
// error, or a forwarded request the proxy answers itself), the core makes it one non-retryable error with this
// code; the shell's dispatcher words it with the proxy's name and the setting it came from when it knows them.
import { PrunaError } from '../errors';

export const PROXY_AUTH_CODE = 'ERR_PROXY_AUTH';

const REFUSED_TUNNEL_407 = /Proxy response \(407\)|Proxy Authentication Required/;

export function proxyAuthError(cause?: unknown): PrunaError {
  const details: ConstructorParameters<typeof PrunaError>[2] = { code: PROXY_AUTH_CODE, status: 407, retryable: false, mayHaveBeenCreated: false };
  if (cause !== undefined) details.cause = cause;
  return new PrunaError(
    'network',
    'The proxy asks for credentials (407 Proxy Authentication Required). Put them in http.proxy (http://user:password@host:port) or in http.proxyAuthorization.',
    details,
  );
}

/** Whether `e` is a 407 from a proxy, in any form; an already worded proxy-auth error is kept as it is. */
export function asProxyAuthError(e: unknown): PrunaError | undefined {
  if (e instanceof PrunaError) {
    if (e.code === PROXY_AUTH_CODE) return e.retryable ? e.with({ retryable: false }) : e;
    return e.status === 407 ? proxyAuthError(e) : undefined;
  }
  for (let cur: unknown = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 5; depth++) {
    const message = (cur as { message?: unknown }).message;
    if (typeof message === 'string' && REFUSED_TUNNEL_407.test(message)) return proxyAuthError(e);
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
