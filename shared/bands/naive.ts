// A deliberately naive band classifier, straight from the words of docs/rules.md §1–2: convert the
// instant to Copenhagen wall clock with luxon and look the holiday up, every time. Tests use it
// as an independent reference for BandEngine; the benchmark measures how much faster the
// engine is. Default schedule (`ok21-national`) only.
import { DateTime } from 'luxon';
import type { Band } from '../types';
import type { RuleSet } from '../rules/schema';
import { holidaysOfYear } from '../calendar/holidays';
import { dayNumber } from '../calendar/civil';
import { ZONE } from '../time';

export function naiveBand(ms: number, rules: RuleSet): { band: Band; holiday: string | null } {
  const t = DateTime.fromMillis(ms, { zone: ZONE });
  const holiday =
    holidaysOfYear(t.year, rules.holidays).get(dayNumber(t.year, t.month, t.day)) ?? null;
  const h = t.hour;
  if (h < 8) return { band: 'C', holiday }; // R-BAND-2
  if (holiday || t.weekday === 7) return { band: 'B', holiday }; // R-BAND-4, R-HOL-3
  if (t.weekday === 6) return { band: h < 20 ? 'A' : 'B', holiday }; // R-BAND-3/4
  if (h < 16) return { band: 'DAY', holiday };
  return { band: h < 22 ? 'A' : 'B', holiday };
}
