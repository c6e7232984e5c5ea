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
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');
const Agent = require('undici/lib/dispatcher/agent');
const ProxyAgent = require('undici/lib/dispatcher/proxy-agent');
const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
const errors = require('undici/lib/core/errors');
const util = require('undici/lib/core/util');

// As index.js does: every dispatcher gets the request/stream/pipeline/upgrade/connect verbs.
Object.assign(Dispatcher.prototype, api);

/** undici's top-level `request(url, options)`, except that `options.dispatcher` is required. */
function request(url, opts) {
  if (!opts || typeof opts.dispatcher?.request !== 'function') {
    throw new errors.InvalidArgumentError('request() needs a dispatcher: this build of undici has no global one');
  }
  const parsed = util.parseURL(url);
  return opts.dispatcher.request({
    ...opts,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  });
}

function noGlobalDispatcher() {
  throw new errors.InvalidArgumentError('this build of undici never reads or sets a global dispatcher');
}

module.exports = {
  Dispatcher,
  Agent,
  ProxyAgent,
  EnvHttpProxyAgent,
  errors,
  request,
  getGlobalDispatcher: noGlobalDispatcher,
  setGlobalDispatcher: noGlobalDispatcher,
};
