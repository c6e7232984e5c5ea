// GET the status of a prediction that exists. Transient trouble (5xx, resets, timeouts, unreadable bodies, 429 with
// any wait) is retried for as long as the caller's budget allows: once a prediction exists, giving up early loses a
// paid result.
import * as l10n from '../l10n';
import { PrunaError } from '../errors';
import { describeShape, failure, isTransient, type CallContext } from './context';
import { PREDICTION_STATUSES, StatusBodySchema, type PredictionStatus } from './responses';
import { retrying, type RetryInfo, type RetryPolicy } from './retry';
import { parsePollInterval } from './retryAfter';
import { readText, type SendRequest } from './transport';

export interface StatusResult {
  /** A documented status, or 'unknown' for a value this version does not know (with `raw`). */
  status: PredictionStatus | 'unknown';
  /** The status exactly as sent (clipped), for the log. */
  raw: string;
  generationUrl?: string;
  error?: string;
  message?: string;
  /** From the server's X-Poll-Interval header, if sent (unclamped: the engine clamps it per model kind). */
  pollAfterMs?: number;
}

export interface RetryingCallOptions {
  signal?: AbortSignal;
  /** Milliseconds the job can still wait; without it a call gives up after a few attempts. */
  budgetMs?: () => number;
  onRetry?: (info: RetryInfo) => void;
  /** No retry sooner than this after a failed attempt (the poll floor). */
  minRetryDelayMs?: number;
}

const SHORT_ATTEMPTS = 5;
const KNOWN = new Set<string>(PREDICTION_STATUSES);

export function retryPolicy(o: RetryingCallOptions): RetryPolicy {
  const policy: RetryPolicy = { maxAttempts: o.budgetMs ? Infinity : SHORT_ATTEMPTS, shouldRetry: isTransient };
  if (!o.budgetMs) policy.maxWaitMs = 60_000;
  if (o.budgetMs) policy.budgetMs = o.budgetMs;
  if (o.signal) policy.signal = o.signal;
  if (o.onRetry) policy.onRetry = o.onRetry;
  if (o.minRetryDelayMs !== undefined) policy.minDelayMs = o.minRetryDelayMs;
  return policy;
}

export function predictionIdOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export async function getStatus(ctx: CallContext, apiKey: string, getUrl: string, o: RetryingCallOptions): Promise<StatusResult> {
  const url = ctx.endpoints.parse(getUrl);
  const predictionId = predictionIdOf(url);
  const { signal } = o;
  return retrying(ctx, retryPolicy(o), async (attempt) => {
    const slot = await ctx.limits.status.acquire(signal);
    const req: SendRequest = {
      method: 'GET',
      url,
      apiKey,
      timeoutMs: ctx.timeoutMs,
      followRedirects: true,
      attempt,
      predictionId,
      onDone: () => slot.done(),
    };
    if (signal) req.signal = signal;
    const res = await ctx.transport.send(req);
    if (res.status < 200 || res.status >= 300) throw await failure(ctx, res, 'status', predictionId);
    let json: unknown;
    try {
      json = JSON.parse(await readText(res.body));
    } catch {
      throw new PrunaError('bad-response', l10n.t('The P-API sent a status response that is not valid JSON.'), { predictionId });
    }
    const parsed = StatusBodySchema.safeParse(json);
    if (!parsed.success) {
      throw new PrunaError('bad-response', l10n.t('The P-API sent a status response this version does not understand ({0}).', describeShape(json)), {
        predictionId,
      });
    }
    const raw = parsed.data.status;
    const out: StatusResult = { status: KNOWN.has(raw) ? (raw as PredictionStatus) : 'unknown', raw: raw.slice(0, 40) };
    if (parsed.data.generation_url !== undefined) out.generationUrl = ctx.endpoints.resolve(parsed.data.generation_url);
    if (parsed.data.error !== undefined) out.error = parsed.data.error;
    if (parsed.data.message !== undefined) out.message = parsed.data.message;
    const pollAfter = parsePollInterval(res.headers);
    if (pollAfter !== undefined) out.pollAfterMs = pollAfter;
    return out;
  });
}
