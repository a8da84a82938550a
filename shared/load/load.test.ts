import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Contact } from '../contract/models';
import { contactLoadRows } from './cells';
import { HOUR_MS, hourStart, splitAcrossHours } from './hours';
import { buildLoadReport, sumRows } from './report';

const T = Date.parse('2025-03-04T16:00:00.000Z');

function contact(over: Partial<Contact>): Contact {
  return {
    id: '01956a00-0000-7000-8000-000000000001',
    rev: 2,
    shiftId: '01956a00-0000-7000-8000-0000000000aa',
    doctorId: '01956a00-0000-7000-8000-0000000000d1',
    workstationId: '01956a00-0000-7000-8000-0000000000ff',
    kind: 'telefon',
    answeredAt: new Date(T + 50 * 60_000).toISOString(),
    endedAt: new Date(T + 70 * 60_000).toISOString(),
    video: null,
    status: 'ended',
    patient: null,
    group: 1,
    caller: null,
    reason: '',
    outcome: 'recept',
    transportGranted: false,
    note: '',
    band: 'A',
    vagttid: true,
    holiday: null,
    rulesId: 'ok21-national',
    lines: [
      {
        code: 'TLF-A',
        regionalCode: null,
        band: 'A',
        unitOre: 7213,
        count: 1,
        amountOre: 7213,
        decidedAt: new Date(T).toISOString(),
      },
    ],
    flags: [],
    revisedBy: '01956a00-0000-7000-8000-0000000000d1',
    revisedAt: new Date(T).toISOString(),
    revisionReason: null,
    ...over,
  };
}

describe('R-LOAD-1 hours', () => {
  it('splits talk time exactly across clock hours', () => {
    expect(splitAcrossHours(T + 50 * 60_000, T + 70 * 60_000)).toEqual([
      { hourMs: T, seconds: 600 },
      { hourMs: T + HOUR_MS, seconds: 600 },
    ]);
    expect(splitAcrossHours(T + 1000, T + 1000)).toEqual([{ hourMs: T, seconds: 0 }]);
  });

  it('never loses or invents a second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * HOUR_MS }),
        fc.integer({ min: 0, max: 5 * HOUR_MS }),
        (a, d) => {
          const parts = splitAcrossHours(T + a, T + a + d);
          const total = parts.reduce((s, p) => s + p.seconds, 0);
          expect(total).toBe(Math.floor(d / 1000));
          expect(parts.every((p) => p.hourMs === hourStart(p.hourMs))).toBe(true);
        },
      ),
    );
  });

  it('counts a contact once, in the hour it was answered, and its fee there', () => {
    const rows = contactLoadRows(contact({}));
    expect(rows.map((r) => [r.hourMs - T, r.contacts, r.talkSeconds, r.feesOre])).toEqual([
      [0, 1, 600, 7213],
      [HOUR_MS, 0, 600, 0],
    ]);
    expect(rows[0]!.handlingSeconds).toBe(1200);
    expect(contactLoadRows(contact({ status: 'voided' }))).toEqual([]);
  });

  it('gives a handed-over video part to the video doctor (R-CON-5)', () => {
    const coord = '01956a00-0000-7000-8000-0000000000c1';
    const c = contact({
      video: {
        doctorId: coord,
        requestedAt: new Date(T + 55 * 60_000).toISOString(),
        connectedAt: new Date(T + 80 * 60_000).toISOString(),
        failedAt: null,
        failReason: null,
        endedAt: new Date(T + 90 * 60_000).toISOString(),
      },
      lines: [
        {
          code: 'TLF-A',
          regionalCode: null,
          band: 'A',
          unitOre: 7213,
          count: 1,
          amountOre: 7213,
          decidedAt: new Date(T).toISOString(),
        },
        {
          code: 'VIDEO-A',
          regionalCode: null,
          band: 'A',
          unitOre: 20353,
          count: 1,
          amountOre: 20353,
          decidedAt: new Date(T).toISOString(),
        },
      ],
    });
    const rows = contactLoadRows(c);
    const video = rows.filter((r) => r.part === 'video');
    expect(video).toHaveLength(1);
    expect(video[0]).toMatchObject({
      doctorId: coord,
      contacts: 1,
      talkSeconds: 600,
      videoEscalations: 1,
      videoConnected: 1,
      feesOre: 20353,
    });
    expect(rows.filter((r) => r.part === 'call').reduce((s, r) => s + r.feesOre, 0)).toBe(7213);
  });

  it('builds per-doctor hours and totals with the mean handling time', () => {
    const a = contactLoadRows(contact({}));
    const b = contactLoadRows(
      contact({
        answeredAt: new Date(T + 5 * 60_000).toISOString(),
        endedAt: new Date(T + 10 * 60_000).toISOString(),
        band: 'B',
      }),
    );
    const rep = buildLoadReport(sumRows([...a, ...b], T, T + 2 * HOUR_MS), {
      source: 'local',
      asOf: new Date(T).toISOString(),
      from: new Date(T).toISOString(),
      to: new Date(T + 2 * HOUR_MS).toISOString(),
      thresholds: { amber: 12, red: 20 },
      names: new Map([['01956a00-0000-7000-8000-0000000000d1', 'Dora']]),
    });
    expect(rep.doctors).toHaveLength(1);
    const d = rep.doctors[0]!;
    expect(d.name).toBe('Dora');
    expect(d.hours.map((h) => [h.hour, h.contacts, h.talkSeconds])).toEqual([
      ['2025-03-04T16:00:00.000Z', 2, 900],
      ['2025-03-04T17:00:00.000Z', 0, 600],
    ]);
    expect(d.totals).toMatchObject({
      contacts: 2,
      byBand: { A: 1, B: 1, C: 0, DAY: 0 },
      talkSeconds: 1500,
      meanHandlingSeconds: 750,
      feesOre: 14426,
    });
  });
});
