// The claim's local date and time (R-TIME-1) against luxon, across both summer-time changes.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localDateTime, patientId } from './parts';

it('localDateTime agrees with luxon in Europe/Copenhagen for any instant 2020–2035', () => {
  fc.assert(
    fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }), (ms) => {
      const iso = new Date(ms).toISOString();
      const dt = DateTime.fromMillis(ms, { zone: 'Europe/Copenhagen' });
      expect(localDateTime(iso)).toEqual({
        date: dt.toFormat('yyyy-MM-dd'),
        time: dt.toFormat('HH:mm'),
      });
    }),
    { numRuns: 2000 },
  );
  // 30 March 2025 02:00 CET → 03:00 CEST; 26 October 2025 03:00 CEST → 02:00 CET.
  expect(localDateTime('2025-03-30T00:59:59.999Z').time).toBe('01:59');
  expect(localDateTime('2025-03-30T01:00:00.000Z').time).toBe('03:00');
  expect(localDateTime('2025-10-26T00:30:00.000Z').time).toBe('02:30');
  expect(localDateTime('2025-10-26T01:30:00.000Z').time).toBe('02:30');
});

it('patient ids: CPR as DDMMYY-SSSS, a visitor as birth date, country and letters', () => {
  expect(patientId({ type: 'cpr', cpr: '0101901234' })).toBe('010190-1234');
  expect(
    patientId({ type: 'visitor', birthDate: '1985-06-15', country: 'andet', letters: 'ÆØÅB' }),
  ).toBe('1985-06-15 andet land ÆØÅB');
  expect(patientId(null)).toBe('');
});
