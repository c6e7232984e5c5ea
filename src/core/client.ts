// The P-API client: a thin facade over one module per call (http/submit, status, download, upload), sharing the
// endpoints, transport, rate limiters and retry policy in one CallContext. Every call checks the key first and
// maps every failure to a PrunaError that never contains the key.
import type { Dispatcher } from 'undici';
import type { ModelId } from './catalog';
import { PrunaError, redactError, toPrunaError } from './errors';
import { Limits, type CallContext } from './http/context';
import { download, type DownloadOptions, type DownloadResult } from './http/download';
import { Endpoints } from './http/endpoints';
import { abortError } from './http/retry';
import { realSleep, type Sleep } from './http/sleep';
import { getStatus, type RetryingCallOptions, type StatusResult } from './http/status';
import { isHeldSyncLoss, submit, type SubmitOptions, type SubmitResult } from './http/submit';
import { Transport, type RequestLogEntry } from './http/transport';
import { Uploads, type CheckedFile, type UploadOptions, type UploadResult } from './http/upload';
import { MemoryUploadCache, type UploadCacheStore } from './http/uploadCache';

export type { RequestLogEntry } from './http/transport';
export type { SubmitResult } from './http/submit';
export type { StatusResult, RetryingCallOptions } from './http/status';
export type { DownloadResult, DownloadOptions } from './http/download';
export type { UploadResult } from './http/upload';
export type { RetryInfo } from './http/retry';
export { DEFAULT_REQUESTS_PER_MINUTE } from './http/context';
export { generationFailed, isHeldSyncLoss, SYNC_WAIT_MS } from './http/submit';
export { PROXY_AUTH_CODE } from './http/proxyAuth';

export interface ClientOptions {
  /** Read on every request (settings can change). */
  baseUrl: string | (() => string);
  /** No key -> PrunaError 'no-api-key' before any request. */
  getApiKey: () => Promise<string | undefined>;
  /** Every request goes through it (the extension passes its proxy-aware one); never undici's global. */
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
  /** A 429 on submit asking to wait longer than this fails instead of waiting (default 60 s). */
  maxRetryWaitMs?: number;
  /** After a held Try-Sync POST was lost (gateway 504), that model submits async for this long (default 15 min). */
  syncCooldownMs?: number;
}

export type { CheckedFile };

export class PrunaClient {
  private readonly endpoints: Endpoints;
  private readonly ctx: CallContext;
  private readonly uploads: Uploads;
  /** Model -> time until which Try-Sync is not used (after a held POST was lost). */
  private readonly syncCooldown = new Map<ModelId, number>();

  constructor(private readonly o: ClientOptions) {
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? realSleep;
    this.endpoints = new Endpoints(o.baseUrl);
    const transportOptions: ConstructorParameters<typeof Transport>[0] = { apiOrigin: () => this.endpoints.origin(), now };
    if (o.dispatcher) transportOptions.dispatcher = o.dispatcher;
    if (o.onRequest) transportOptions.onRequest = o.onRequest;
    const rpm = o.requestsPerMinute;
    this.ctx = {
      endpoints: this.endpoints,
      transport: new Transport(transportOptions),
      limits: new Limits({ now, sleep, windowMs: o.rateWindowMs ?? 60_000, requestsPerMinute: rpm === undefined ? undefined : typeof rpm === 'function' ? rpm : () => rpm }),
      now,
      sleep,
      random: o.random ?? Math.random,
      timeoutMs: o.requestTimeoutMs ?? 30_000,
      maxRetryWaitMs: o.maxRetryWaitMs ?? 60_000,
    };
    this.uploads = new Uploads(this.ctx, {
      maxUploadBytes: o.maxUploadBytes,
      cache: o.uploadCache ?? new MemoryUploadCache(),
      reuseMarginMs: o.uploadReuseMarginMs ?? 5 * 60_000,
    });
  }

  /** The configured base URL, checked; a bad setting is an input error, not a crash. */
  baseUrl(): URL {
    return this.endpoints.base().url;
  }

  apiOrigin(): string {
    return this.endpoints.origin();
  }

  /** Resolves a relative URL (e.g. a relative generation_url) against the API base, including its path. */
  resolveUrl(url: string): string {
    return this.endpoints.resolve(url);
  }

  isApiOrigin(url: string): boolean {
    return this.endpoints.isApiOrigin(url);
  }

  /** The status URL to poll: the server's get_url when it is on the API origin, else the documented path. */
  statusUrlFor(id: string, getUrl?: string): string {
    return this.endpoints.statusUrlFor(id, getUrl);
  }

  /** Whether Try-Sync may be used for this model now (not while cooling down after a lost held POST). */
  syncAllowed(model: ModelId): boolean {
    const until = this.syncCooldown.get(model);
    if (until === undefined) return true;
    if (this.ctx.now() >= until) {
      this.syncCooldown.delete(model);
      return true;
    }
    return false;
  }

  private async apiKey(): Promise<string> {
    const key = (await this.o.getApiKey())?.trim();
    if (!key) {
      throw new PrunaError('no-api-key', 'No Pruna API key is set. Run "Pruna: Set API Key" to add one.', { hint: 'set-api-key' });
    }
    return key;
  }

  /** Wraps a public operation: key redaction and abort mapping in one place. */
  private async guarded<T>(signal: AbortSignal | undefined, run: (key: string) => Promise<T>): Promise<T> {
    let key: string | undefined;
    try {
      key = await this.apiKey();
      return await run(key);
    } catch (e) {
      const err = signal?.aborted && !(e instanceof PrunaError && e.kind === 'canceled') ? abortError(signal) : toPrunaError(e);
      throw redactError(err, key);
    }
  }

  /**
   * `onSent` is called when the request has been written (each attempt), e.g. so a caller can time its polls and
   * its deadline from when the server started the job rather than from when the answer got back.
   */
  async submit(model: ModelId, input: Record<string, unknown>, o: SubmitOptions): Promise<SubmitResult> {
    try {
      return await this.guarded(o.signal, (apiKey) => submit(this.ctx, apiKey, model, input, o));
    } catch (e) {
      // At most one job per episode is lost this way: later ones of this model poll instead of being held.
      if (o.sync && e instanceof PrunaError && isHeldSyncLoss(e)) this.syncCooldown.set(model, this.ctx.now() + (this.o.syncCooldownMs ?? 15 * 60_000));
      throw e;
    }
  }

  /** One status read; with `budgetMs`, transient trouble is waited out for that long. */
  status(getUrl: string, o: AbortSignal | RetryingCallOptions = {}): Promise<StatusResult> {
    const opts: RetryingCallOptions = o instanceof AbortSignal ? { signal: o } : o;
    return this.guarded(opts.signal, (apiKey) => getStatus(this.ctx, apiKey, getUrl, opts));
  }

  download(url: string, destPath: string, o: DownloadOptions = {}): Promise<DownloadResult> {
    return this.guarded(o.signal, (apiKey) => download(this.ctx, apiKey, url, destPath, o));
  }

  /** Type by content and size against the limit; throws before any request. */
  checkFile(filePath: string): Promise<CheckedFile> {
    return this.uploads.checkFile(filePath);
  }

  async upload(filePath: string, o: UploadOptions = {}): Promise<UploadResult> {
    const checked = await this.uploads.checkFile(filePath);
    return this.guarded(o.signal, (apiKey) => this.uploads.upload(apiKey, filePath, checked, o));
  }
}
