// POST /v1/files: an input image or video, checked locally first (type by content, size), reused while its URL
// outlives the job, and uploaded once when several jobs want the same bytes at the same time. Such a shared upload
// is aborted only when every job waiting on it has been canceled.
import * as l10n from '../l10n';
import { PrunaError } from '../errors';
import { describeShape, failure, isTransient, type CallContext } from './context';
import { checkLocalFile, MAX_UPLOAD_BYTES, sha256File } from './files';
import { multipartFileBody } from './multipart';
import { FileUploadBodySchema } from './responses';
import type { MediaCategory } from './sniff';
import { abortError, retrying, type RetryPolicy } from './retry';
import { readText, type SendRequest } from './transport';
import { uploadCacheKey, type UploadCacheStore } from './uploadCache';

export interface UploadResult {
  url: string;
  expiresAt: number;
  reused: boolean;
}

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (sent: number, total: number) => void;
}

export interface CheckedFile {
  mime: string;
  size: number;
  category: MediaCategory;
}

const UPLOAD_ATTEMPTS = 3;

/** One upload in flight, shared by every job that asked for the same bytes. */
interface SharedUpload {
  done: Promise<UploadResult>;
  controller: AbortController;
  waiters: number;
}

export class Uploads {
  private readonly inFlight = new Map<string, SharedUpload>();

  constructor(
    private readonly ctx: CallContext,
    private readonly o: { maxUploadBytes: number | undefined; cache: UploadCacheStore; reuseMarginMs: number },
  ) {}

  /** Type by content and size against the limit; throws before any request. */
  async checkFile(filePath: string): Promise<CheckedFile> {
    const checked = await checkLocalFile(filePath, this.o.maxUploadBytes ?? MAX_UPLOAD_BYTES);
    return { mime: checked.mime, size: checked.size, category: checked.category };
  }

  /** `checked` is what checkFile said about this file (the caller checks before it reads the key). */
  async upload(apiKey: string, filePath: string, checked: CheckedFile, o: UploadOptions): Promise<UploadResult> {
    const { signal } = o;
    const sha = await sha256File(filePath, signal);
    const cacheKey = uploadCacheKey(this.ctx.endpoints.origin(), sha);
    const cached = this.o.cache.get(cacheKey);
    if (cached && cached.expiresAt - this.o.reuseMarginMs > this.ctx.now()) {
      o.onProgress?.(checked.size, checked.size);
      return { url: cached.url, expiresAt: cached.expiresAt, reused: true };
    }
    if (cached) this.o.cache.delete(cacheKey);
    // The same bytes requested twice at once (a batch of variations) upload once.
    let shared = this.inFlight.get(cacheKey);
    const joined = shared !== undefined;
    if (!shared) {
      const controller = new AbortController();
      const started: SharedUpload = {
        controller,
        waiters: 0,
        done: this.send(apiKey, filePath, checked, sha, controller.signal, o.onProgress).then((r) => {
          this.o.cache.set(cacheKey, { url: r.url, expiresAt: r.expiresAt });
          return r;
        }),
      };
      started.done
        .catch(() => undefined)
        .finally(() => {
          if (this.inFlight.get(cacheKey) === started) this.inFlight.delete(cacheKey);
        });
      this.inFlight.set(cacheKey, started);
      shared = started;
    }
    const result = await this.wait(shared, signal);
    return joined ? { ...result, reused: true } : result;
  }

  /** Waits for a shared upload on behalf of one job; the last job to leave aborts it. */
  private async wait(shared: SharedUpload, signal: AbortSignal | undefined): Promise<UploadResult> {
    shared.waiters++;
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      shared.waiters--;
    };
    let onAbort: (() => void) | undefined;
    try {
      if (!signal) return await shared.done;
      const canceled = new Promise<never>((_, reject) => {
        onAbort = (): void => {
          leave();
          if (shared.waiters === 0) shared.controller.abort(signal.reason);
          reject(abortError(signal));
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      return await Promise.race([shared.done, canceled]);
    } finally {
      leave();
      if (onAbort && signal) signal.removeEventListener('abort', onAbort);
    }
  }

  private send(
    apiKey: string,
    filePath: string,
    checked: { mime: string; size: number },
    sha256: string,
    signal: AbortSignal,
    onProgress: UploadOptions['onProgress'],
  ): Promise<UploadResult> {
    const ctx = this.ctx;
    // Uploading the same bytes twice only costs bandwidth, so transient failures are retried.
    const policy: RetryPolicy = { maxAttempts: UPLOAD_ATTEMPTS, maxWaitMs: 60_000, shouldRetry: isTransient, signal };
    return retrying(ctx, policy, async (attempt) => {
      const slot = await ctx.limits.files.acquire(signal);
      const part: Parameters<typeof multipartFileBody>[0] = { path: filePath, size: checked.size, mime: checked.mime, field: 'content', signal };
      if (onProgress) part.onProgress = onProgress;
      const multipart = multipartFileBody(part);
      const req: SendRequest = {
        method: 'POST',
        url: ctx.endpoints.endpoint('/v1/files'),
        apiKey,
        headers: { 'content-type': multipart.contentType, 'content-length': String(multipart.contentLength) },
        body: multipart.body,
        timeoutMs: Math.max(ctx.timeoutMs, 120_000),
        followRedirects: false,
        attempt,
        signal,
        onDone: () => slot.done(),
      };
      const res = await ctx.transport.send(req);
      if (res.status < 200 || res.status >= 300) throw await failure(ctx, res, 'upload');
      let json: unknown;
      try {
        json = JSON.parse(await readText(res.body));
      } catch {
        throw new PrunaError('bad-response', l10n.t('The P-API sent an upload response that is not valid JSON.'), {});
      }
      const parsed = FileUploadBodySchema.safeParse(json);
      if (!parsed.success) {
        throw new PrunaError('bad-response', l10n.t('The P-API sent an upload response without a file URL or expiry ({0}).', describeShape(json)), {});
      }
      const theirs = parsed.data.checksums?.sha256;
      if (theirs !== undefined && theirs.toLowerCase() !== sha256) {
        throw new PrunaError('bad-response', l10n.t('The uploaded file arrived damaged (checksum mismatch). Try again.'), {});
      }
      return { url: ctx.endpoints.resolve(parsed.data.urls.get), expiresAt: Date.parse(parsed.data.expires_at), reused: false };
    });
  }
}
