// The one retry loop: capped exponential backoff with jitter, the server's own wait (Retry-After / RateLimit-Reset)
// honoured, and a budget so a wait never runs past the caller's deadline. What may be retried is the caller's call
// (a prediction POST almost never; a status poll or a delivery GET almost always).
import { PrunaError, toPrunaError } from '../errors';
import { backoffDelay } from './backoff';
import { asProxyAuthError } from './proxyAuth';
import type { Sleep } from './sleep';

export interface RetryInfo {
  /** The attempt that just failed (1 = the first). */
  attempt: number;
  delayMs: number;
  error: PrunaError;
}

export interface RetryPolicy {
  /** Infinity: retry as long as the budget allows (status and delivery of a prediction that exists). */
  maxAttempts: number;
  signal?: AbortSignal;
  shouldRetry: (err: PrunaError) => boolean;
  /** Milliseconds the caller can still wait; a wait longer than this ends the loop with the last error. */
  budgetMs?: () => number;
  /** A single wait longer than this ends the loop (default: no limit besides the budget). */
  maxWaitMs?: number;
  /** Backoff ceiling for one wait (default 10 s: after an outage the next try is never far behind). */
  capMs?: number;
  /** No retry sooner than this (a status poll's floor applies to its retries too). */
  minDelayMs?: number;
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryEnv {
  sleep: Sleep;
  random: () => number;
}

export function abortError(signal: AbortSignal, extra: { mayHaveBeenCreated?: boolean } = {}): PrunaError {
  const reason: unknown = signal.reason;
  if (reason instanceof PrunaError) return reason;
  return new PrunaError('canceled', 'Canceled.', extra);
}

/** The wait before the next attempt: the server's, if it named one (never less), else backoff with jitter. */
export function retryDelay(err: PrunaError, failedAttempt: number, env: RetryEnv, capMs = 10_000): number {
  const backoff = backoffDelay(failedAttempt - 1, { baseMs: err.kind === 'rate-limited' ? 1000 : 250, capMs, random: env.random });
  // The server's wait is taken as given: it names the moment its window reopens.
  return err.retryAfterMs ?? backoff;
}

/** Runs `attempt` until it succeeds, a non-retryable error occurs, attempts run out or the budget would be passed. */
export async function retrying<T>(env: RetryEnv, policy: RetryPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (e instanceof PrunaError && e.kind === 'canceled') throw e;
      if (policy.signal?.aborted) throw abortError(policy.signal);
      // A proxy that wants credentials answers every try the same way: fail at once, worded as a setting to fix.
      const proxyAuth = asProxyAuthError(e);
      if (proxyAuth) throw proxyAuth;
      const err = toPrunaError(e);
      if (err.kind === 'canceled' || n >= policy.maxAttempts || !policy.shouldRetry(err)) throw err;
      const delay = Math.max(policy.minDelayMs ?? 0, retryDelay(err, n, env, policy.capMs));
      if (policy.maxWaitMs !== undefined && delay > policy.maxWaitMs) throw err;
      if (policy.budgetMs !== undefined && delay > policy.budgetMs()) throw err;
      policy.onRetry?.({ attempt: n, delayMs: delay, error: err });
      await env.sleep(delay, policy.signal);
    }
  }
}
