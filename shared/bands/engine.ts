// Band decisions (R-BAND-1..5, R-TIME-1/2). For speed, each local date is planned once: the UTC
// instants where its bands change are computed with luxon and cached, so deciding an instant
// is an integer division, a cache lookup and a scan of at most a handful of segment starts.
import type { Band } from '../types';
import type { RuleSet, BandSchedule } from '../rules/schema';
import { civilFromDay, isoDateOf, isoWeekday, parseIsoDate } from '../calendar/civil';
import { holidaysOfYear } from '../calendar/holidays';
import { localToMs } from '../time';

/** What an instant is, without the (slower to format) wall-clock string. */
export interface Classification {
  readonly band: Band;
  readonly vagttid: boolean;
  readonly holiday: string | null;
  /** Local day number (days since 1970-01-01 of the Copenhagen date). */
  readonly day: number;
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
}

interface DayPlan {
  startMs: number;
  endMs: number;
  /** UTC ms where each segment starts; starts[0] === startMs. */
  starts: number[];
  classes: Classification[];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const CACHE_FIRST = -25_567; // 1900-01-01
const CACHE_LAST = 84_006; // 2199-12-31

export class BandEngine {
  private readonly plans: (DayPlan | undefined)[] = [];
  private readonly farPlans = new Map<number, DayPlan>();
  private readonly holidayCache = new Map<string, Map<number, string>>();

  /** @param bandRulesFor the rule set whose schedule and holidays apply on a local day. */
  constructor(private readonly bandRulesFor: (day: number) => RuleSet) {}

  classify(ms: number): Classification {
    // Copenhagen is UTC+1 or +2: guess with +1 and correct by at most one day.
    const d = Math.floor((ms + HOUR) / DAY);
    let p = this.plan(d);
    if (ms < p.startMs) p = this.plan(d - 1);
    else if (ms >= p.endMs) p = this.plan(d + 1);
    const s = p.starts;
    let i = s.length - 1;
    while (i > 0 && ms < s[i]!) i--;
    return p.classes[i]!;
  }

  /** The next instant after `ms` at which the band differs from the band at `ms`. */
  nextChange(ms: number): { at: number; band: Band } {
    const here = this.classify(ms).band;
    let d = this.classify(ms).day;
    for (let guard = 0; guard < 14; guard++, d++) {
      const p = this.plan(d);
      for (let i = 0; i < p.starts.length; i++) {
        const at = p.starts[i]!;
        if (at > ms && p.classes[i]!.band !== here) return { at, band: p.classes[i]!.band };
      }
    }
    throw new Error('no band change within two weeks: the schedule is constant');
  }

  holidayOn(day: number): string | null {
    const rules = this.bandRulesFor(day);
    const { year } = civilFromDay(day);
    return this.holidays(rules, year).get(day) ?? null;
  }

  private holidays(rules: RuleSet, year: number): Map<number, string> {
    const key = `${rules.id}|${year}`;
    let h = this.holidayCache.get(key);
    if (!h) {
      h = holidaysOfYear(year, rules.holidays);
      this.holidayCache.set(key, h);
    }
    return h;
  }

  private plan(day: number): DayPlan {
    if (day >= CACHE_FIRST && day <= CACHE_LAST) {
      const idx = day - CACHE_FIRST;
      return (this.plans[idx] ??= this.build(day));
    }
    let p = this.farPlans.get(day);
    if (!p) this.farPlans.set(day, (p = this.build(day)));
    return p;
  }

  private build(day: number): DayPlan {
    const rules = this.bandRulesFor(day);
    const { year, month, day: dom } = civilFromDay(day);
    const next = civilFromDay(day + 1);
    const holiday = this.holidays(rules, year).get(day) ?? null;
    const schedule = scheduleFor(rules, day);
    const weekday = isoWeekday(day);
    // R-HOL-3: a holiday is a holiday whatever weekday it falls on.
    const segments = holiday
      ? schedule.holiday
      : weekday === 7
        ? schedule.sunday
        : weekday === 6
          ? schedule.saturday
          : schedule.weekday;
    const date = isoDateOf(day);
    const starts: number[] = [];
    const classes: Classification[] = [];
    for (const seg of segments) {
      const [hh, mm] = seg.start.split(':').map(Number) as [number, number];
      const at = localToMs(year, month, dom, hh, mm);
      const band = seg.band;
      if (classes.length > 0 && classes[classes.length - 1]!.band === band) continue;
      if (starts.length > 0 && at <= starts[starts.length - 1]!) continue; // inside a DST gap
      starts.push(at);
      classes.push(Object.freeze({ band, vagttid: band !== 'DAY', holiday, day, date }));
    }
    return {
      startMs: starts[0]!,
      endMs: localToMs(next.year, next.month, next.day),
      starts,
      classes,
    };
  }
}

/** The band schedule in force on a local day: the latest that started on or before it. */
function scheduleFor(rules: RuleSet, day: number): BandSchedule {
  const sorted = [...rules.bandSchedules].sort((a, b) => (a.from < b.from ? -1 : 1));
  let chosen = sorted[0]!;
  for (const s of sorted) if ((parseIsoDate(s.from) ?? Infinity) <= day) chosen = s;
  return chosen;
}
