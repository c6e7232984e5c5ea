// GET a prediction's result into a file. The bytes count as the result only when they are the media the model makes
// (magic bytes, not Content-Type), within the size cap for that kind, and complete; anything else is a delivery
// fault to retry, and its file is removed. Retries follow the caller's budget, like status polls.
import * as l10n from '../l10n';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PrunaError } from '../errors';
import { openForDownload } from './bodyFile';
import { failure, type CallContext } from './context';
import { deliveredMedia, MAX_DELIVERY_BYTES, MEDIA_HEAD_BYTES, type OutputKind } from './mediaCheck';
import { abortError, retrying } from './retry';
import { retryPolicy, type RetryingCallOptions } from './status';
import type { SendRequest, SentResponse } from './transport';

export interface DownloadOptions extends RetryingCallOptions {
  onProgress?: (received: number, total?: number) => void;
  /** What the model makes; undefined accepts images and video. */
  media?: OutputKind;
  /** The whole body must arrive within this (default 10 min for images, 60 min for video). */
  bodyTimeoutMs?: number;
  maxBytes?: number;
}

export interface DownloadResult {
  path: string;
  /** The type the bytes are (sniffed), not what the server claimed. */
  contentType: string;
  ext: string;
  bytes: number;
}

const DEFAULT_BODY_TIMEOUT_MS: Readonly<Record<OutputKind, number>> = { image: 10 * 60_000, video: 60 * 60_000 };

/**
 * Download folders already created (a batch writes hundreds of files to one folder). Measured (issue 9 audit,
 * overhead bench, 5 interleaved runs): a mkdir per download raises the overhead ratio from 1.10 to 1.18 (pair
 * median; CPU time 1.13 -> 1.21).
 */
const knownDirs = new Set<string>();

export async function download(ctx: CallContext, apiKey: string, url: string, destPath: string, o: DownloadOptions): Promise<DownloadResult> {
  const target = ctx.endpoints.parse(url);
  const { signal } = o;
  const dir = dirname(destPath);
  if (!knownDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    knownDirs.add(dir);
  }
  const maxBytes = o.maxBytes ?? MAX_DELIVERY_BYTES[o.media ?? 'video'];
  const bodyTimeoutMs = o.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS[o.media ?? 'video'];
  // Written in place (no temp name + rename); a failed download removes the file, and the engine only trusts a
  // result path once the record says 'downloaded'.
  let partWritten = false;
  try {
    return await retrying(ctx, retryPolicy(o), async (attempt) => {
      partWritten = true;
      const slot = await ctx.limits.delivery.acquire(signal);
      const req: SendRequest = {
        method: 'GET',
        url: target,
        apiKey,
        timeoutMs: ctx.timeoutMs,
        followRedirects: true,
        attempt,
        onDone: () => slot.done(),
      };
      if (signal) req.signal = signal;
      // The request is handed to undici first, so opening the file is off its critical path as well.
      const sending = ctx.transport.send(req);
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
        const err = await failure(ctx, res, 'download');
        if (err.kind === 'auth' && !ctx.endpoints.isApiOrigin(res.url)) {
          throw err.with({
            kind: 'forbidden',
            hint: 'contact-support',
            message: l10n.t('The download host asked for an API key; the key is only ever sent to the configured P-API origin.'),
          });
        }
        throw err;
      }
      const lengthHeader = Number(res.headers['content-length']);
      const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : undefined;
      if (total !== undefined && total > maxBytes) {
        res.body.destroy();
        await file.discard();
        throw tooLarge(maxBytes);
      }
      // The whole body must arrive in time (undici's own timeout is per chunk): destroying the body fails the write.
      let timedOut: PrunaError | undefined;
      const timer = setTimeout(() => {
        timedOut = new PrunaError('timeout', l10n.t('The download did not finish within {0} min.', Math.round(bodyTimeoutMs / 60_000)), { hint: 'retry' });
        res.body.destroy(timedOut);
      }, bodyTimeoutMs);
      try {
        const checked = checkedBody(res.body, o.media, maxBytes);
        const report = o.onProgress;
        // The request's signal aborts the body stream, which fails the write; an abort after the last byte is
        // caught below.
        const received = await file.write(checked.chunks, report ? (n) => report(n, total) : undefined).catch((e: unknown) => {
          res.body.destroy();
          throw timedOut ?? e;
        });
        if (signal?.aborted) throw abortError(signal);
        if (total !== undefined && received !== total) {
          throw new PrunaError('network', l10n.t('The download stopped early ({0} of {1} bytes). Try again.', received, total), {});
        }
        const media = checked.media();
        if (!media) throw notMedia(res.headers['content-type']);
        return { path: destPath, contentType: media.mime, ext: media.ext, bytes: received };
      } finally {
        clearTimeout(timer);
      }
    });
  } catch (e) {
    if (partWritten) await rm(destPath, { force: true }).catch(() => undefined);
    throw e;
  }
}

function tooLarge(maxBytes: number): PrunaError {
  return new PrunaError('bad-response', l10n.t('The delivery is larger than {0} MB, far more than any result; it was not saved.', Math.round(maxBytes / (1024 * 1024))), {
    retryable: false,
  });
}

function notMedia(declared: string | string[] | undefined): PrunaError {
  const said = typeof declared === 'string' ? declared.split(';')[0]?.trim().slice(0, 60) : undefined;
  return new PrunaError(
    'bad-response',
    l10n.t('The download was not an image or video{0}, e.g. a network login page or an error page; it was not saved and will be fetched again.', said ? l10n.t(' (it looked like {0})', said) : ''),
    {},
  );
}

/** Passes the body through, checking its first bytes are media and its size stays under the cap. */
function checkedBody(
  body: AsyncIterable<Uint8Array>,
  kind: OutputKind | undefined,
  maxBytes: number,
): { chunks: AsyncIterable<Uint8Array>; media: () => ReturnType<typeof deliveredMedia> } {
  let head = new Uint8Array(0);
  let media: ReturnType<typeof deliveredMedia>;
  let decided = false;
  const decide = (): void => {
    decided = true;
    media = kind ? deliveredMedia(head, kind) : deliveredMedia(head, 'image') ?? deliveredMedia(head, 'video');
    if (!media) throw notMedia(undefined);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let total = 0;
    for await (const chunk of body) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      if (!decided) {
        const merged = new Uint8Array(Math.min(MEDIA_HEAD_BYTES, head.length + chunk.length));
        merged.set(head.subarray(0, merged.length));
        if (merged.length > head.length) merged.set(chunk.subarray(0, merged.length - head.length), head.length);
        head = merged;
        if (head.length >= MEDIA_HEAD_BYTES) decide();
      }
      yield chunk;
    }
    if (!decided) decide();
  }
  return { chunks: chunks(), media: () => media };
}
