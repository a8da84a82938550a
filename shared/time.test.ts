import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant, storageInstantMs } from './time';

// What storageInstantMs replaces: a string is a real storage-format instant when Date.parse
// reads it and toISOString gives the same text back.
const byRoundTrip = (s: string): number | null => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s)) return null;
  const ms = Date.parse(s);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === s ? ms : null;
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('storageInstantMs (R-REC-1: real instants only)', () => {
  it('R-REC-1: agrees with the Date round trip on every field combination, real or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
          expect(storageInstantMs(text)).toBe(byRoundTrip(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('R-REC-1: agrees on every instant from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 7_258_118_400_000 }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(storageInstantMs(text)).toBe(ms);
      }),
      { numRuns: 20_000 },
    );
  });

  it('R-REC-1: refuses leap days that are not, and anything not in the storage format', () => {
    expect(storageInstantMs('2024-02-29T12:00:00.000Z')).toBe(Date.UTC(2024, 1, 29, 12));
    expect(storageInstantMs('2000-02-29T00:00:00.000Z')).toBe(Date.UTC(2000, 1, 29));
    for (const bad of [
      '2025-02-29T12:00:00.000Z',
      '1900-02-29T12:00:00.000Z',
      '2025-02-28T25:61:61.999Z',
      '2025-02-28T24:00:00.000Z',
      '2025-04-31T10:00:00.000Z',
      '2025-01-06T16:00:00Z',
      '2025-01-06T16:00:00.000+01:00',
      '2025-01-06 16:00:00.000Z',
      '2025-01-06T16:00:00.0a0Z',
      '+2025-01-06T16:00:00.000Z',
      '２０２５-01-06T16:00:00.000Z',
      '',
    ])
      expect(storageInstantMs(bad), bad).toBeNull();
  });

  it('R-TIME-1: parseInstant still reads other zones through luxon', () => {
    expect(parseInstant('2025-01-06T17:00:00.000+01:00')).toBe(Date.UTC(2025, 0, 6, 16));
    expect(parseInstant('2025-01-06T16:00:00.000Z')).toBe(Date.UTC(2025, 0, 6, 16));
    expect(parseInstant('2025-02-30T16:00:00.000Z')).toBeNull();
  });
});
