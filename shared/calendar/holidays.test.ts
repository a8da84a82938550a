import { describe, expect, it } from 'vitest';
import Holidays from 'date-holidays';
import { easterSunday } from './easter';
import { holidaysOfYear } from './holidays';
import { isoDateOf } from './civil';
import { OK21_NATIONAL } from '../rules/ok21-national';

const named = (year: number, opts = OK21_NATIONAL.holidays) =>
  Object.fromEntries([...holidaysOfYear(year, opts)].map(([d, n]) => [isoDateOf(d), n]));

describe('R-HOL-1 statutory holidays', () => {
  it('R-HOL-1 Easter by the Gregorian computus, known dates 1900–2199', () => {
    const known: Record<number, string> = {
      1900: '04-15',
      1913: '03-23',
      1943: '04-25',
      2000: '04-23',
      2008: '03-23',
      2011: '04-24',
      2019: '04-21',
      2024: '03-31',
      2025: '04-20',
      2038: '04-25',
      2100: '03-28',
      2199: '04-14',
    };
    for (const [y, md] of Object.entries(known)) {
      const [m, d] = easterSunday(Number(y));
      expect(`${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, y).toBe(md);
    }
  });

  it('R-HOL-1 the movable and fixed holidays of 2025', () => {
    expect(named(2025)).toMatchObject({
      '2025-01-01': 'Nytårsdag',
      '2025-04-17': 'Skærtorsdag',
      '2025-04-18': 'Langfredag',
      '2025-04-20': 'Påskedag',
      '2025-04-21': '2. påskedag',
      '2025-05-29': 'Kristi himmelfartsdag',
      '2025-06-08': 'Pinsedag',
      '2025-06-09': '2. pinsedag',
      '2025-12-25': 'Juledag',
      '2025-12-26': '2. juledag',
    });
  });

  it('R-HOL-1 Store bededag up to and including 2023 only', () => {
    expect(named(2023)['2023-05-05']).toBe('Store bededag');
    expect(named(2022)['2022-05-13']).toBe('Store bededag');
    expect(Object.values(named(2024))).not.toContain('Store bededag');
    expect(Object.values(named(2025))).not.toContain('Store bededag');
  });

  it('R-HOL-1 matches date-holidays (public DK holidays) for every year 2000–2100', () => {
    const hd = new Holidays('DK');
    const statutoryOnly = {
      ...OK21_NATIONAL.holidays,
      grundlovsdag: false,
      juleaftensdag: false,
      nytaarsaftensdag: false,
    };
    for (let y = 2000; y <= 2100; y++) {
      const theirs = hd
        .getHolidays(y)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10))
        .sort();
      const ours = Object.keys(named(y, statutoryOnly)).sort();
      expect(ours, String(y)).toEqual(theirs);
    }
  });
});

describe('R-HOL-2 configurable extra holidays', () => {
  it('R-HOL-2 Grundlovsdag, Juleaftensdag and Nytårsaftensdag are on in ok21-national', () => {
    const h = named(2024);
    expect(h['2024-06-05']).toBe('Grundlovsdag');
    expect(h['2024-12-24']).toBe('Juleaftensdag');
    expect(h['2024-12-31']).toBe('Nytårsaftensdag');
  });

  it('R-HOL-2 each extra can be switched off by the rule set', () => {
    const h = named(2024, {
      ...OK21_NATIONAL.holidays,
      grundlovsdag: false,
      juleaftensdag: false,
      nytaarsaftensdag: false,
    });
    expect(h['2024-06-05']).toBeUndefined();
    expect(h['2024-12-24']).toBeUndefined();
    expect(h['2024-12-31']).toBeUndefined();
    expect(h['2024-12-25']).toBe('Juledag');
  });
});
