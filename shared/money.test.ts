import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatKr, formatOre, formatOreForCsv, sumOre } from './money';

describe('money in integer øre (R-CLAIM-1 display)', () => {
  it('R-CLAIM-1 formats øre Danish style as "1.234,56 kr."', () => {
    expect(formatKr(123456)).toBe('1.234,56 kr.');
    expect(formatKr(7213)).toBe('72,13 kr.');
    expect(formatKr(5)).toBe('0,05 kr.');
    expect(formatKr(0)).toBe('0,00 kr.');
    expect(formatKr(123456789)).toBe('1.234.567,89 kr.');
    expect(formatKr(-9418)).toBe('-94,18 kr.');
  });

  it('CSV amounts use a decimal comma and no thousands separator', () => {
    expect(formatOreForCsv(123456)).toBe('1234,56');
    expect(formatOreForCsv(-5)).toBe('-0,05');
  });

  it('refuses fractions of an øre', () => {
    expect(() => formatKr(12.5)).toThrow(RangeError);
    expect(() => sumOre([1, 0.1])).toThrow(RangeError);
  });

  it('formatting round-trips to the same integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ore) => {
        const back = Number(formatOre(ore).replace(/\./g, '').replace(',', ''));
        return back === ore;
      }),
    );
  });
});
