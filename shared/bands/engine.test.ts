import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTariff } from '../tariff';
import { OK21_NATIONAL } from '../rules/ok21-national';
import { ruleSetSchema } from '../rules/schema';
import { localToMs } from '../time';
import { naiveBand } from './naive';

const t = createTariff();
const at = (iso: string) => t.decide(Date.parse(iso));
const local = (y: number, mo: number, d: number, h: number, mi = 0, s = 0, msec = 0) =>
  localToMs(y, mo, d, h, mi) + s * 1000 + msec;
const bandAt = (...a: Parameters<typeof local>) => t.classify(local(...a)).band;

describe('bands', () => {
  it('R-BAND-1 vagttid: weekdays 16–08 and whole weekend/holiday days; dagtid is flagged DAY', () => {
    // Tuesday 2025-03-04
    expect(bandAt(2025, 3, 4, 10)).toBe('DAY');
    expect(t.classify(local(2025, 3, 4, 10)).vagttid).toBe(false);
    expect(t.classify(local(2025, 3, 4, 17)).vagttid).toBe(true);
    expect(bandAt(2025, 3, 8, 12)).not.toBe('DAY'); // Saturday
    expect(bandAt(2025, 3, 9, 12)).not.toBe('DAY'); // Sunday
    expect(bandAt(2025, 12, 25, 12)).not.toBe('DAY'); // Juledag on a Thursday
  });

  it('R-BAND-2 C from 00:00 to 08:00 on every kind of day', () => {
    for (const d of [3, 4, 5, 6, 7, 8, 9]) expect(bandAt(2025, 3, d, 3), `March ${d}`).toBe('C');
    expect(bandAt(2025, 12, 25, 7, 59, 59, 999)).toBe('C');
    expect(bandAt(2025, 12, 25, 0)).toBe('C');
  });

  it('R-BAND-3 A: Monday–Friday 16–22 and Saturday 08–20 on non-holidays', () => {
    expect(bandAt(2025, 3, 3, 16)).toBe('A');
    expect(bandAt(2025, 3, 7, 21, 59, 59, 999)).toBe('A');
    expect(bandAt(2025, 3, 8, 8)).toBe('A');
    expect(bandAt(2025, 3, 8, 19, 59)).toBe('A');
  });

  it('R-BAND-4 B: weekdays 22–24, Saturday 20–24, Sundays and holidays 08–24', () => {
    expect(bandAt(2025, 3, 4, 22)).toBe('B');
    expect(bandAt(2025, 3, 4, 23, 59, 59, 999)).toBe('B');
    expect(bandAt(2025, 3, 8, 20)).toBe('B');
    expect(bandAt(2025, 3, 9, 8)).toBe('B');
    expect(bandAt(2025, 4, 17, 10)).toBe('B'); // Skærtorsdag
    expect(at('2025-04-17T10:00:00.000Z').holiday).toBe('Skærtorsdag');
  });

  it('R-TIME-2 intervals are half-open: 16:00:00.000 is in, 08:00:00.000 is out', () => {
    expect(bandAt(2025, 3, 4, 15, 59, 59, 999)).toBe('DAY');
    expect(bandAt(2025, 3, 4, 16, 0, 0, 0)).toBe('A');
    expect(bandAt(2025, 3, 5, 7, 59, 59, 999)).toBe('C');
    expect(bandAt(2025, 3, 5, 8, 0, 0, 0)).toBe('DAY');
    expect(bandAt(2025, 3, 4, 22, 0, 0, 0)).toBe('B');
  });

  it('R-HOL-3 a holiday on a Saturday is a holiday (B from 08:00), not a Saturday (A)', () => {
    // 2022-12-24 Juleaftensdag and 2022-12-31 Nytårsaftensdag are Saturdays; 2026-12-26 too.
    expect(bandAt(2022, 12, 24, 10)).toBe('B');
    expect(bandAt(2026, 12, 26, 10)).toBe('B');
    expect(at('2026-12-26T09:00:00.000Z').holiday).toBe('2. juledag');
    expect(bandAt(2022, 12, 17, 10)).toBe('A'); // an ordinary Saturday
  });

  it('R-TIME-1 summer time is decided on the wall clock (spring forward and fall back)', () => {
    // 2025-03-30: 02:00 → 03:00. 01:30Z is 03:30 CEST: C. 06:00Z is 08:00 CEST: B (Sunday).
    expect(at('2025-03-30T01:30:00.000Z')).toMatchObject({
      band: 'C',
      local: '2025-03-30T03:30:00.000+02:00',
    });
    expect(at('2025-03-30T05:59:59.999Z').band).toBe('C');
    expect(at('2025-03-30T06:00:00.000Z').band).toBe('B');
    // 2025-10-26: 03:00 → 02:00. 07:00Z is 08:00 CET.
    expect(at('2025-10-26T06:59:59.999Z').band).toBe('C');
    expect(at('2025-10-26T07:00:00.000Z').band).toBe('B');
    // Weekday in summer: 16:00 CEST is 14:00Z.
    expect(at('2025-06-10T14:00:00.000Z').band).toBe('A');
    expect(at('2025-06-10T13:59:59.999Z').band).toBe('DAY');
  });

  it('R-TIME-1 the local field is Copenhagen wall clock with offset', () => {
    expect(at('2025-03-04T15:00:00Z')).toEqual({
      band: 'A',
      vagttid: true,
      holiday: null,
      local: '2025-03-04T16:00:00.000+01:00',
    });
  });

  it('R-BAND-5 the schedule is configurable with effective dates', () => {
    const regional = ruleSetSchema.parse({
      ...OK21_NATIONAL,
      id: 'region-test',
      bandSchedules: [
        ...OK21_NATIONAL.bandSchedules,
        {
          from: '2025-01-01',
          weekday: [
            { start: '00:00', band: 'C' },
            { start: '08:00', band: 'DAY' },
            { start: '17:00', band: 'A' },
            { start: '23:00', band: 'B' },
          ],
          saturday: OK21_NATIONAL.bandSchedules[0]!.saturday,
          sunday: OK21_NATIONAL.bandSchedules[0]!.sunday,
          holiday: OK21_NATIONAL.bandSchedules[0]!.holiday,
        },
      ],
    });
    const r = createTariff([regional]);
    expect(r.classify(local(2024, 12, 3, 16, 30)).band).toBe('A'); // old schedule
    expect(r.classify(local(2025, 3, 4, 16, 30)).band).toBe('DAY'); // new schedule
    expect(r.classify(local(2025, 3, 4, 22, 30)).band).toBe('A');
    expect(r.classify(local(2025, 3, 4, 23, 0)).band).toBe('B');
  });

  it('nextChange finds the next band boundary, across midnight and holidays', () => {
    const n = t.nextChange(local(2025, 3, 4, 17));
    expect(n).toEqual({ at: local(2025, 3, 4, 22), band: 'B' });
    expect(t.nextChange(local(2025, 3, 4, 23))).toEqual({ at: local(2025, 3, 5, 0), band: 'C' });
    expect(t.nextChange(local(2025, 4, 17, 3))).toEqual({ at: local(2025, 4, 17, 8), band: 'B' });
  });
});

describe('bands: properties', () => {
  const instants = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) });

  it('R-BAND-1..4 the engine agrees with the naive wall-clock classifier on random instants', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const c = t.classify(ms);
        const n = naiveBand(ms, OK21_NATIONAL);
        return c.band === n.band && c.holiday === n.holiday;
      }),
      { numRuns: 20_000 },
    );
  });

  it('R-BAND-1 the bands partition every week exactly (contiguous segments, no gap or overlap)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 52 * 12 }), (week) => {
        const start = local(2020, 1, 6, 0) + week * 7 * 86_400_000; // a Monday (±1 h after DST)
        const end = start + 7 * 86_400_000;
        const totals = { A: 0, B: 0, C: 0, DAY: 0 };
        let cursor = start;
        while (cursor < end) {
          const band = t.classify(cursor).band;
          const next = Math.min(t.nextChange(cursor).at, end);
          if (next <= cursor) return false;
          // every instant inside the segment has the segment's band
          if (t.classify(next - 1).band !== band) return false;
          totals[band] += next - cursor;
          cursor = next;
        }
        return totals.A + totals.B + totals.C + totals.DAY === end - start;
      }),
      { numRuns: 300 },
    );
  });

  it('R-BAND-1..4 an ordinary week has 42 h A, 30 h B, 56 h C and 40 h dagtid', () => {
    const start = local(2025, 3, 3, 0);
    const totals = { A: 0, B: 0, C: 0, DAY: 0 };
    for (let ms = start; ms < start + 7 * 86_400_000; ms += 60_000)
      totals[t.classify(ms).band] += 1;
    expect(totals).toEqual({ A: 42 * 60, B: 30 * 60, C: 56 * 60, DAY: 40 * 60 });
  });

  it('R-TIME-1 DST nights are classified by wall clock for every year 2022–2030', () => {
    for (let y = 2022; y <= 2030; y++) {
      for (const month of [3, 10]) {
        // last Sunday of March / October
        let d = 31;
        while (new Date(Date.UTC(y, month - 1, d)).getUTCDay() !== 0) d--;
        for (let ms = local(y, month, d, 0); ms < local(y, month, d, 9); ms += 15 * 60_000) {
          expect(t.classify(ms).band).toBe(naiveBand(ms, OK21_NATIONAL).band);
        }
        expect(t.classify(local(y, month, d, 7, 59, 59, 999)).band).toBe('C');
        expect(t.classify(local(y, month, d, 8)).band).toBe('B');
      }
    }
  });
});
