// Instants and the wall clock (R-TIME-1): UTC instants in, Europe/Copenhagen wall clock for
// every band, date and year decision. Summer time is the zone's business, never +1h/+2h.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Copenhagen';

/** ISO-8601 with an explicit zone (Z or ±hh:mm); local times without a zone are ambiguous. */
const ISO_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** Clock fields and offset of a real instant: no 24:00 or 25:61, offsets within ±14:00 (R-REC-1). */
function realClockParts(m: RegExpExecArray): boolean {
  const [hh, mm, ss, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (hh! > 23 || mm! > 59 || ss! > 59) return false;
  return om! <= 59 && oh! * 60 + om! <= 14 * 60;
}

/** Parses an ISO instant with zone to epoch ms, or null if it is not a valid one. */
export function parseInstant(s: string): number | null {
  if (typeof s !== 'string') return null;
  // Fast path for the storage format; the round trip refuses impossible dates (Feb 30).
  if (s.length === 24 && s.charCodeAt(23) === 90 /* Z */) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === s) return ms;
  }
  const m = ISO_WITH_ZONE.exec(s);
  if (!m || !realClockParts(m)) return null;
  const dt = DateTime.fromISO(s, { setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}

/** Epoch ms → canonical UTC ISO with milliseconds (the storage format). */
export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch ms → Copenhagen wall-clock ISO with offset, e.g. 2025-03-04T16:00:00.000+01:00 */
export function toLocalIso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISO() ?? '';
}

/** Epoch ms of a Copenhagen wall-clock time (a time in the spring-forward gap moves forward). */
export function localToMs(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: ZONE }).toMillis();
}

/** Copenhagen local date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate() ?? '';
}
