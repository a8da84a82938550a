// Presentation helpers: Copenhagen wall clock (R-TIME-1), 24-hour times, durations.
import { DateTime } from 'luxon';
import type { T } from '../i18n';

export const ZONE = 'Europe/Copenhagen';

export function local(iso: string | number): DateTime {
  const dt = typeof iso === 'number' ? DateTime.fromMillis(iso) : DateTime.fromISO(iso);
  return dt.setZone(ZONE);
}

export function hhmm(iso: string | number): string {
  return local(iso).toFormat('HH:mm');
}

export function hhmmss(iso: string | number): string {
  return local(iso).toFormat('HH:mm:ss');
}

export function dateTime(iso: string | number, lang: 'da' | 'en'): string {
  return local(iso)
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat('d. MMM yyyy HH:mm');
}

export function longDate(ms: number | string, lang: 'da' | 'en'): string {
  return local(ms)
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat('cccc d. MMMM yyyy');
}

/** Day and month, short, for the header: "28. maj". */
export function shortDate(ms: number | string, lang: 'da' | 'en'): string {
  return local(ms)
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat(lang === 'da' ? 'd. MMM' : 'd MMM');
}

/** The weekday, short: "ons.". */
export function weekday(ms: number | string, lang: 'da' | 'en'): string {
  return local(ms)
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat('ccc');
}

/** A calendar date (YYYY-MM-DD) for display, e.g. "4. marts 1985". */
export function calendarDate(isoDate: string, lang: 'da' | 'en'): string {
  const dt = DateTime.fromISO(isoDate, { zone: 'UTC' }).setLocale(lang === 'da' ? 'da' : 'en-GB');
  return dt.isValid ? dt.toFormat('d. MMMM yyyy') : isoDate;
}

export function duration(ms: number, t: T): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('duration.hm', { h, m });
  if (m > 0 && m >= 10) return t('duration.m', { m });
  return t('duration.ms', { m, s: String(s).padStart(2, '0') });
}

/** Time until an instant, coarse (for the next band change). */
export function until(ms: number, t: T): string {
  const totalMin = Math.max(0, Math.ceil(ms / 60000));
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  if (h > 0) return t('duration.hm', { h, m });
  return t('duration.m', { m });
}
