// The P-API client: submit, status, download, upload. Each call validates locally, respects the client-side rate
// limits, retries only what is safe to retry, and maps every failure to a PrunaError that never contains the key.
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Dispatcher } from 'undici';
import { getModel, validateInput, type ModelId } from './catalog';
import { PrunaError, redactError, toPrunaError } from './errors';
import { httpError, type HttpOperation } from './httpErrors';
import { backoffDelay, DEFAULT_BACKOFF } from './http/backoff';
import { openForDownload } from './http/bodyFile';
import { checkLocalFile, MAX_UPLOAD_BYTES, sha256File } from './http/files';
import { multipartFileBody } from './http/multipart';
import { SlidingWindowLimiter } from './http/rateLimiter';
import { FileUploadBodySchema, StatusBodySchema, SubmitBodySchema, type PredictionStatus } from './http/responses';
import { parsePollInterval, parseRetryAfter } from './http/retryAfter';
import { realSleep, type Sleep } from './http/sleep';
import type { MediaCategory } from './http/sniff';
import { readText, Transport, type RequestLogEntry, type SentResponse } from './http/transport';
import { MemoryUploadCache, uploadCacheKey, type UploadCacheStore } from './http/uploadCache';

export type { RequestLogEntry } from './http/transport';

export interface ClientOptions {
  /** Read on every request (settings can change). */
  baseUrl: string | (() => string);
  /** No key -> PrunaError 'no-api-key' before any request. */
  getApiKey: () => Promise<string | undefined>;
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  /** Client-side submissions per window per model (default 150, the FAQ's number); capped by the model's spec limit. */
  requestsPerMinute?: number | (() => number);
  /** The limiter window (default 60 s); shorter in tests and the benchmark. */
  rateWindowMs?: number;
  requestTimeoutMs?: number;
  onRequest?: (e: RequestLogEntry) => void;
  maxUploadBytes?: number;
  uploadCache?: UploadCacheStore;
  /** An upload is reused only if it outlives now + this margin (default 5 min), so the model can still fetch it. */
  uploadReuseMarginMs?: number;
  /** A 429 asking to wait longer than this fails instead of waiting (default 60 s). */
  maxRetryWaitMs?: number;
}

export type SubmitResult =
  | { kind: 'done'; generationUrl: string; predictionId?: string }
  | { kind: 'pending'; id: string; getUrl: string };

export interface StatusResult {
  status: PredictionStatus;
  generationUrl?: string;
  error?: string;
  message?: string;
  /** From the server's X-Poll-Interval header, if sent. */
  pollAfterMs?: number;
}

export interface DownloadResult {
  path: string;
  contentType: string;
  bytes: number;
}

export interface UploadResult {
  url: string;
  expiresAt: number;
  reused: boolean;
}

export const DEFAULT_REQUESTS_PER_MINUTE = 150;
/** Endpoint limits from the spec, per minute. */
const STATUS_PER_MINUTE = 30_000;
const DELIVERY_PER_MINUTE = 10_000;
const FILES_PER_MINUTE = 10_000;
/** Try-Sync holds the POST open for up to 60 s. */
const SYNC_WAIT_MS = 60_000;
const GET_ATTEMPTS = 5;
const SUBMIT_ATTEMPTS = 4;
const UPLOAD_ATTEMPTS = 3;

/** Failures where the POST certainly never reached the server, so re-sending cannot create a duplicate. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

function rawCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; typeof cur === 'object' && cur !== null && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Errors known to have happened before the request left this machine (kept out of the serialised error). */
const notSent = new WeakSet<PrunaError>();

const TRANSIENT = new Set(['server', 'network', 'timeout', 'bad-response', 'rate-limited']);

interface RetryPolicy {
  maxAttempts: number;
  signal?: AbortSignal;
  shouldRetry: (err: PrunaError) => boolean;
}

export class PrunaClient {
  private readonly transport: Transport;
  private readonly limiters = new Map<string, SlidingWindowLimiter>();
  private readonly uploadsInFlight = new Map<string, Promise<UploadResult>>();
  private parsedBase: { raw: string; url: URL; origin: string; endpoints: Map<string, URL> } | undefined;
  private readonly statusLimiter: SlidingWindowLimiter;
  private readonly deliveryLimiter: SlidingWindowLimiter;
  private readonly filesLimiter: SlidingWindowLimiter;
  /** Download folders already created (a batch writes hundreds of files to one folder). */
  private readonly knownDirs = new Set<string>();
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly uploadCache: UploadCacheStore;

  constructor(private readonly o: ClientOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? realSleep;
    this.random = o.random ?? Math.random;
    this.uploadCache = o.uploadCache ?? new MemoryUploadCache();
    const transportOptions: ConstructorParameters<typeof Transport>[0] = { apiOrigin: () => this.apiOrigin(), now: this.now };
    if (o.dispatcher) transportOptions.dispatcher = o.dispatcher;
    if (o.onRequest) transportOptions.onRequest = o.onRequest;
    this.transport = new Transport(transportOptions);
    this.statusLimiter = this.limiter('status', () => STATUS_PER_MINUTE);
    this.deliveryLimiter = this.limiter('delivery', () => DELIVERY_PER_MINUTE);
    this.filesLimiter = this.limiter('files', () => FILES_PER_MINUTE);
  }

  /** The configured base URL, checked; a bad setting is an input error, not a crash. */
  baseUrl(): URL {
    const raw = typeof this.o.baseUrl === 'function' ? this.o.baseUrl() : this.o.baseUrl;
    // Read on every request, parsed only when it changed.
    if (this.parsedBase?.raw === raw) return this.parsedBase.url;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new PrunaError('invalid-input', `The API base URL "${raw}" is not a valid URL. Fix the pruna.apiBaseUrl setting.`, {
        fields: ['apiBaseUrl'],
        hint: 'check-input',
      });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PrunaError('invalid-input', `The API base URL must use https (got ${url.protocol}). Fix the pruna.apiBaseUrl setting.`, {
        fields: ['apiBaseUrl'],
        hint: 'check-input',
      });
    }
    this.parsedBase = { raw, url, origin: url.origin, endpoints: new Map() };
    return url;
  }

  apiOrigin(): string {
    this.baseUrl();
    return (this.parsedBase as { origin: string }).origin;
  }

  /** Resolves a relative URL (e.g. a relative generation_url) against the API base. */
  resolveUrl(url: string): string {
    return this.parseUrl(url).href;
  }

  private parseUrl(url: string): URL {
    try {
      return new URL(url, this.baseUrl());
    } catch {
      throw new PrunaError('bad-response', `The P-API returned an unusable URL: "${url.slice(0, 200)}".`, {});
    }
  }

  isApiOrigin(url: string): boolean {
    return this.transport.isApiOrigin(url);
  }

  private endpoint(path: string): string {
    return `${this.baseUrl().toString().replace(/\/+$/, '')}${path}`;
  }

  /** A fixed endpoint as a URL object, parsed once per base URL (undici and the transport never modify it). */
  private endpointUrl(path: string): URL {
    this.baseUrl();
    const endpoints = (this.parsedBase as { endpoints: Map<string, URL> }).endpoints;
    let url = endpoints.get(path);
    if (!url) {
      url = new URL(this.endpoint(path));
      endpoints.set(path, url);
    }
    return url;
  }

  /** The status URL to poll: the server's get_url when it is on the API origin, else the documented path. */
  statusUrlFor(id: string, getUrl?: string): string {
    if (getUrl) {
      const resolved = this.resolveUrl(getUrl);
      if (this.isApiOrigin(resolved)) return resolved;
    }
    return this.endpoint(`/v1/predictions/status/${encodeURIComponent(id)}`);
  }

  private async apiKey(): Promise<string> {
    const key = (await this.o.getApiKey())?.trim();
    if (!key) {
      throw new PrunaError('no-api-key', 'No Pruna API key is set. Run "Pruna: Set API Key" to add one.', { hint: 'set-api-key' });
    }
    return key;
  }

  private limiter(name: string, perMinute: () => number): SlidingWindowLimiter {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const windowMs = this.o.rateWindowMs ?? 60_000;
      limiter = new SlidingWindowLimiter({
        limit: perMinute,
        windowMs,
        now: this.now,
        sleep: this.sleep,

      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private submissionLimiter(model: ModelId): SlidingWindowLimiter {
    const known = this.limiters.get(model);
    if (known) return known;
    const ceiling = getModel(model).rateLimitPerMinute;
    return this.limiter(model, () => {
      const configured = typeof this.o.requestsPerMinute === 'function' ? this.o.requestsPerMinute() : this.o.requestsPerMinute;
      const wanted = configured !== undefined && Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_REQUESTS_PER_MINUTE;
      return Math.min(wanted, ceiling);
    });
  }

  private timeoutMs(): number {
    return this.o.requestTimeoutMs ?? 30_000;
  }

  private abortError(signal: AbortSignal, extra: { mayHaveBeenCreated?: boolean } = {}): PrunaError {
    const reason: unknown = signal.reason;
    if (reason instanceof PrunaError) return reason;
    return new PrunaError('canceled', 'Canceled.', extra);
  }

  /** Runs `attempt` until it succeeds, a non-retryable error occurs, or attempts run out. */
  private async retrying<T>(policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt(n);
      } catch (e) {
        if (e instanceof PrunaError && e.kind === 'canceled') throw e;
        if (policy.signal?.aborted) throw this.abortError(policy.signal);
        const err = toPrunaError(e);
        if (err.kind === 'canceled' || n >= policy.maxAttempts || !policy.shouldRetry(err)) throw err;
        const delay =
          err.kind === 'rate-limited' && err.retryAfterMs !== undefined
            ? err.retryAfterMs
            : backoffDelay(n - 1, { ...DEFAULT_BACKOFF, baseMs: err.kind === 'rate-limited' ? 1000 : 250, random: this.random });
        if (delay > (this.o.maxRetryWaitMs ?? 60_000)) throw err;
        await this.sleep(delay, policy.signal);
      }
    }
  }

  private async failure(res: SentResponse, op: HttpOperation, predictionId?: string): Promise<PrunaError> {
    const text = await readText(res.body, undefined, declaredLength(res)).catch(() => '');
    const ctx: Parameters<typeof httpError>[2] = { op };
    if (predictionId !== undefined) ctx.predictionId = predictionId;
    const wait = parseRetryAfter(res.headers, this.now());
    if (wait !== undefined) ctx.retryAfterMs = wait;
    return httpError(res.status, text, ctx);
  }

  /** Wraps a public operation: key redaction and abort mapping in one place. */
  private async guarded<T>(signal: AbortSignal | undefined, run: (key: string) => Promise<T>): Promise<T> {
    let key: string | undefined;
    try {
      key = await this.apiKey();
      return await run(key);
    } catch (e) {
      const err = signal?.aborted && !(e instanceof PrunaError && e.kind === 'canceled') ? this.abortError(signal) : toPrunaError(e);
      throw redactError(err, key);
    }
  }

  /**
   * `onSent` is called when the request has been written (each attempt), e.g. so a caller can time its polls from
   * when the server started the job rather than from when the answer got back.
   */
  async submit(
    model: ModelId,
    input: Record<string, unknown>,
    o: { sync: boolean; signal?: AbortSignal; onSent?: () => void },
  ): Promise<SubmitResult> {
    const valid = validateInput(model, input);
    const body = JSON.stringify({ input: valid });
    const timeoutMs = this.timeoutMs() + (o.sync ? SYNC_WAIT_MS : 0);
    return this.guarded(o.signal, (apiKey) => {
      // Only a 429 or a connection that never opened is re-sent: anything later may have created a billed job.
      const policy: RetryPolicy = { maxAttempts: SUBMIT_ATTEMPTS, shouldRetry: (err) => err.kind === 'rate-limited' || notSent.has(err) };
      if (o.signal) policy.signal = o.signal;
      return this.retrying(policy, async (attempt) => {
        // Read per attempt (the setting may change) and outside the try: a bad base URL is not an ambiguous send.
        const url = this.endpointUrl('/v1/predictions');
        const slot = await this.submissionLimiter(model).acquire(o.signal);
        let res: SentResponse;
        try {
          const req: Parameters<Transport['send']>[0] = {
            method: 'POST',
            url,
            apiKey,
            headers: { 'content-type': 'application/json', model, ...(o.sync ? { 'try-sync': 'true' } : {}) },
            body,
            timeoutMs,
            followRedirects: false,
            attempt,
            onDone: () => slot.done(),
            // The log entry waits for the body, which names the prediction.
            logAfterBody: true,
          };
          // Counted from when it was written (plus the limiter's transit allowance) or its answer, whichever is
          // first: a Try-Sync POST is held open by the server, and a burst's answers trail far behind its sends.
          const onSent = o.onSent;
          req.onSent = onSent
            ? () => {
                slot.sent();
                onSent();
              }
            : () => slot.sent();
          if (o.signal) req.signal = o.signal;
          res = await this.transport.send(req);
        } catch (e) {
          if (o.signal?.aborted) throw this.abortError(o.signal, { mayHaveBeenCreated: true });
          const code = rawCode(e);
          if (code !== undefined && NOT_SENT_CODES.has(code)) {
            const err = toPrunaError(e);
            notSent.add(err);
            throw err;
          }
          // The dispatcher knows the request never started to be written (e.g. the proxy refused the tunnel).
          if (e instanceof PrunaError && e.mayHaveBeenCreated === false) throw e;
          throw ambiguous(describeRaw(e), e);
        }
        let predictionId: string | undefined;
        try {
          const result = await this.readSubmit(res);
          predictionId = result.kind === 'done' ? result.predictionId : result.id;
          return result;
        } catch (e) {
          if (e instanceof PrunaError) predictionId = e.predictionId;
          throw e;
        } finally {
          res.logged?.(predictionId);
        }
      });
    });
  }

  private async readSubmit(res: SentResponse): Promise<SubmitResult> {
    if (res.status < 200 || res.status >= 300) {
      const err = await this.failure(res, 'submit');
      // A 5xx (incl. a gateway 504 while Try-Sync waited) says nothing about whether the job was created.
      if (err.kind === 'server') throw ambiguous(`HTTP ${res.status}`, undefined, res.status);
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readText(res.body, undefined, declaredLength(res)));
    } catch (e) {
      throw ambiguous('the response could not be read', e, res.status);
    }
    const parsed = SubmitBodySchema.safeParse(json);
    if (!parsed.success) throw ambiguous('the response was not a prediction', undefined, res.status);
    const b = parsed.data;
    if (b.status === 'failed' || b.status === 'canceled') {
      const details = b.id !== undefined ? { predictionId: b.id } : {};
      if (b.status === 'canceled') throw new PrunaError('canceled', 'The P-API canceled the generation.', details);
      throw generationFailed(b.error ?? b.message, details.predictionId);
    }
    if (b.generation_url !== undefined && (b.status === undefined || b.status === 'succeeded')) {
      const done: SubmitResult = { kind: 'done', generationUrl: this.resolveUrl(b.generation_url) };
      if (b.id !== undefined) done.predictionId = b.id;
      return done;
    }
    if (b.id !== undefined) return { kind: 'pending', id: b.id, getUrl: this.statusUrlFor(b.id, b.get_url) };
    throw ambiguous('the response had neither a result nor a prediction id', undefined, res.status);
  }

  async status(getUrl: string, signal?: AbortSignal): Promise<StatusResult> {
    const url = this.parseUrl(getUrl);
    const predictionId = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
    return this.guarded(signal, (apiKey) => {
      const policy: RetryPolicy = { maxAttempts: GET_ATTEMPTS, shouldRetry: (err) => TRANSIENT.has(err.kind) };
      if (signal) policy.signal = signal;
      return this.retrying(policy, async (attempt) => {
        const slot = await this.statusLimiter.acquire(signal);
        const req: Parameters<Transport['send']>[0] = {
          method: 'GET',
          url,
          apiKey,
          timeoutMs: this.timeoutMs(),
          followRedirects: true,
          attempt,
          predictionId,
          onDone: () => slot.done(),
        };
        if (signal) req.signal = signal;
        const res = await this.transport.send(req);
        if (res.status < 200 || res.status >= 300) throw await this.failure(res, 'status', predictionId);
        let json: unknown;
        try {
          json = JSON.parse(await readText(res.body, undefined, declaredLength(res)));
        } catch {
          throw new PrunaError('bad-response', 'The P-API sent a status response that is not valid JSON.', { predictionId });
        }
        const parsed = StatusBodySchema.safeParse(json);
        if (!parsed.success) {
          throw new PrunaError('bad-response', `The P-API sent a status response this version does not understand (${describeShape(json)}).`, {
            predictionId,
          });
        }
        const out: StatusResult = { status: parsed.data.status };
        if (parsed.data.generation_url !== undefined) out.generationUrl = this.resolveUrl(parsed.data.generation_url);
        if (parsed.data.error !== undefined) out.error = parsed.data.error;
        if (parsed.data.message !== undefined) out.message = parsed.data.message;
        const pollAfter = parsePollInterval(res.headers);
        if (pollAfter !== undefined) out.pollAfterMs = pollAfter;
        return out;
      });
    });
  }

  async download(
    url: string,
    destPath: string,
    o: { signal?: AbortSignal; onProgress?: (received: number, total?: number) => void } = {},
  ): Promise<DownloadResult> {
    const target = this.parseUrl(url);
    const { signal } = o;
    return this.guarded(signal, async (apiKey) => {
      const dir = dirname(destPath);
      if (!this.knownDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.knownDirs.add(dir);
      }
      // Written in place (no temp name + rename: one less file-system round trip per job); a failed download
      // removes the file, and the engine only trusts a result path once the record says 'downloaded'.
      let partWritten = false;
      const policy: RetryPolicy = { maxAttempts: GET_ATTEMPTS, shouldRetry: (err) => TRANSIENT.has(err.kind) };
      if (signal) policy.signal = signal;
      try {
        return await this.retrying(policy, async (attempt) => {
          partWritten = true;
          const slot = await this.deliveryLimiter.acquire(signal);
          const req: Parameters<Transport['send']>[0] = {
            method: 'GET',
            url: target,
            apiKey,
            timeoutMs: this.timeoutMs(),
            followRedirects: true,
            attempt,
            onDone: () => slot.done(),
          };
          if (signal) req.signal = signal;
          // The request is handed to undici first, so opening the file is off its critical path as well.
          const sending = this.transport.send(req);
          const file = openForDownload(destPath);
          let res: SentResponse;
          try {
            res = await sending;
          } catch (e) {
            await file.discard();
            throw e;
          }
          if (res.status < 200 || res.status >= 300) {
            await file.discard();
            const err = await this.failure(res, 'download');
            if (err.kind === 'auth' && !this.isApiOrigin(res.url)) {
              throw err.with({
                kind: 'forbidden',
                hint: 'contact-support',
                message: 'The download host asked for an API key; the key is only ever sent to the configured P-API origin.',
              });
            }
            throw err;
          }
          const lengthHeader = Number(res.headers['content-length']);
          const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : undefined;
          const report = o.onProgress;
          // The request's signal aborts the body stream, which fails the write; an abort after the last byte is
          // caught below.
          const received = await file.write(res.body, report ? (n) => report(n, total) : undefined).catch((e: unknown) => {
            res.body.destroy();
            throw e;
          });
          if (signal?.aborted) throw this.abortError(signal);
          if (total !== undefined && received !== total) {
            throw new PrunaError('network', `The download stopped early (${received} of ${total} bytes). Try again.`, {});
          }
          const rawType = res.headers['content-type'];
          const contentType = (typeof rawType === 'string' ? rawType.split(';')[0]?.trim() : undefined) || 'application/octet-stream';
          return { path: destPath, contentType, bytes: received };
        });
      } catch (e) {
        if (partWritten) await rm(destPath, { force: true }).catch(() => undefined);
        throw e;
      }
    });
  }

  /** Type by content and size against the limit; throws before any request. */
  async checkFile(filePath: string): Promise<{ mime: string; size: number; category: MediaCategory }> {
    const checked = await checkLocalFile(filePath, this.o.maxUploadBytes ?? MAX_UPLOAD_BYTES);
    return { mime: checked.mime, size: checked.size, category: checked.category };
  }

  async upload(
    filePath: string,
    o: { signal?: AbortSignal; onProgress?: (sent: number, total: number) => void } = {},
  ): Promise<UploadResult> {
    const checked = await this.checkFile(filePath);
    const { signal } = o;
    return this.guarded(signal, async (apiKey) => {
      const sha = await sha256File(filePath, signal);
      const cacheKey = uploadCacheKey(this.apiOrigin(), sha);
      const cached = this.uploadCache.get(cacheKey);
      if (cached && cached.expiresAt - (this.o.uploadReuseMarginMs ?? 5 * 60_000) > this.now()) {
        o.onProgress?.(checked.size, checked.size);
        return { url: cached.url, expiresAt: cached.expiresAt, reused: true };
      }
      if (cached) this.uploadCache.delete(cacheKey);
      // The same bytes requested twice at once (a batch of variations) upload once.
      const inFlight = this.uploadsInFlight.get(cacheKey);
      if (inFlight) return { ...(await inFlight), reused: true };
      const fresh = this.sendUpload(apiKey, filePath, checked, sha, o).then((r) => {
        this.uploadCache.set(cacheKey, { url: r.url, expiresAt: r.expiresAt });
        return r;
      });
      this.uploadsInFlight.set(cacheKey, fresh);
      try {
        return await fresh;
      } finally {
        this.uploadsInFlight.delete(cacheKey);
      }
    });
  }

  private sendUpload(
    apiKey: string,
    filePath: string,
    checked: { mime: string; size: number },
    sha256: string,
    o: { signal?: AbortSignal; onProgress?: (sent: number, total: number) => void },
  ): Promise<UploadResult> {
    // Uploading the same bytes twice only costs bandwidth, so transient failures are retried.
    const policy: RetryPolicy = { maxAttempts: UPLOAD_ATTEMPTS, shouldRetry: (err) => TRANSIENT.has(err.kind) };
    if (o.signal) policy.signal = o.signal;
    return this.retrying(policy, async (attempt) => {
      const slot = await this.filesLimiter.acquire(o.signal);
      const part: Parameters<typeof multipartFileBody>[0] = { path: filePath, size: checked.size, mime: checked.mime, field: 'content' };
      if (o.onProgress) part.onProgress = o.onProgress;
      if (o.signal) part.signal = o.signal;
      const multipart = multipartFileBody(part);
      const req: Parameters<Transport['send']>[0] = {
        method: 'POST',
        url: this.endpoint('/v1/files'),
        apiKey,
        headers: { 'content-type': multipart.contentType, 'content-length': String(multipart.contentLength) },
        body: multipart.body,
        timeoutMs: Math.max(this.timeoutMs(), 120_000),
        followRedirects: false,
        attempt,
      };
      if (o.signal) req.signal = o.signal;
      req.onDone = () => slot.done();
      const res = await this.transport.send(req);
      if (res.status < 200 || res.status >= 300) throw await this.failure(res, 'upload');
      let json: unknown;
      try {
        json = JSON.parse(await readText(res.body, undefined, declaredLength(res)));
      } catch {
        throw new PrunaError('bad-response', 'The P-API sent an upload response that is not valid JSON.', {});
      }
      const parsed = FileUploadBodySchema.safeParse(json);
      if (!parsed.success) {
        throw new PrunaError('bad-response', `The P-API sent an upload response without a file URL or expiry (${describeShape(json)}).`, {});
      }
      const theirs = parsed.data.checksums?.sha256;
      if (theirs !== undefined && theirs.toLowerCase() !== sha256) {
        throw new PrunaError('bad-response', 'The uploaded file arrived damaged (checksum mismatch). Try again.', {});
      }
      return { url: this.resolveUrl(parsed.data.urls.get), expiresAt: Date.parse(parsed.data.expires_at), reused: false };
    });
  }
}

function declaredLength(res: SentResponse): number | undefined {
  const n = Number(res.headers['content-length']);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function ambiguous(reason: string, cause?: unknown, status?: number): PrunaError {
  const details: ConstructorParameters<typeof PrunaError>[2] = { mayHaveBeenCreated: true, hint: 'retry', retryable: true };
  if (cause !== undefined) details.cause = cause;
  if (status !== undefined) details.status = status;
  return new PrunaError(
    'ambiguous-submit',
    `The P-API did not confirm the generation request (${reason}). It may still have been created and billed; retrying starts a new, separately billed generation.`,
    details,
  );
}

export function generationFailed(serverText: string | undefined, predictionId?: string): PrunaError {
  const text = serverText?.trim();
  const details: ConstructorParameters<typeof PrunaError>[2] = { hint: 'retry' };
  if (predictionId !== undefined) details.predictionId = predictionId;
  return new PrunaError('generation-failed', text ? `The generation failed: ${text}` : 'The generation failed (the P-API gave no reason).', details);
}

function describeRaw(e: unknown): string {
  const mapped = toPrunaError(e);
  if (mapped.kind === 'timeout') return 'no answer in time';
  const code = rawCode(e);
  return code ? `connection failed: ${code}` : 'connection failed';
}

function describeShape(json: unknown): string {
  if (typeof json !== 'object' || json === null) return typeof json;
  const status = (json as { status?: unknown }).status;
  return typeof status === 'string' ? `status "${status.slice(0, 40)}"` : `fields: ${Object.keys(json).slice(0, 8).join(', ')}`;
}
