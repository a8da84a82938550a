// Periods of a claim: inclusive local dates in Europe/Copenhagen (R-TIME-1), so a night that
// crosses a summer-time change is still whole days on the wall clock.
import { DateTime } from 'luxon';
import { ZONE } from '../time';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const dt = DateTime.fromISO(s, { zone: ZONE });
  return dt.isValid && dt.toISODate() === s;
}

/** [from 00:00, day after `to` 00:00) as epoch ms, on the Copenhagen wall clock. */
export function localRangeMs(from: string, to: string): { fromMs: number; toMs: number } {
  const a = DateTime.fromISO(from, { zone: ZONE }).startOf('day');
  const b = DateTime.fromISO(to, { zone: ZONE }).startOf('day').plus({ days: 1 });
  return { fromMs: a.toMillis(), toMs: b.toMillis() };
}

/** Whether a UTC instant's local date lies in [from, to] (inclusive dates). */
export function inLocalRange(isoInstant: string, fromMs: number, toMs: number): boolean {
  const ms = Date.parse(isoInstant);
  return ms >= fromMs && ms < toMs;
}
