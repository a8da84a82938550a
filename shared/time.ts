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

const digit = (s: string, i: number): number => {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};
/** The number in s[from, to), or -1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = digit(s, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Epoch ms of an instant in the storage format `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real moment
 * (no Feb 30, no 25:61:61), else null. Read character by character: the sync server runs this
 * on every instant of every pushed item, and Date.parse + toISOString cost several times more.
 */
export function storageInstantMs(s: string): number | null {
  if (typeof s !== 'string' || s.length !== 24) return null;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return null;
  if (s[19] !== '.' || s[23] !== 'Z') return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 7);
  const d = digits(s, 8, 10);
  const h = digits(s, 11, 13);
  const mi = digits(s, 14, 16);
  const sec = digits(s, 17, 19);
  const ms = digits(s, 20, 23);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
  if (sec < 0 || sec > 59 || ms < 0) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! + (mo === 2 && leap ? 1 : 0)) return null;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms;
}

/** Parses an ISO instant with zone to epoch ms, or null if it is not a valid one. */
export function parseInstant(s: string): number | null {
  if (typeof s !== 'string') return null;
  // Fast path for the storage format; the round trip refuses impossible dates (Feb 30).
  const fast = storageInstantMs(s);
  if (fast !== null) return fast;
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
