import { describe, expect, it } from 'vitest';
import { draftFromContact, emptyDraft, patientFromDraft } from './call';

describe('patient part of the call draft', () => {
  it('accepts a CPR with or without dash and ignores modulus 11 (R-CPR-1)', () => {
    const d = { ...emptyDraft(), cprText: '010190-1234' };
    expect(patientFromDraft(d)).toEqual({ ok: true, patient: { type: 'cpr', cpr: '0101901234' } });
    expect(patientFromDraft({ ...d, cprText: '0101901235' })).toMatchObject({ ok: true });
  });

  it('tells an incomplete CPR from a wrong one', () => {
    expect(patientFromDraft({ ...emptyDraft(), cprText: '0101' })).toEqual({
      ok: false,
      code: 'CPR_INCOMPLETE',
      incomplete: true,
    });
    expect(patientFromDraft({ ...emptyDraft(), cprText: '320190-1234' })).toMatchObject({
      ok: false,
      code: 'CPR_DATE',
      incomplete: false,
    });
    expect(patientFromDraft({ ...emptyDraft(), cprText: '12ab' })).toMatchObject({
      ok: false,
      code: 'CPR_FORMAT',
    });
  });

  it('empty patient is null, not an error', () => {
    expect(patientFromDraft(emptyDraft())).toEqual({ ok: true, patient: null });
    expect(patientFromDraft({ ...emptyDraft(), patientType: 'visitor' })).toEqual({
      ok: true,
      patient: null,
    });
  });

  it('builds a visitor identity only when complete', () => {
    const v = { ...emptyDraft(), patientType: 'visitor' as const, birthDate: '1988-07-14' };
    expect(patientFromDraft(v)).toMatchObject({ ok: false, code: 'VISITOR_INCOMPLETE' });
    expect(patientFromDraft({ ...v, country: 'DE', letters: 'HAMS' })).toEqual({
      ok: true,
      patient: { type: 'visitor', birthDate: '1988-07-14', country: 'DE', letters: 'HAMS' },
    });
    expect(patientFromDraft({ ...v, country: 'andet', letters: 'ÆØÅA' })).toMatchObject({
      ok: true,
    });
    expect(
      patientFromDraft({ ...v, birthDate: '1988-02-30', country: 'DE', letters: 'HAMS' }),
    ).toMatchObject({
      ok: false,
      code: 'VISITOR_DATE',
    });
  });

  it('round-trips a saved contact into the draft', () => {
    const fields = {
      patient: { type: 'cpr' as const, cpr: '0101901234' },
      group: 2 as const,
      caller: 'parent' as const,
      reason: 'Feber',
      outcome: 'konsultation' as const,
      transportGranted: true,
      note: 'n',
    };
    const d = draftFromContact(fields);
    expect(d).toMatchObject({
      cprText: '010190-1234',
      group: 2,
      caller: 'parent',
      transportGranted: true,
    });
    expect(patientFromDraft(d)).toEqual({ ok: true, patient: fields.patient });
  });
});
