// The only code that talks HTTP. It owns the key-origin rule: the `apikey` header goes only to the configured API
// origin, is never put in a URL, and is dropped when a redirect leaves that origin (redirects are followed here,
// one hop at a time, never by undici).
import * as l10n from '../l10n';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { PrunaError } from '../errors';
import { ON_REQUEST_SENT, SentHookDispatcher } from './sentHook';

export interface RequestLogEntry {
  method: string;
  /** Path without query, never the key. */
  path: string;
  status?: number;
  durationMs: number;
  predictionId?: string;
  attempt: number;
  error?: string;
}

export interface TransportOptions {
  apiOrigin: () => string;
  dispatcher?: Dispatcher;
  onRequest?: (e: RequestLogEntry) => void;
  now: () => number;
}

export interface SendRequest {
  method: 'GET' | 'POST';
  /** A URL object is used as is: status and delivery calls pass the one they validated, for every retry. */
  url: string | URL;
  apiKey: string;
  headers?: Record<string, string>;
  body?: string | Readable | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
  timeoutMs: number;
  followRedirects: boolean;
  attempt: number;
  predictionId?: string;
  /** Called once undici has written the whole request to the socket (the rate limiter's transit clock starts). */
  onSent?: () => void;
  /** Called once the answer's headers or an error arrived (the server has certainly seen the request by then). */
  onDone?: () => void;
  /**
   * Log the answer only when the caller calls `SentResponse.logged()` after reading the body (which may name the
   * prediction, e.g. a submit's answer). Errors before an answer are logged at once as usual.
   */
  logAfterBody?: boolean;
}

export interface SentResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  /** The URL that answered (after redirects). */
  url: string;
  /** With `logAfterBody`: writes the request's log entry (once), naming the prediction if the body did. */
  logged?: (predictionId?: string) => void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class Transport {
  private readonly hooked: SentHookDispatcher;
  /** The injected dispatcher, or an Agent of this transport's own: requests never use undici's global dispatcher. */
  private readonly dispatcher: Dispatcher;

  constructor(private readonly o: TransportOptions) {
    this.dispatcher = o.dispatcher ?? new Agent();
    this.hooked = new SentHookDispatcher(this.dispatcher);
  }

  /** Whether this URL may receive the key: same scheme, host and port as the configured API base. */
  isApiOrigin(url: string | URL): boolean {
    try {
      return (typeof url === 'string' ? new URL(url) : url).origin === this.o.apiOrigin();
    } catch {
      return false;
    }
  }

  async send(req: SendRequest): Promise<SentResponse> {
    try {
      const url = typeof req.url === 'string' ? new URL(req.url) : req.url;
      return req.followRedirects ? await this.follow(req, url) : await this.sendOnce(req, url);
    } finally {
      // Whatever happened, the request is no longer in flight for the rate limiter.
      req.onDone?.();
    }
  }

  private async follow(req: SendRequest, first: URL): Promise<SentResponse> {
    let url = first;
    // Once a hop has left the API origin, no later hop of this chain gets the key, even one that comes back to it:
    // a foreign host could otherwise bounce the request to the API and read what the key unlocks.
    let keyAllowed = true;
    for (let hop = 0; ; hop++) {
      if (url.origin !== this.o.apiOrigin()) keyAllowed = false;
      const res = await this.sendOnce(req, url, keyAllowed);
      if (!REDIRECTS.has(res.status)) return res;
      const location = res.headers.location;
      await res.body.dump().catch(() => undefined);
      const target = typeof location === 'string' ? safeUrl(location, url) : undefined;
      if (!target || hop >= MAX_REDIRECTS) {
        throw new PrunaError('bad-response', l10n.t('The P-API answered with a redirect ({0}) that could not be followed.', res.status), {
          status: res.status,
        });
      }
      url = target;
    }
  }

  private async sendOnce(req: SendRequest, url: URL, keyAllowed = true): Promise<SentResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (keyAllowed && url.origin === this.o.apiOrigin()) headers.apikey = req.apiKey;
    const started = this.o.now();
    const options: Parameters<typeof request>[1] & { maxRedirections: number } = {
      method: req.method,
      headers,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
      // A dispatcher with a redirect interceptor would otherwise follow (and forward the key) on its own.
      maxRedirections: 0,
    };
    if (req.body !== undefined) {
      // undici accepts async iterables (written chunk by chunk with backpressure); its types only list streams.
      options.body = req.body as Readable;
    }
    if (req.signal) options.signal = req.signal;
    if (req.onSent) {
      // Through the hook, so the body is sent exactly as without it (a string with its headers in one write).
      options.dispatcher = this.hooked;
      (options as { [ON_REQUEST_SENT]?: () => void })[ON_REQUEST_SENT] = req.onSent;
    } else {
      options.dispatcher = this.dispatcher;
    }
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, options);
    } catch (e) {
      req.onDone?.();
      this.log(req, url, started, undefined, errorLabel(e));
      throw e;
    }
    req.onDone?.();
    const sent: SentResponse = { status: res.statusCode, headers: res.headers, body: res.body, url: url.href };
    if (!req.logAfterBody) {
      this.log(req, url, started, res.statusCode);
    } else if (this.o.onRequest) {
      let pending = true;
      sent.logged = (predictionId) => {
        if (!pending) return;
        pending = false;
        this.log(req, url, started, res.statusCode, undefined, predictionId);
      };
    } else {
      sent.logged = noop;
    }
    return sent;
  }

  private log(req: SendRequest, url: URL, started: number, status?: number, error?: string, predictionId = req.predictionId): void {
    if (!this.o.onRequest) return;
    const entry: RequestLogEntry = { method: req.method, path: url.pathname, durationMs: this.o.now() - started, attempt: req.attempt };
    if (status !== undefined) entry.status = status;
    if (predictionId !== undefined) entry.predictionId = predictionId;
    if (error !== undefined) entry.error = error;
    this.o.onRequest(entry);
  }
}

const noop = (): void => undefined;

function safeUrl(location: string, base: URL): URL | undefined {
  if (/[\s\u0000-\u001f\u007f]/.test(location)) return undefined;
  try {
    const u = new URL(location, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** A short, key-free label for the log. */
function errorLabel(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const code = (e as { code?: unknown }).code;
    const name = (e as { name?: unknown }).name;
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'error';
}

/**
 * Reads a JSON-ish body with a size cap; the P-API's JSON answers are tiny, anything huge is not for us. Always
 * counted as it streams: reading a declared-small body in one go (undici's body.text()) measured no gain in the
 * overhead bench (pair median 1.101 without it vs 1.097 with it, runs vary by ±0.04).
 */
export async function readText(body: SentResponse['body'], maxBytes = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) {
      body.destroy();
      throw new PrunaError('bad-response', l10n.t('The P-API sent an unexpectedly large response.'), {});
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
