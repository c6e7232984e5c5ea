'use strict';
// What the product bundles in place of `undici` (esbuild.mjs aliases every `import ... from 'undici'` under src/ here).
//
// undici's index.js requires lib/global.js, which at load time, when no global dispatcher exists yet, defines
// globalThis[Symbol.for('undici.globalDispatcher.1')] and [...2] (non-configurable) to an Agent of *our* copy of
// undici; Node's built-in fetch, used by every other extension in the shared extension host, would then go through
// it. index.js also pulls in fetch, WebSocket, EventSource, the cache API, mocks and the SQLite cache store, none of
// which the client uses. This entry loads only the dispatchers and the `request` verb, and its `request` refuses to
// run without a dispatcher the caller owns instead of falling back to a global one. TypeScript still type-checks
// against undici's own declarations: the names and shapes exported here are the same.
// Loaded on first use, not when the extension loads: activation only needs the Dispatcher base class (the client's
// own dispatchers extend it); agents, the HTTP parser and the request API load with the first request.
const Dispatcher = require('undici/lib/dispatcher/dispatcher');

let apiInstalled = false;
function installApi() {
  // As index.js does at load: every dispatcher gets the request/stream/pipeline/upgrade/connect verbs.
  if (!apiInstalled) Object.assign(Dispatcher.prototype, require('undici/lib/api'));
  apiInstalled = true;
}

/** undici's top-level `request(url, options)`, except that `options.dispatcher` is required. */
function request(url, opts) {
  const errors = require('undici/lib/core/errors');
  if (!opts || typeof opts.dispatcher?.dispatch !== 'function') {
    throw new errors.InvalidArgumentError('request() needs a dispatcher: this build of undici has no global one');
  }
  installApi();
  const parsed = require('undici/lib/core/util').parseURL(url);
  return opts.dispatcher.request({
    ...opts,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  });
}

function noGlobalDispatcher() {
  throw new (require('undici/lib/core/errors').InvalidArgumentError)('this build of undici never reads or sets a global dispatcher');
}

const lazy = (load) => ({ enumerable: true, get: () => (installApi(), load()) });
Object.defineProperties(module.exports, {
  Dispatcher: { enumerable: true, value: Dispatcher },
  Agent: lazy(() => require('undici/lib/dispatcher/agent')),
  ProxyAgent: lazy(() => require('undici/lib/dispatcher/proxy-agent')),
  EnvHttpProxyAgent: lazy(() => require('undici/lib/dispatcher/env-http-proxy-agent')),
  errors: lazy(() => require('undici/lib/core/errors')),
  request: { enumerable: true, value: request },
  getGlobalDispatcher: { enumerable: true, value: noGlobalDispatcher },
  setGlobalDispatcher: { enumerable: true, value: noGlobalDispatcher },
});
