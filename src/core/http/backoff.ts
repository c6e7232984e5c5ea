// Capped exponential backoff with jitter, so many clients retrying after one outage do not arrive in lockstep.
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const;

/** Delay before retry number `attempt` (0 = first retry): half fixed, half random, never above the cap. */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + o.random() * (ceiling / 2));
}
