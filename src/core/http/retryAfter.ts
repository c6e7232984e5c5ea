// How long a 429 (or 503) asks us to wait. Servers disagree on the header, so all documented variants are read.
type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Values above this are Unix epoch seconds, not a delta (some gateways send RateLimit-Reset as an epoch). */
const EPOCH_THRESHOLD = 1e9;

/**
 * Milliseconds to wait, from `Retry-After` (delta seconds or HTTP date) or else `RateLimit-Reset`
 * (delta seconds, or epoch seconds when > 1e9). Undefined when neither header is present or readable.
 */
export function parseRetryAfter(headers: HeaderBag, nowMs: number): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.max(0, Math.round(Number(retryAfter) * 1000));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
  }
  const reset = header(headers, 'ratelimit-reset')?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    return n > EPOCH_THRESHOLD ? Math.max(0, Math.round(n * 1000 - nowMs)) : Math.round(n * 1000);
  }
  return undefined;
}

/** `X-Poll-Interval` (seconds, float) as milliseconds, if sent and sane. */
export function parsePollInterval(headers: HeaderBag): number | undefined {
  const raw = header(headers, 'x-poll-interval')?.trim();
  if (!raw || !/^\d+(\.\d+)?$/.test(raw)) return undefined;
  const ms = Math.round(Number(raw) * 1000);
  return ms > 0 ? ms : undefined;
}
