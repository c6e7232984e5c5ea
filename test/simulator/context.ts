// What route handlers share: options, stores, and the gateway checks (auth, rate limits) every route runs first.
import { envelope } from './errors';
import type { FileStore } from './files';
import { answerJson, type Exchange } from './http';
import type { ResolvedOptions } from './options';
import type { PredictionStore } from './predictions';
import type { RateLimiter } from './rate-limiter';

export interface SimContext {
  readonly url: string;
  readonly options: ResolvedOptions;
  readonly predictions: PredictionStore;
  readonly files: FileStore;
  readonly limiter: RateLimiter;
  /** Identifies this simulator's entries in the process-wide delivery registry. */
  readonly owner: object;
  /** Counts generation_urls handed out, for the 'alternate' style. */
  nextDeliveryIndex(): number;
}

/** Answers 401 and returns false unless the apikey header is accepted. */
export function checkAuth(ctx: SimContext, ex: Exchange): boolean {
  const key = ex.req.headers['apikey'];
  if (typeof key === 'string' && ctx.options.apiKeys.includes(key)) return true;
  answerJson(ex, 401, envelope(401));
  return false;
}

/** Answers 429 with RateLimit-* headers (no Retry-After, as documented) and returns false when over the limit. */
export function checkRate(ctx: SimContext, ex: Exchange, bucket: string, limit: number): boolean {
  const decision = ctx.limiter.take(bucket, limit, ctx.options.rateWindowMs, Date.now());
  if (decision.allowed) return true;
  answerJson(ex, 429, envelope(429), {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': '0',
    'RateLimit-Reset': String(decision.resetSeconds),
  });
  return false;
}
