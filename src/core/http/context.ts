// What every P-API call shares: the endpoints, the transport, the rate limiters, the clock and the way a non-2xx
// answer becomes a PrunaError. The client builds one; submit, status, download and upload each take it.
import { getModel, type ModelId } from '../catalog';
import type { PrunaError } from '../errors';
import { httpError, type HttpOperation } from '../httpErrors';
import type { Endpoints } from './endpoints';
import { SlidingWindowLimiter } from './rateLimiter';
import type { RetryEnv } from './retry';
import { proxyAuthError } from './proxyAuth';
import { parseRetryAfter } from './retryAfter';
import { readText, type SentResponse, type Transport } from './transport';

export const DEFAULT_REQUESTS_PER_MINUTE = 150;
/** Endpoint limits from the spec, per minute. */
const ENDPOINT_PER_MINUTE = { status: 30_000, delivery: 10_000, files: 10_000 } as const;

export interface CallContext extends RetryEnv {
  endpoints: Endpoints;
  transport: Transport;
  limits: Limits;
  now: () => number;
  /** Per-request header/body timeout (default 30 s). */
  timeoutMs: number;
  /** A submit told to wait longer than this (429) fails instead of waiting (default 60 s). */
  maxRetryWaitMs: number;
}

/** One sliding-window limiter per model (prediction POSTs) and per endpoint family. */
export class Limits {
  private readonly byName = new Map<string, SlidingWindowLimiter>();
  readonly status: SlidingWindowLimiter;
  readonly delivery: SlidingWindowLimiter;
  readonly files: SlidingWindowLimiter;

  constructor(
    private readonly o: {
      now: () => number;
      sleep: RetryEnv['sleep'];
      windowMs: number;
      requestsPerMinute: (() => number | undefined) | undefined;
    },
  ) {
    this.status = this.limiter('status', () => ENDPOINT_PER_MINUTE.status);
    this.delivery = this.limiter('delivery', () => ENDPOINT_PER_MINUTE.delivery);
    this.files = this.limiter('files', () => ENDPOINT_PER_MINUTE.files);
  }

  private limiter(name: string, perMinute: () => number): SlidingWindowLimiter {
    let limiter = this.byName.get(name);
    if (!limiter) {
      limiter = new SlidingWindowLimiter({ limit: perMinute, windowMs: this.o.windowMs, now: this.o.now, sleep: this.o.sleep });
      this.byName.set(name, limiter);
    }
    return limiter;
  }

  /** Prediction POSTs of one model: the configured rate, capped by the model's spec limit. */
  submissions(model: ModelId): SlidingWindowLimiter {
    const known = this.byName.get(`model:${model}`);
    if (known) return known;
    const ceiling = getModel(model).rateLimitPerMinute;
    return this.limiter(`model:${model}`, () => {
      const configured = this.o.requestsPerMinute?.();
      const wanted = configured !== undefined && Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_REQUESTS_PER_MINUTE;
      return Math.min(wanted, ceiling);
    });
  }
}


/** Error bodies are read up to this much: enough for any real envelope, clipped further by the mapper. */
const MAX_ERROR_BODY = 64 * 1024;

/** The PrunaError for a non-2xx answer (its body read defensively, its wait parsed). */
export async function failure(ctx: CallContext, res: SentResponse, op: HttpOperation, predictionId?: string): Promise<PrunaError> {
  if (res.status === 407) {
    // The proxy answered for itself: the request never reached the P-API.
    await res.body.dump().catch(() => undefined);
    return proxyAuthError();
  }
  const text = await readText(res.body, MAX_ERROR_BODY).catch(() => '');
  const details: Parameters<typeof httpError>[2] = { op };
  if (predictionId !== undefined) details.predictionId = predictionId;
  const wait = parseRetryAfter(res.headers, ctx.now());
  if (wait !== undefined) details.retryAfterMs = wait;
  return httpError(res.status, text, details);
}

/** A short description of an unexpected JSON body, for error messages (never the whole body). */
export function describeShape(json: unknown): string {
  if (typeof json !== 'object' || json === null) return typeof json;
  const status = (json as { status?: unknown }).status;
  return typeof status === 'string' ? `status "${status.slice(0, 40)}"` : `fields: ${Object.keys(json).slice(0, 8).join(', ')}`;
}

/** Errors worth another try on a GET or an upload. */
const TRANSIENT_KINDS = new Set(['server', 'network', 'timeout', 'bad-response', 'rate-limited']);
export function isTransient(err: PrunaError): boolean {
  return TRANSIENT_KINDS.has(err.kind) && err.retryable;
}
