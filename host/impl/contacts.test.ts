import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../shared/contract/events';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';
import { countRows, testHost, type TestHost } from '../testing';

const CPR = { type: 'cpr' as const, cpr: '0101901234' };

/** Tuesday 4 March 2025, 17:30 in Copenhagen: band A. */
async function onShift(start = '2025-03-04T16:30:00.000Z') {
  const h = testHost(start);
  const sup = await h.call('setup.createFirstSupervisor', {
    name: 'Sara Sup',
    authId: 'S1',
    pin: '4321',
  });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  const coord = await h.call('roster.add', {
    name: 'Kim Koord',
    authId: 'K1',
    pin: '5555',
    roles: ['doctor', 'coordinator'],
  });
  const plain = await h.call('roster.add', {
    name: 'Per Plain',
    authId: 'P1',
    pin: '6666',
    roles: ['doctor'],
  });
  const shift = await h.call('shift.open', {});
  return { h, sup, coord, plain, shift };
}

async function endedCall(h: TestHost, minutes = 3) {
  const c = await h.call('contact.start', { kind: 'telefon' });
  h.clock.advance(minutes * 60_000);
  await h.call('contact.update', {
    id: c.id,
    patch: { patient: CPR, outcome: 'raad-og-vejledning', reason: 'feber' },
  });
  return h.call('contact.end', { id: c.id });
}

describe('shifts', () => {
  it('R-SHIFT-1: allows one open shift per doctor and needs it for calls', async () => {
    const { h, shift } = await onShift();
    expect((await h.fail('shift.open', {})).code).toBe('SHIFT_ALREADY_OPEN');
    expect((await h.call('shift.current', {}))?.id).toBe(shift.id);
    const c = await h.call('contact.start', { kind: 'telefon' });
    expect((await h.fail('shift.close', { shiftId: shift.id })).code).toBe('CALL_ALREADY_OPEN');
    await h.call('contact.void', { id: c.id, reason: 'fejlopkald' });
    await endedCall(h);
    const sum = await h.call('shift.close', { shiftId: shift.id });
    expect(sum.shift.closedAt).not.toBeNull();
    expect(sum.contacts).toBe(1);
    expect(sum.voided).toBe(1);
    expect(sum.byBand.A).toBe(1);
    expect(sum.feesOre).toBe(7213);
    expect((await h.fail('contact.start', { kind: 'telefon' })).code).toBe('NO_OPEN_SHIFT');
    expect(h.db.prepare('SELECT rev, action FROM shift_revisions ORDER BY rev').all()).toEqual([
      { rev: 1, action: 'open' },
      { rev: 2, action: 'close' },
    ]);
    h.close();
  });
});

describe('shifts across bands and midnight', () => {
  it('R-SHIFT-1: one shift spans bands A, B and C over midnight; its contacts belong to it', async () => {
    const { h, shift } = await onShift('2025-03-04T20:50:00.000Z'); // 21:50 local, band A
    const a = await endedCall(h);
    h.clock.set(Date.parse('2025-03-04T22:15:00.000Z')); // 23:15, band B
    const b = await endedCall(h);
    h.clock.set(Date.parse('2025-03-04T23:30:00.000Z')); // 00:30 on 5 March, band C
    const c = await endedCall(h);
    expect([a.band, b.band, c.band]).toEqual(['A', 'B', 'C']);
    expect(new Set([a.shiftId, b.shiftId, c.shiftId])).toEqual(new Set([shift.id]));
    const sum = await h.call('shift.close', { shiftId: shift.id });
    expect(sum.contacts).toBe(3);
    expect(sum.byBand).toMatchObject({ A: 1, B: 1, C: 1 });
    // docs/rules.md §4: 7 213 + 9 418 + 10 089 øre.
    expect(sum.feesOre).toBe(26_720);
    h.close();
  });
});

describe('contacts', () => {
  it('R-CON-1: a contact is telefon or video-forvisiteret, nothing else', async () => {
    const { h } = await onShift();
    const pre = await h.call('contact.start', { kind: 'video-forvisiteret' });
    expect(pre.kind).toBe('video-forvisiteret');
    await h.call('contact.void', { id: pre.id, reason: 'fejl' });
    const tel = await h.call('contact.start', { kind: 'telefon' });
    expect(tel.kind).toBe('telefon');
    await h.call('contact.void', { id: tel.id, reason: 'fejl' });
    expect((await h.fail('contact.start', { kind: 'sygebesoeg' })).code).toBe('INVALID_INPUT');
    h.close();
  });

  it('records a call: band and fee decided at answer, stored with the rule set (R-FEE-8)', async () => {
    const { h } = await onShift('2025-03-04T20:59:30.000Z'); // 21:59:30 local, band A
    const c = await h.call('contact.start', { kind: 'telefon' });
    expect(c.answeredAt).toBe('2025-03-04T20:59:30.000Z');
    expect(c.status).toBe('open');
    expect((await h.fail('contact.start', { kind: 'telefon' })).code).toBe('CALL_ALREADY_OPEN');
    h.clock.advance(5 * 60_000); // into band B
    await h.call('contact.update', { id: c.id, patch: { patient: CPR, outcome: 'recept' } });
    const ended = await h.call('contact.end', { id: c.id });
    expect(ended.band).toBe('A');
    expect(ended.rulesId).toBe('ok21-national');
    expect(ended.lines.map((l) => [l.code, l.amountOre])).toEqual([['TLF-A', 7213]]);
    expect(ended.endedAt).toBe('2025-03-04T21:04:30.000Z');
    expect(ended.rev).toBe(2);
    expect(await h.call('contact.current', {})).toBeNull();
    h.close();
  });

  it('autosave keeps working state without committing a revision; end commits it', async () => {
    const { h } = await onShift();
    const c = await h.call('contact.start', { kind: 'telefon' });
    const before = countRows(h, ['contact_revisions', 'outbox']);
    const saved = await h.call('contact.update', {
      id: c.id,
      patch: { note: 'hoste', caller: 'parent', group: 2 },
    });
    expect(saved.rev).toBe(1);
    expect(saved.flags).toContain('gruppe-2');
    expect(countRows(h, ['contact_revisions', 'outbox'])).toEqual(before);
    expect((await h.call('contact.current', {}))?.note).toBe('hoste');
    h.close();
  });

  it('refuses to end without outcome and patient, and checks the CPR date', async () => {
    const { h } = await onShift();
    const c = await h.call('contact.start', { kind: 'telefon' });
    const e1 = await h.fail('contact.end', { id: c.id });
    expect(e1).toMatchObject({
      code: 'VALIDATION',
      details: { outcome: 'REQUIRED', patient: 'REQUIRED' },
    });
    // R-REC-1: a CPR or birth date that is no real date is refused at the door, already on
    // autosave; a real date in the future passes the door and is refused when ending.
    const badCpr = await h.fail('contact.update', {
      id: c.id,
      patch: { patient: { type: 'cpr', cpr: '3102901234' }, outcome: 'recept' },
    });
    expect(badCpr).toMatchObject({
      code: 'INVALID_INPUT',
      details: { 'patch.patient.cpr': 'CPR_INVALID' },
    });
    const badDate = await h.fail('contact.update', {
      id: c.id,
      patch: {
        patient: { type: 'visitor', birthDate: '1980-02-30', country: 'DE', letters: 'ANHA' },
      },
    });
    expect(badDate).toMatchObject({
      code: 'INVALID_INPUT',
      details: { 'patch.patient.birthDate': 'DATE' },
    });
    await h.call('contact.update', {
      id: c.id,
      patch: { patient: { type: 'cpr', cpr: '0101304321' }, outcome: 'recept' },
    });
    expect((await h.fail('contact.end', { id: c.id })).details).toEqual({
      'patient.cpr': 'CPR_FUTURE',
    });
    await h.call('contact.update', {
      id: c.id,
      patch: {
        patient: { type: 'visitor', birthDate: '1980-02-28', country: 'DE', letters: 'ANHA' },
      },
    });
    expect((await h.call('contact.end', { id: c.id })).status).toBe('ended');
    h.close();
  });

  it('escalates to video and hands it over to a coordinator (R-CON-5)', async () => {
    const { h, sup, coord, plain } = await onShift();
    const c = await h.call('contact.start', { kind: 'telefon' });
    expect((await h.fail('contact.escalate', { id: c.id, toDoctorId: plain.id })).details).toEqual({
      toDoctorId: 'NOT_COORDINATOR',
    });
    const esc = await h.call('contact.escalate', { id: c.id, toDoctorId: coord.id });
    expect(esc.video).toMatchObject({
      doctorId: coord.id,
      requestedAt: '2025-03-04T16:30:00.000Z',
      connectedAt: null,
    });
    expect((await h.fail('contact.escalate', { id: c.id })).code).toBe('INVALID_STATE');
    h.clock.advance(60_000);
    await h.call('contact.update', { id: c.id, patch: { patient: CPR, outcome: 'video' } });
    const ended = await h.call('contact.end', { id: c.id });
    expect(ended.status).toBe('ended');
    // The coordinator takes the video after the triage call has ended.
    await h.call('auth.signIn', { doctorId: coord.id, pin: '5555' });
    const coordShift = await h.call('shift.open', {});
    h.clock.advance(60_000);
    const conn = await h.call('contact.videoConnected', { id: c.id });
    expect(conn.lines.map((l) => [l.code, l.amountOre])).toEqual([
      ['TLF-A', 7213],
      ['VIDEO-A', 20353],
    ]);
    h.clock.advance(10 * 60_000);
    const done = await h.call('contact.videoEnded', { id: c.id });
    expect(done.video?.endedAt).toBe('2025-03-04T16:42:00.000Z');
    const sum = await h.call('shift.summary', { shiftId: coordShift.id });
    expect(sum).toMatchObject({
      contacts: 1,
      videoEscalations: 1,
      videoConnected: 1,
      feesOre: 20353,
    });
    expect(
      (await h.call('contact.listByShift', { shiftId: coordShift.id })).map((x) => x.id),
    ).toEqual([c.id]);
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const hist = await h.call('contact.history', { id: c.id });
    expect(hist.map((r) => [r.rev, r.action, r.reason])).toEqual([
      [1, 'create', null],
      [2, 'save', 'video overdraget'],
      [3, 'end', null],
      [4, 'save', 'video forbundet'],
      [5, 'save', 'video afsluttet'],
    ]);
    expect(hist[3]!.byName).toBe('Kim Koord');
    h.close();
  });

  it('a failed video leaves a telephone contact without video fee (R-CON-2)', async () => {
    const { h } = await onShift();
    const c = await h.call('contact.start', { kind: 'telefon' });
    await h.call('contact.escalate', { id: c.id });
    const f = await h.call('contact.videoFailed', { id: c.id, reason: 'ingen forbindelse' });
    expect(f.video?.failReason).toBe('ingen forbindelse');
    expect(f.lines.map((l) => l.code)).toEqual(['TLF-A']);
    expect((await h.fail('contact.videoConnected', { id: c.id })).code).toBe('INVALID_STATE');
    h.close();
  });

  it('corrections and voids are new revisions; nothing is overwritten (R-REV-1)', async () => {
    const { h, sup } = await onShift();
    const c = await endedCall(h);
    expect(
      (await h.fail('contact.correct', { id: c.id, patch: { note: 'x' }, reason: 'ok' })).code,
    ).toBe('INVALID_INPUT');
    const fixed = await h.call('contact.correct', {
      id: c.id,
      patch: { outcome: 'recept' },
      reason: 'forkert udfald',
    });
    expect(fixed).toMatchObject({
      rev: 3,
      outcome: 'recept',
      revisedBy: sup.id,
      revisionReason: 'forkert udfald',
    });
    const voided = await h.call('contact.void', { id: c.id, reason: 'dobbeltregistrering' });
    expect(voided.status).toBe('voided');
    expect(
      (await h.fail('contact.correct', { id: c.id, patch: { note: 'y' }, reason: 'igen' })).code,
    ).toBe('INVALID_STATE');
    const hist = await h.call('contact.history', { id: c.id });
    expect(hist.map((r) => r.action)).toEqual(['create', 'end', 'correct', 'void']);
    expect(hist[1]!.contact.outcome).toBe('raad-og-vejledning');
    expect(() => h.db.prepare('UPDATE contact_revisions SET reason = NULL').run()).toThrow(
      /append-only/,
    );
    expect(() => h.db.prepare('DELETE FROM contacts').run()).toThrow(/never deleted/);
    // Every committed revision has its outbox item, in order.
    const ob = h.db
      .prepare("SELECT rev FROM outbox WHERE type = 'contact' AND item_id = ? ORDER BY seq")
      .all(c.id);
    expect(ob).toEqual([{ rev: 1 }, { rev: 2 }, { rev: 3 }, { rev: 4 }]);
    h.close();
  });

  it('keeps recorded prices when a new rule set is imported (R-FEE-8)', async () => {
    const { h } = await onShift();
    const c = await endedCall(h);
    const newer = {
      ...OK21_NATIONAL,
      id: 'test-2025',
      name: 'Test',
      validFrom: '2025-01-01',
      feePeriods: [
        {
          from: '2025-01-01',
          agreementYear: 4,
          fees: { 'TLF-A': 9999, 'TLF-B': 9999, 'TLF-C': 9999, 'VIDEO-A': 9999, 'VIDEO-B': 9999 },
        },
      ],
      continuationFrom: null,
    };
    expect((await h.fail('rules.import', { json: '{"id":1}' })).code).toBe('RULES_INVALID');
    const info = await h.call('rules.import', { json: JSON.stringify(newer) });
    expect(info).toMatchObject({ id: 'test-2025', builtIn: false });
    expect((await h.fail('rules.import', { json: JSON.stringify(newer) })).details).toEqual({
      id: 'EXISTS',
    });
    expect((await h.call('rules.list', {})).map((r) => r.id)).toEqual([
      'ok21-national',
      'test-2025',
    ]);
    const fixed = await h.call('contact.correct', {
      id: c.id,
      patch: { note: 'tilføjet' },
      reason: 'supplement',
    });
    expect(fixed.rulesId).toBe('ok21-national');
    expect(fixed.lines).toEqual(c.lines);
    h.close();
  });

  it('emits outbox and band events', async () => {
    const { h } = await onShift('2025-03-04T20:59:59.000Z');
    const events: HostEvent[] = [];
    h.events.subscribe((e) => events.push(e));
    await endedCall(h);
    expect(events.filter((e) => e.type === 'outbox').at(-1)).toMatchObject({
      type: 'outbox',
      waiting: expect.any(Number),
    });
    const waiting = (
      h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as {
        n: number;
      }
    ).n;
    expect(events.filter((e) => e.type === 'outbox').at(-1)).toEqual({
      type: 'outbox',
      waiting,
      conflicts: 0,
    });
    const now = await h.call('clock.now', {});
    expect(now).toMatchObject({
      band: 'B',
      next: { at: '2025-03-04T23:00:00.000Z', band: 'C' },
      rulesId: 'ok21-national',
    });
    h.close();
  });

  it('lets only the answering doctor or a supervisor see a contact', async () => {
    const { h, plain } = await onShift();
    const c = await endedCall(h);
    await h.call('auth.signIn', { doctorId: plain.id, pin: '6666' });
    expect((await h.fail('contact.get', { id: c.id })).code).toBe('FORBIDDEN');
    expect((await h.fail('contact.void', { id: c.id, reason: 'ikke min' })).code).toBe('FORBIDDEN');
    expect((await h.fail('contact.get', { id: '01234567-89ab-7def-8123-456789abcdef' })).code).toBe(
      'NOT_FOUND',
    );
    h.close();
  });
});
