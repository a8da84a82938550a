// Danish holidays for vagttid (R-HOL-1, R-HOL-2). Statutory ones always; the R-HOL-2 extras
// (Grundlovsdag, Juleaftensdag, Nytårsaftensdag) and Store bededag's last year come from the
// rule set's holiday options.
import type { RuleSet } from '../rules/schema';
import { easterSunday } from './easter';
import { dayNumber } from './civil';

export type HolidayOptions = RuleSet['holidays'];

/** Holidays of one year as day number → Danish name. */
export function holidaysOfYear(year: number, options: HolidayOptions): Map<number, string> {
  const [em, ed] = easterSunday(year);
  const easter = dayNumber(year, em, ed);
  const out = new Map<number, string>();
  const add = (n: number, name: string) => out.set(n, name);
  add(dayNumber(year, 1, 1), 'Nytårsdag');
  add(easter - 3, 'Skærtorsdag');
  add(easter - 2, 'Langfredag');
  add(easter, 'Påskedag');
  add(easter + 1, '2. påskedag');
  if (year <= options.storeBededagUntil) add(easter + 26, 'Store bededag');
  add(easter + 39, 'Kristi himmelfartsdag');
  add(easter + 49, 'Pinsedag');
  add(easter + 50, '2. pinsedag');
  if (options.grundlovsdag) add(dayNumber(year, 6, 5), 'Grundlovsdag');
  if (options.juleaftensdag) add(dayNumber(year, 12, 24), 'Juleaftensdag');
  add(dayNumber(year, 12, 25), 'Juledag');
  add(dayNumber(year, 12, 26), '2. juledag');
  if (options.nytaarsaftensdag) add(dayNumber(year, 12, 31), 'Nytårsaftensdag');
  return out;
}
