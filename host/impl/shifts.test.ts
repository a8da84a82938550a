import { describe, expect, it } from 'vitest';
import { testHost, type TestHost } from '../testing';

const CPR = { type: 'cpr' as const, cpr: '0101901234' };

async function endedCall(h: TestHost, minutes = 3) {
  const c = await h.call('contact.start', { kind: 'telefon' });
  h.clock.advance(minutes * 60_000);
  await h.call('contact.update', {
    id: c.id,
    patch: { patient: CPR, outcome: 'raad-og-vejledning', reason: 'feber' },
  });
  return h.call('contact.end', { id: c.id });
}

/**
 * Tuesday 4 March 2025 17:30 Copenhagen. Per Plain works three shifts: one ended on the 4th
 * (2 calls, one voided), one on the 5th (1 call, escalated to video that connects), and one
 * still open on the 6th (1 call). The supervisor has one shift of her own.
 */
async function threeShifts() {
  const h = testHost('2025-03-04T16:30:00.000Z');
  const sup = await h.call('setup.createFirstSupervisor', {
    name: 'Sara Sup',
    authId: 'S1',
    pin: '4321',
  });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  const other = await h.call('roster.add', {
    name: 'Ole Other',
    authId: 'O1',
    pin: '7777',
    roles: ['doctor'],
  });
  const plain = await h.call('roster.add', {
    name: 'Per Plain',
    authId: 'P1',
    pin: '6666',
    roles: ['doctor'],
  });
  const supShift = await h.call('shift.open', {});
  await endedCall(h);
  await h.call('shift.close', { shiftId: supShift.id });

  await h.call('auth.signIn', { doctorId: plain.id, pin: '6666' });
  const s1 = await h.call('shift.open', {});
  await endedCall(h);
  const v = await h.call('contact.start', { kind: 'telefon' });
  await h.call('contact.void', { id: v.id, reason: 'fejlopkald' });
  h.clock.advance(60 * 60_000);
  await h.call('shift.close', { shiftId: s1.id });

  h.clock.set(Date.parse('2025-03-05T20:00:00.000Z'));
  const s2 = await h.call('shift.open', {});
  const c = await h.call('contact.start', { kind: 'telefon' });
  await h.call('contact.escalate', { id: c.id });
  h.clock.advance(60_000);
  await h.call('contact.videoConnected', { id: c.id });
  await h.call('contact.update', { id: c.id, patch: { patient: CPR, outcome: 'video' } });
  h.clock.advance(5 * 60_000);
  await h.call('contact.videoEnded', { id: c.id });
  await h.call('contact.end', { id: c.id });
  h.clock.advance(60 * 60_000);
  await h.call('shift.close', { shiftId: s2.id });

  h.clock.set(Date.parse('2025-03-06T17:00:00.000Z'));
  const s3 = await h.call('shift.open', {});
  await endedCall(h);
  return { h, sup, other, plain, supShift, s1, s2, s3 };
}

describe('shift.list', () => {
  it('lists the own shifts newest first with the shift.summary figures', async () => {
    const { h, plain, s1, s2, s3 } = await threeShifts();
    const list = await h.call('shift.list', {});
    expect(list.map((x) => x.shift.id)).toEqual([s3.id, s2.id, s1.id]);
    expect(list.every((x) => x.shift.doctorId === plain.id)).toBe(true);
    expect(list[0]!.shift.closedAt).toBeNull();
    for (const item of list)
      expect(item).toEqual(await h.call('shift.summary', { shiftId: item.shift.id }));
    expect(list[2]).toMatchObject({ contacts: 1, voided: 1, byBand: { A: 1 }, feesOre: 7213 });
    expect(list[1]).toMatchObject({ contacts: 1, videoEscalations: 1, videoConnected: 1 });
    expect(list[1]!.feesOre).toBeGreaterThan(7213);
    h.close();
  });

  it('filters to the shifts that overlap [from, to); an open shift reaches to now', async () => {
    const { h, s1, s2, s3 } = await threeShifts();
    const ids = async (from?: string, to?: string) =>
      (await h.call('shift.list', { from, to })).map((x) => x.shift.id);
    expect(await ids('2025-03-05T00:00:00.000Z', '2025-03-06T00:00:00.000Z')).toEqual([s2.id]);
    // s1 ran 16:33→17:36 on the 4th: a period ending at its opening misses it, a minute later hits.
    expect(s1.openedAt).toBe('2025-03-04T16:33:00.000Z');
    expect(await ids('2025-03-04T00:00:00.000Z', s1.openedAt)).toEqual([]);
    expect(await ids('2025-03-04T00:00:00.000Z', '2025-03-04T16:34:00.000Z')).toEqual([s1.id]);
    expect(await ids('2025-03-04T17:36:00.000Z', '2025-03-05T00:00:00.000Z')).toEqual([]);
    expect(await ids('2025-03-04T17:40:00.000Z')).toEqual([s3.id, s2.id]);
    expect(await ids('2025-03-07T00:00:00.000Z')).toEqual([s3.id]);
    expect(await ids(undefined, '2025-03-05T00:00:00.000Z')).toEqual([s1.id]);
    expect((await h.fail('shift.list', { from: s3.openedAt, to: s1.openedAt })).code).toBe(
      'VALIDATION',
    );
    expect((await h.fail('shift.list', { from: '2025-03-04' })).code).toBe('INVALID_INPUT');
    expect((await h.fail('shift.list', { extra: 1 })).code).toBe('INVALID_INPUT');
    h.close();
  });

  it('shows another doctor’s shifts to a supervisor only', async () => {
    const { h, sup, other, plain, supShift, s1, s2, s3 } = await threeShifts();
    // Per (a doctor) may not look at Sara's shifts.
    expect((await h.fail('shift.list', { doctorId: sup.id })).code).toBe('FORBIDDEN');
    expect((await h.call('shift.list', { doctorId: plain.id })).length).toBe(3);
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    expect((await h.call('shift.list', {})).map((x) => x.shift.id)).toEqual([supShift.id]);
    expect((await h.call('shift.list', { doctorId: plain.id })).map((x) => x.shift.id)).toEqual([
      s3.id,
      s2.id,
      s1.id,
    ]);
    expect(await h.call('shift.list', { doctorId: other.id })).toEqual([]);
    await h.call('auth.signOut', {});
    expect((await h.fail('shift.list', {})).code).toBe('NOT_SIGNED_IN');
    h.close();
  });
});

describe('shift.list on the demo week', () => {
  it('gives each shift the fees of its claim (group 2 listed apart, but earned)', async () => {
    const h = testHost('2025-05-28T06:30:00.000Z');
    await h.call('setup.loadDemo', {});
    const anne = (await h.call('roster.list', {})).find((d) => d.name.startsWith('Anne'))!;
    await h.call('auth.signIn', { doctorId: anne.id, pin: '1234' });
    const roster = await h.call('roster.list', {});
    let compared = 0;
    for (const d of roster) {
      const list = await h.call('shift.list', { doctorId: d.id });
      expect(list).toHaveLength(7);
      for (const s of list) {
        const claim = await h.call('claim.preview', { doctorId: d.id, shiftId: s.shift.id });
        const ore = [...claim.lines, ...claim.separate].reduce((sum, l) => sum + l.amountOre, 0);
        expect(ore, `${d.name} ${s.shift.openedAt}`).toBe(s.feesOre);
        compared += 1;
      }
    }
    expect(compared).toBe(28);
    h.close();
  });
});
