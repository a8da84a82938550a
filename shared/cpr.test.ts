import { describe, expect, it } from 'vitest';
import { cprCentury, formatCpr, maskCpr, parseCpr } from './cpr';
import { parseVisitor } from './visitor';

describe('R-CPR-1 CPR numbers', () => {
  it('R-CPR-1 accepts 10 digits with or without the hyphen and gives the birth date', () => {
    expect(parseCpr('010190-1234')).toEqual({
      ok: true,
      cpr: '0101901234',
      birthDate: '1990-01-01',
    });
    expect(parseCpr('0101901234')).toEqual({
      ok: true,
      cpr: '0101901234',
      birthDate: '1990-01-01',
    });
    expect(parseCpr(' 010190 1234 ')).toMatchObject({ ok: true });
  });

  it('R-CPR-1 does not require modulus 11', () => {
    // 010190-1235 fails the old modulus-11 check but is a valid number since 2007.
    expect(parseCpr('0101901235').ok).toBe(true);
  });

  it('R-CPR-1 century from the 7th digit by the official table', () => {
    expect(cprCentury(90, 0)).toBe(1990);
    expect(cprCentury(10, 3)).toBe(1910);
    expect(cprCentury(36, 4)).toBe(2036);
    expect(cprCentury(37, 4)).toBe(1937);
    expect(cprCentury(57, 5)).toBe(2057);
    expect(cprCentury(58, 8)).toBe(1858);
    expect(cprCentury(36, 9)).toBe(2036);
    expect(cprCentury(37, 9)).toBe(1937);
    expect(parseCpr('2902004000')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parseCpr('2902001000')).toMatchObject({ ok: false, code: 'CPR_DATE' }); // 1900 no leap
  });

  it('R-CPR-1 invalid input gets a clear Danish error', () => {
    expect(parseCpr('12345')).toMatchObject({
      ok: false,
      code: 'CPR_FORMAT',
      message: expect.stringContaining('10 cifre'),
    });
    expect(parseCpr('3213901234')).toMatchObject({
      ok: false,
      code: 'CPR_DATE',
      message: expect.stringContaining('dato'),
    });
    expect(parseCpr('0000001234')).toMatchObject({ ok: false, code: 'CPR_DATE' });
    expect(parseCpr('010130-5123', '2026-11-23')).toMatchObject({ ok: false, code: 'CPR_FUTURE' });
    expect(parseCpr('abcdefghij').ok).toBe(false);
  });

  it('R-CPR-1 is shown DDMMYY-SSSS, masked in lists', () => {
    expect(formatCpr('0101901234')).toBe('010190-1234');
    expect(maskCpr('0101901234')).toBe('010190-XXXX');
  });
});

describe('R-CON-3 visitor identity', () => {
  it('R-CON-3 accepts birth date, EU country or "andet", and four letters', () => {
    expect(parseVisitor({ birthDate: '1985-07-14', country: 'DE', letters: 'hama' })).toEqual({
      ok: true,
      birthDate: '1985-07-14',
      country: 'DE',
      letters: 'HAMA',
    });
    expect(parseVisitor({ birthDate: '1985-07-14', country: 'andet', letters: 'ØSÆÅ' }).ok).toBe(
      true,
    );
  });

  it('R-CON-3 refuses bad visitor data with Danish messages', () => {
    expect(parseVisitor({ birthDate: '1985-02-30', country: 'DE', letters: 'HAMA' })).toMatchObject(
      { ok: false, code: 'VISITOR_DATE' },
    );
    expect(parseVisitor({ birthDate: '1985-02-10', country: 'US', letters: 'HAMA' })).toMatchObject(
      { ok: false, code: 'VISITOR_COUNTRY' },
    );
    expect(parseVisitor({ birthDate: '1985-02-10', country: 'SE', letters: 'HA1' })).toMatchObject({
      ok: false,
      code: 'VISITOR_LETTERS',
    });
  });
});
