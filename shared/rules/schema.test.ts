import { describe, expect, it } from 'vitest';
import { ruleSetSchema } from './schema';
import { OK21_NATIONAL } from './ok21-national';
import { createTariff } from '../tariff';

describe('R-RULE-1 rule sets are data', () => {
  it('R-RULE-1 ok21-national validates against the one schema and carries the docs/rules.md table', () => {
    expect(ruleSetSchema.parse(JSON.parse(JSON.stringify(OK21_NATIONAL)))).toEqual(OK21_NATIONAL);
    expect(
      OK21_NATIONAL.feePeriods.map((p) => [p.from, p.fees['VIDEO-A'], p.fees['VIDEO-B']]),
    ).toEqual([
      ['2022-01-01', 22915, 28449],
      ['2023-01-01', 21634, 26859],
      ['2024-01-01', 20353, 25268],
    ]);
    expect(OK21_NATIONAL.loadThresholds).toEqual({ amber: 12, red: 20 });
  });

  it('R-RULE-1 refuses malformed rule sets', () => {
    const bad = (patch: object) => ruleSetSchema.safeParse({ ...OK21_NATIONAL, ...patch }).success;
    expect(bad({ id: '' })).toBe(false);
    expect(bad({ validFrom: '2022/01/01' })).toBe(false);
    expect(bad({ bandSchedules: [] })).toBe(false);
    expect(bad({ index: [{ from: '2022-04-01', factor: 1.05 }] })).toBe(false); // factor as exact decimal string
    expect(
      bad({ feePeriods: [{ from: '2022-01-01', agreementYear: 1, fees: { 'TLF-A': 72.13 } }] }),
    ).toBe(false);
    const segs = [{ start: '08:00', band: 'A' }];
    expect(bad({ bandSchedules: [{ ...OK21_NATIONAL.bandSchedules[0], weekday: segs }] })).toBe(
      false,
    );
  });

  it('R-RULE-1 the choice of rule set is recorded with every price (newer rule set wins from its date)', () => {
    const newer = ruleSetSchema.parse({
      ...OK21_NATIONAL,
      id: 'ok24-test',
      validFrom: '2025-01-01',
    });
    const t = createTariff([OK21_NATIONAL, newer]);
    const p = (iso: string) =>
      t.price({ kind: 'telefon', answeredAt: iso, video: null, group: 1 }).rulesId;
    expect(p('2024-12-31T17:00:00.000Z')).toBe('ok21-national');
    expect(p('2025-01-02T17:00:00.000Z')).toBe('ok24-test');
  });
});
