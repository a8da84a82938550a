import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from './backoff';

describe('backoff schedule', () => {
  it('doubles from 1 s to a 5-minute cap (middle of the jitter range)', () => {
    const mid = () => 0.5;
    const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, mid));
    expect(delays).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000,
    ]);
  });
  it('jitters within ±25 % and never leaves [1 s, 5 min]', () => {
    for (let n = 1; n <= 40; n++) {
      const lo = backoffDelay(n, () => 0);
      const hi = backoffDelay(n, () => 0.999999);
      const exp = Math.min(DEFAULT_BACKOFF.capMs, 1000 * 2 ** (n - 1));
      expect(lo).toBe(Math.max(1000, Math.round(exp * 0.75)));
      expect(hi).toBeLessThanOrEqual(Math.min(300_000, Math.round(exp * 1.25)));
      expect(lo).toBeGreaterThanOrEqual(1000);
      expect(hi).toBeLessThanOrEqual(300_000);
    }
  });
  it('never retries before Retry-After', () => {
    expect(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, 30_000)).toBe(30_000);
    expect(backoffDelay(9, () => 0.5, DEFAULT_BACKOFF, 30_000)).toBe(256_000);
    expect(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, 10 * 3_600_000)).toBe(3_600_000);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T12:00:00.000Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
