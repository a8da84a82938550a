// Pure claim arithmetic (shared/claims/build.ts): price level, regional codes, totals, and the
// reversal rules of R-CLAIM-3, without a database.
import { describe, expect, it } from 'vitest';
import { buildClaim, type ClaimInput } from './build';
import { partLines, type ContactPart } from './parts';
import type { FeeLine } from '../types';

const DOC = { id: '00000000-0000-7000-8000-00000000a001', name: 'Anne', authId: 'A1' };
const id = (n: number) => `00000000-0000-7000-8000-0000000c${String(n).padStart(4, '0')}`;

function part(
  n: number,
  line: Partial<FeeLine> | null,
  extra: Partial<ContactPart> = {},
): ContactPart {
  const at = extra.at ?? '2025-03-04T20:00:00.000Z';
  return {
    contactId: id(n),
    contactRev: 1,
    part: 'call',
    doctorId: DOC.id,
    at,
    band: 'B',
    group: 1,
    patientId: '010190-1234',
    rulesId: 'ok21-national',
    flags: ['april-2021-niveau'],
    lines: line
      ? [
          {
            code: 'TLF-B',
            regionalCode: null,
            band: 'B',
            unitOre: 9418,
            count: 1,
            amountOre: 9418,
            decidedAt: at,
            ...line,
          },
        ]
      : [],
    ...extra,
  };
}

const input = (over: Partial<ClaimInput>): ClaimInput => ({
  claimId: null,
  generatedAt: '2025-03-05T08:00:00.000Z',
  doctor: DOC,
  period: { kind: 'range', from: '2025-03-04', to: '2025-03-04' },
  newParts: [],
  adjustments: [],
  ruleSetInfo: (rid) =>
    rid === 'ok21-national' ? { name: 'OK21', priceLevel: 'april 2021-niveau' } : null,
  ...over,
});

describe('R-CLAIM-1: totals and price level', () => {
  it('totals per service code, band and regional code; grand total shown Danish style', () => {
    const { claim } = buildClaim(
      input({
        newParts: [
          part(1, { regionalCode: '0120' }),
          part(2, { regionalCode: '0120' }),
          part(3, { regionalCode: '0121' }),
          part(4, { code: 'VIDEO-B', unitOre: 25268, amountOre: 25268 }, { part: 'video' }),
          part(5, { count: 100, amountOre: 941800 }),
        ],
      }),
    );
    expect(claim.totals.byCode).toEqual([
      { code: 'TLF-B', band: 'B', regionalCode: null, count: 100, amountOre: 941800 },
      { code: 'TLF-B', band: 'B', regionalCode: '0120', count: 2, amountOre: 18836 },
      { code: 'TLF-B', band: 'B', regionalCode: '0121', count: 1, amountOre: 9418 },
      { code: 'VIDEO-B', band: 'B', regionalCode: null, count: 1, amountOre: 25268 },
    ]);
    expect(claim.totals.grandTotalOre).toBe(995322);
    expect(claim.totals.grandTotal).toBe('9.953,22 kr.');
  });

  it('"april 2021-niveau" unless an index applied; both named when mixed', () => {
    const plain = buildClaim(input({ newParts: [part(1, {})] })).claim;
    expect(plain.priceLevel).toBe('april 2021-niveau');
    const indexed = buildClaim(input({ newParts: [part(1, {}, { flags: [] })] })).claim;
    expect(indexed.priceLevel).toBe('reguleret efter indeks');
    const mixed = buildClaim(input({ newParts: [part(1, {}), part(2, {}, { flags: [] })] })).claim;
    expect(mixed.priceLevel).toBe('april 2021-niveau og reguleret efter indeks');
    expect(mixed.notes[0]).toBe('Beløb i april 2021-niveau og reguleret efter indeks.');
  });
});

describe('R-CLAIM-3 and R-CLAIM-4 in the arithmetic', () => {
  it('a changed part gives reversal + replacement; an unchanged one gives nothing; a removed one only the reversal', () => {
    const claimedId = '01955f00-0000-7000-8000-00000000c001';
    const before = partLines(part(1, {}), 'new');
    const { claim, marks } = buildClaim(
      input({
        adjustments: [
          // group 1 → 2: the regional line goes back, the contact is listed apart
          {
            claimId: claimedId,
            claimed: before,
            current: part(1, {}, { group: 2, contactRev: 2 }),
          },
          // only the note changed: same claim content
          {
            claimId: claimedId,
            claimed: partLines(part(2, {}), 'new'),
            current: part(2, {}, { contactRev: 2 }),
          },
          // voided
          { claimId: claimedId, claimed: partLines(part(3, {}), 'new'), current: null },
        ],
      }),
    );
    expect(claim.lines.map((l) => [l.entry, l.contactId.slice(-1), l.amountOre])).toEqual([
      ['reversal', '1', -9418],
      ['reversal', '3', -9418],
    ]);
    expect(claim.separate.map((l) => [l.entry, l.reason, l.amountOre])).toEqual([
      ['replacement', 'gruppe-2', 9418],
    ]);
    expect(claim.totals.grandTotalOre).toBe(-18836);
    expect(marks.map((m) => [m.contactId.slice(-1), m.contactRev, m.lines.length])).toEqual([
      ['1', 2, 1],
      ['3', 1, 0],
    ]);
  });

  it('a part without a fee is listed apart with its reason and amount 0', () => {
    const { claim } = buildClaim(
      input({
        newParts: [
          part(1, null, { band: 'DAY', flags: ['uden-for-vagttid'] }),
          part(2, null, { flags: ['ingen-takst'], rulesId: null }),
          part(3, null, { part: 'video', flags: ['video-mislykket'] }),
        ],
      }),
    );
    expect(claim.lines).toEqual([]);
    expect(claim.separate.map((l) => [l.reason, l.code, l.amountOre])).toEqual([
      ['uden-for-vagttid', null, 0],
      ['ingen-takst', null, 0],
      ['video-mislykket', null, 0],
    ]);
    expect(claim.totals.grandTotal).toBe('0,00 kr.');
  });
});
