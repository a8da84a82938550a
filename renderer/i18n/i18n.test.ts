import { describe, expect, it } from 'vitest';
import { ERROR_CODES, HostError } from '../../shared/contract/errors';
import { OUTCOMES, CALLERS } from '../../shared/contract/models';
import { da } from './da';
import { en } from './en';
import { errorText, fieldErrors, fieldText, format, translate, type T } from './index';

describe('UI catalogues', () => {
  it('Danish and English have exactly the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    for (const [k, v] of Object.entries(da)) expect(v.trim(), k).not.toBe('');
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
  });

  it('has a Danish message for every error code of the contract', () => {
    for (const code of ERROR_CODES) {
      expect(da).toHaveProperty(`error.${code}`);
      expect(errorText(new HostError(code, 'x'), (k) => translate('da', k))).toBe(
        da[`error.${code}` as keyof typeof da],
      );
    }
  });

  it('has Danish field messages for CPR and visitor detail codes', () => {
    const tr: T = (k, v) => translate('da', k, v);
    expect(fieldText('CPR_FORMAT', tr)).toMatch(/10 cifre/);
    expect(fieldText('CPR_DATE', tr)).toMatch(/gyldig dato/);
    expect(fieldText('CPR_FUTURE', tr)).toMatch(/fremtiden/);
    expect(fieldText('VISITOR_LETTERS', tr)).toMatch(/fire bogstaver/);
    expect(fieldText('SOMETHING_NEW', tr)).toBe('Ugyldig værdi (SOMETHING_NEW).');
  });

  it('names every outcome (R-CON-4) and caller', () => {
    for (const o of OUTCOMES) expect(da).toHaveProperty(`outcome.${o}`);
    for (const c of CALLERS) expect(da).toHaveProperty(`caller.${c}`);
  });

  it('maps host details to form fields, zod paths included', () => {
    const tr: T = (k, v) => translate('da', k, v);
    const err = new HostError('INVALID_INPUT', 'bad', {
      'patch.patient.cpr': 'CPR_DATE',
      'patch.note': 'too_big',
      outcome: 'too_small',
    });
    expect(fieldErrors(err, tr)).toEqual({
      patient: da['field.CPR_DATE'],
      note: da['field.too_big'],
      outcome: da['field.too_small'],
    });
    expect(errorText(new Error('network'), tr)).toBe(da['error.TRANSPORT']);
  });

  it('interpolates placeholders', () => {
    expect(format('{n} venter på synkronisering', { n: 3 })).toBe('3 venter på synkronisering');
    expect(format('a {missing} b', {})).toBe('a {missing} b');
  });
});

describe('lost connection', () => {
  it('is not called an internal error', () => {
    const tr: T = (k, v) => translate('da', k, v);
    expect(errorText(new HostError('INTERNAL', 'Vagtkonsol svarer ikke'), tr)).toBe(
      da['error.TRANSPORT'],
    );
    expect(errorText(new HostError('INTERNAL', 'HTTP 502'), tr)).toBe(da['error.TRANSPORT']);
    expect(errorText(new HostError('INTERNAL', 'Internal error'), tr)).toBe(da['error.INTERNAL']);
  });
});
