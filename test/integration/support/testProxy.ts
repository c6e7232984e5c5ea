// A real forward proxy (proxy-chain, the one Apify maintains) on 127.0.0.1 for proxy tests. It alone can resolve the
// test host names (they map to 127.0.0.1 inside the proxy; the names are under .test, which never resolves
// elsewhere), so a request to such a name succeeds only if it went through this proxy. Used by the unit suites and
// by the integration suites in the extension host alike (no vscode import).
import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { Server } from 'proxy-chain';

export interface TestProxy {
  /** `http://127.0.0.1:<port>` (no credentials). */
  readonly url: string;
  readonly port: number;
  /** Every CONNECT or plain request that passed authentication, as `host:port`. */
  readonly tunnels: string[];
  /** Requests turned away for missing or wrong credentials. */
  readonly refused: string[];
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Host names only this proxy resolves, all to 127.0.0.1. */
  readonly hosts: readonly string[];
  /** Require Basic credentials. */
  readonly auth?: { readonly user: string; readonly password: string };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
  const tunnels: string[] = [];
  const refused: string[] = [];
  const known = new Set(options.hosts.map((h) => h.toLowerCase()));
  // Only the mapped names (and 127.0.0.1 itself) resolve: the proxy never looks anything up on the real network.
  const lookup = (hostname: string, opts: LookupOneOptions | number | LookupCallback, cb?: LookupCallback): void => {
    const callback = (typeof opts === 'function' ? opts : cb) as LookupCallback;
    const all = typeof opts === 'object' && (opts as { all?: boolean }).all === true;
    if (known.has(hostname.toLowerCase()) || hostname === '127.0.0.1') {
      if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
      return;
    }
    const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    err.code = 'ENOTFOUND';
    callback(err, '', 4);
  };
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    verbose: false,
    prepareRequestFunction: ({ hostname, port, username, password }) => {
      const target = `${hostname}:${port}`;
      if (options.auth && (username !== options.auth.user || password !== options.auth.password)) {
        refused.push(target);
        return { requestAuthentication: true, failMsg: 'Proxy credentials required' };
      }
      tunnels.push(target);
      return { dnsLookup: lookup as never };
    },
  });
  await server.listen();
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    tunnels,
    refused,
    close: () => server.close(true),
  };
}
