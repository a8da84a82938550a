import { describe, expect, it } from 'vitest';
import type { LoadCell, LoadReport } from '../../../shared/contract/models';
import { HOUR_MS } from '../../../shared/load/hours';
import {
  csvFileName,
  grandTotals,
  heatMatrix,
  lastNightDate,
  level,
  nightPeriod,
  rangePeriod,
  sortRows,
  totalsCsv,
  totalsRows,
} from './model';

function cell(contacts: number, extra: Partial<LoadCell> = {}): LoadCell {
  return {
    contacts,
    byBand: { A: contacts, B: 0, C: 0, DAY: 0 },
    talkSeconds: contacts * 300,
    videoEscalations: 0,
    videoConnected: 0,
    transportGranted: 0,
    meanHandlingSeconds: 300,
    feesOre: contacts * 7213,
    ...extra,
  };
}

function report(from: string, to: string, doctors: Array<[string, Array<[string, number]>]>) {
  return {
    source: 'local',
    asOf: to,
    from,
    to,
    thresholds: { amber: 12, red: 20 },
    doctors: doctors.map(([name, hours], i) => {
      const hs = hours.map(([hour, n]) => ({ ...cell(n), hour }));
      const n = hours.reduce((s, [, c]) => s + c, 0);
      return {
        doctorId: `0000000${i}-0000-7000-8000-000000000000`,
        name,
        hours: hs,
        totals: cell(n),
      };
    }),
  } satisfies LoadReport;
}

describe('load view model (R-LOAD-1)', () => {
  it('a night is 16:00 → 08:00 Copenhagen time, also across the summer-time switch', () => {
    expect(nightPeriod('2025-05-27')).toEqual({
      from: '2025-05-27T14:00:00.000Z',
      to: '2025-05-28T06:00:00.000Z',
    });
    // 29 → 30 March 2025: clocks go forward at 02:00, the night is 15 hours.
    const p = nightPeriod('2025-03-29');
    expect(p).toEqual({ from: '2025-03-29T15:00:00.000Z', to: '2025-03-30T06:00:00.000Z' });
    expect(heatMatrix(report(p.from, p.to, [])).columns.map((c) => c.hour)).toEqual([
      16, 17, 18, 19, 20, 21, 22, 23, 0, 1, 3, 4, 5, 6, 7,
    ]);
    expect(rangePeriod('2025-10-25', '2025-10-26')).toEqual({
      from: '2025-10-24T22:00:00.000Z',
      to: '2025-10-26T23:00:00.000Z',
    });
  });

  it('the default night is the latest that has begun', () => {
    expect(lastNightDate(Date.parse('2025-05-28T06:30:00Z'))).toBe('2025-05-27');
    expect(lastNightDate(Date.parse('2025-05-28T14:00:00Z'))).toBe('2025-05-28');
    expect(lastNightDate(Date.parse('2025-05-28T13:59:59Z'))).toBe('2025-05-27');
  });

  it('thresholds: amber ≥ 12, red ≥ 20', () => {
    const t = { amber: 12, red: 20 };
    expect([0, 11, 12, 19, 20, 35].map((n) => level(n, t))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('R-LOAD-1: configured thresholds other than the defaults are the ones applied', () => {
    const t = { amber: 5, red: 8 };
    expect([0, 4, 5, 7, 8, 12, 19].map((n) => level(n, t))).toEqual([0, 0, 1, 1, 2, 2, 2]);
    // And a service that only warns late.
    const late = { amber: 25, red: 40 };
    expect([12, 20, 24, 25, 39, 40].map((n) => level(n, late))).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('one column per hour of a night; values land in their hour', () => {
    const p = nightPeriod('2025-05-27');
    const r = report(p.from, p.to, [
      [
        'Bo',
        [
          ['2025-05-27T14:00:00.000Z', 4],
          ['2025-05-27T22:00:00.000Z', 13],
        ],
      ],
    ]);
    const m = heatMatrix(r);
    expect(m.mode).toBe('hourly');
    expect(m.columns).toHaveLength(16);
    expect(m.rows[0]!.values[0]).toBe(4);
    expect(m.rows[0]!.values[8]).toBe(13); // 00:00 local
    expect(m.rows[0]!.peak).toBe(13);
  });

  it('longer periods: the busiest hour per clock hour of the day, from 16:00', () => {
    const p = rangePeriod('2025-05-01', '2025-05-31');
    const r = report(p.from, p.to, [
      [
        'Anne',
        [
          ['2025-05-02T15:00:00.000Z', 3], // 17 local
          ['2025-05-09T15:00:00.000Z', 21], // 17 local
          ['2025-05-10T06:00:00.000Z', 2], // 08 local
        ],
      ],
    ]);
    const m = heatMatrix(r);
    expect(m.mode).toBe('clock');
    expect(m.columns.map((c) => c.hour).slice(0, 3)).toEqual([16, 17, 18]);
    expect(m.rows[0]!.values[1]).toBe(21);
    expect(m.rows[0]!.values[16]).toBe(2);
  });

  it('sorts by any column, ties by name; grand totals weight the mean handling time', () => {
    const p = nightPeriod('2025-05-27');
    const r = report(p.from, p.to, [
      ['Øjvind', [['2025-05-27T14:00:00.000Z', 2]]],
      ['Anne', [['2025-05-27T14:00:00.000Z', 5]]],
      ['Bo', [['2025-05-27T15:00:00.000Z', 5]]],
    ]);
    const rows = totalsRows(r, heatMatrix(r));
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((x) => x.name)).toEqual([
      'Anne',
      'Bo',
      'Øjvind',
    ]);
    expect(sortRows(rows, { key: 'contacts', dir: 'desc' }).map((x) => x.name)).toEqual([
      'Anne',
      'Bo',
      'Øjvind',
    ]);
    expect(sortRows(rows, { key: 'fees', dir: 'asc' })[0]!.name).toBe('Øjvind');
    const g = grandTotals(rows);
    expect(g.contacts).toBe(12);
    expect(g.feesOre).toBe(12 * 7213);
    expect(g.meanHandlingSeconds).toBe(300);
  });

  it('CSV: BOM, semicolons, decimal comma, CRLF, a total row', () => {
    const p = nightPeriod('2025-05-27');
    const r = report(p.from, p.to, [['Hansen; Bo', [['2025-05-27T14:00:00.000Z', 3]]]]);
    const rows = totalsRows(r, heatMatrix(r));
    const h = {
      doctor: 'Læge',
      contacts: 'Kontakter',
      A: 'A',
      B: 'B',
      C: 'C',
      DAY: 'Dagtid',
      talkMin: 'Taletid (min)',
      video: 'Video',
      videoConnected: 'Video ✓',
      transport: 'Transport bevilget',
      meanMin: 'Gns. (min)',
      fees: 'Honorar (kr.)',
      peak: 'Højeste time',
      total: 'I alt',
    };
    const csv = totalsCsv(rows, h);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Læge;Kontakter;A;B;C;Dagtid;Taletid (min);Video;Video ✓;Transport bevilget;Gns. (min);Honorar (kr.);Højeste time',
    );
    expect(lines[1]).toBe('"Hansen; Bo";3;3;0;0;0;15,0;0;0;0;5,0;216,39;3');
    expect(lines[2]).toBe('I alt;3;3;0;0;0;15,0;0;0;0;5,0;216,39;');
    expect(lines[3]).toBe('');
    expect(csvFileName(p)).toBe('belastning-2025-05-27_2025-05-28.csv');
    expect(csvFileName(rangePeriod('2025-05-01', '2025-05-01'))).toBe('belastning-2025-05-01.csv');
  });

  it('a month of hours for 30 doctors: the clock-hour peaks (speed is in bench/renderer.ts)', () => {
    const p = rangePeriod('2025-05-01', '2025-05-30');
    const doctors: Array<[string, Array<[string, number]>]> = [];
    const start = Date.parse(p.from);
    for (let d = 0; d < 30; d++) {
      const hours: Array<[string, number]> = [];
      for (let h = 0; h < 720; h++)
        hours.push([new Date(start + h * HOUR_MS).toISOString(), (h + d) % 25]);
      doctors.push([`Læge ${d}`, hours]);
    }
    const r = report(p.from, p.to, doctors);
    const m = heatMatrix(r);
    expect(m.mode).toBe('clock');
    expect(m.rows).toHaveLength(30);
    expect(m.rows.every((row) => row.peak === 24)).toBe(true);
    expect(sortRows(totalsRows(r, m), { key: 'contacts', dir: 'desc' })).toHaveLength(30);
  });

  it('R-CON-6: "transport bevilget" per doctor, in the totals, the sort and the CSV', () => {
    const p = nightPeriod('2025-05-27');
    const base = report(p.from, p.to, [
      ['Anne', [['2025-05-27T14:00:00.000Z', 4]]],
      ['Bo', [['2025-05-27T15:00:00.000Z', 4]]],
    ]);
    // Anne granted transport twice in her 16:00 hour, Bo once.
    const r: LoadReport = {
      ...base,
      doctors: base.doctors.map((d, i) => {
        const n = i === 0 ? 2 : 1;
        return {
          ...d,
          hours: d.hours.map((h) => ({ ...h, transportGranted: n })),
          totals: { ...d.totals, transportGranted: n },
        };
      }),
    };
    const rows = totalsRows(r, heatMatrix(r));
    expect(sortRows(rows, { key: 'transport', dir: 'asc' }).map((x) => x.name)).toEqual([
      'Bo',
      'Anne',
    ]);
    expect(grandTotals(rows).transportGranted).toBe(3);
    const h = {
      doctor: 'Læge',
      contacts: 'Kontakter',
      A: 'A',
      B: 'B',
      C: 'C',
      DAY: 'Dagtid',
      talkMin: 'Taletid (min)',
      video: 'Video',
      videoConnected: 'Video ✓',
      transport: 'Transport bevilget',
      meanMin: 'Gns. (min)',
      fees: 'Honorar (kr.)',
      peak: 'Højeste time',
      total: 'I alt',
    };
    const lines = totalsCsv(sortRows(rows, { key: 'name', dir: 'asc' }), h)
      .slice(1)
      .split('\r\n');
    const col = lines[0]!.split(';').indexOf('Transport bevilget');
    expect(col).toBe(9);
    expect(lines.slice(1, 4).map((l) => l.split(';')[col])).toEqual(['2', '1', '3']);
  });
});
