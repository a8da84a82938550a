import { describe, expect, it } from 'vitest';
import { parseDanishDate, toDanishDate } from './dates';

describe('Danish date fields (issue 16): dd.mm.åååå in, ISO kept', () => {
  it('shows an ISO date as dd.mm.åååå and leaves text being typed alone', () => {
    expect(toDanishDate('2026-11-30')).toBe('30.11.2026');
    expect(toDanishDate('1988-07-14')).toBe('14.07.1988');
    expect(toDanishDate('14.07.19')).toBe('14.07.19');
    expect(toDanishDate('2026-02-30')).toBe('2026-02-30');
    expect(toDanishDate('')).toBe('');
  });

  it('reads the ways a Danish doctor types a date, and a pasted ISO date', () => {
    expect(parseDanishDate('30.11.2026')).toBe('2026-11-30');
    expect(parseDanishDate('1.2.2020')).toBe('2020-02-01');
    expect(parseDanishDate('01-02-2020')).toBe('2020-02-01');
    expect(parseDanishDate('01/02/2020')).toBe('2020-02-01');
    expect(parseDanishDate(' 14071988 ')).toBe('1988-07-14');
    expect(parseDanishDate('1988-07-14')).toBe('1988-07-14');
    expect(parseDanishDate('29.02.2024')).toBe('2024-02-29');
  });

  it('refuses what is not a whole, real date (never the US month-first order)', () => {
    for (const bad of [
      '',
      '14.07.88',
      '140788',
      '30.02.2026',
      '29.02.2025',
      '11/30/2026',
      '00.01.2020',
      '1.13.2020',
      'i går',
    ]) {
      expect(parseDanishDate(bad), bad).toBeNull();
    }
  });
});
