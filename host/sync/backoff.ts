// Retry schedule after network errors, 5xx and 429 (docs/sync-protocol.md): exponential from 1 s, capped at
// 5 minutes, with jitter so many workstations coming back after an outage do not retry in step.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 300_000 };
/** A Retry-After longer than this is treated as a mistake and clamped. */
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Delay before retry number `failures` (1 = first retry): base·2^(failures−1), capped, then
 * scaled by a random factor in [0.75, 1.25) and kept within [base, cap]. A server's Retry-After
 * is a floor: the client never retries earlier than it asks.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs: number | null = null,
): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  const jittered = Math.min(opts.capMs, Math.max(opts.baseMs, exp * (0.75 + 0.5 * random())));
  const floor = retryAfterMs === null ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(jittered, floor));
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
