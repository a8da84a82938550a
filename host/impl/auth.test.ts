import { describe, expect, it } from 'vitest';
import { testHost } from '../testing';

async function withSupervisor() {
  const h = testHost();
  const sup = await h.call('setup.createFirstSupervisor', {
    name: 'Sara Sup',
    authId: 'S1',
    pin: '4321',
  });
  return { h, sup };
}

describe('setup and roster', () => {
  it('creates the first supervisor only on an empty roster', async () => {
    const { h, sup } = await withSupervisor();
    expect(sup.roles).toEqual(['doctor', 'supervisor']);
    expect((await h.call('setup.status', {})).hasDoctors).toBe(true);
    expect(
      (await h.fail('setup.createFirstSupervisor', { name: 'X', authId: 'S2', pin: '1111' })).code,
    ).toBe('ALREADY_SET_UP');
    expect((await h.fail('setup.loadDemo', {})).code).toBe('ALREADY_SET_UP');
    h.close();
  });

  it('stores PINs as salted scrypt hashes, never in clear', async () => {
    const { h, sup } = await withSupervisor();
    const row = h.db.prepare('SELECT pin_hash FROM doctors WHERE id = ?').get(sup.id) as {
      pin_hash: string;
    };
    expect(row.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.pin_hash).not.toContain('4321');
    h.close();
  });

  it('R-ROLE-1: only a signed-in supervisor manages the roster; a person may hold several roles', async () => {
    const { h, sup } = await withSupervisor();
    const add = { name: 'Dora', authId: 'D1', pin: '1111', roles: ['doctor' as const] };
    expect((await h.fail('roster.add', add)).code).toBe('NOT_SIGNED_IN');
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const dora = await h.call('roster.add', add);
    expect((await h.fail('roster.add', { ...add, name: 'Other' })).details).toEqual({
      authId: 'TAKEN',
    });
    await h.call('auth.signIn', { doctorId: dora.id, pin: '1111' });
    expect((await h.fail('roster.update', { id: dora.id, name: 'Dora 2' })).code).toBe('FORBIDDEN');
    expect(
      (
        await h.fail('load.local', {
          from: '2025-03-04T00:00:00.000Z',
          to: '2025-03-05T00:00:00.000Z',
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect((await h.fail('rules.import', { json: '{}' })).code).toBe('FORBIDDEN');
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const upd = await h.call('roster.update', {
      id: dora.id,
      roles: ['coordinator', 'doctor'],
      pin: '2222',
    });
    expect(upd.roles).toEqual(['doctor', 'coordinator']);
    expect((await h.fail('roster.update', { id: sup.id, roles: ['doctor'] })).code).toBe(
      'VALIDATION',
    );
    await h.call('roster.update', { id: dora.id, active: false });
    expect((await h.fail('auth.signIn', { doctorId: dora.id, pin: '2222' })).code).toBe(
      'FORBIDDEN',
    );
    const audit = h.db
      .prepare("SELECT action FROM audit WHERE action LIKE 'roster-%' ORDER BY id")
      .all();
    expect(audit.length).toBe(4);
    h.close();
  });
});

describe('sign-in', () => {
  it('locks a doctor out for 5 minutes after 5 wrong PINs', async () => {
    const { h, sup } = await withSupervisor();
    for (let i = 1; i <= 4; i++) {
      const e = await h.fail('auth.signIn', { doctorId: sup.id, pin: '0000' });
      expect(e.code).toBe('WRONG_PIN');
      expect(e.details).toEqual({ remaining: String(5 - i) });
    }
    expect((await h.fail('auth.signIn', { doctorId: sup.id, pin: '0000' })).code).toBe(
      'LOCKED_OUT',
    );
    // Even the right PIN is refused while locked out.
    h.clock.advance(4 * 60_000 + 59_000);
    expect((await h.fail('auth.signIn', { doctorId: sup.id, pin: '4321' })).code).toBe(
      'LOCKED_OUT',
    );
    h.clock.advance(2000);
    const s = await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    expect(s.doctor.id).toBe(sup.id);
    expect(s.signedInAt).toBe(new Date(h.clock.now()).toISOString());
    expect((await h.call('auth.session', {}))?.doctor.id).toBe(sup.id);
    await h.call('auth.signOut', {});
    expect(await h.call('auth.session', {})).toBeNull();
    h.close();
  });

  it('lifts a lockout when a supervisor resets the PIN', async () => {
    const { h, sup } = await withSupervisor();
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const d = await h.call('roster.add', {
      name: 'Dan',
      authId: 'D9',
      pin: '9999',
      roles: ['doctor'],
    });
    for (let i = 0; i < 5; i++) await h.fail('auth.signIn', { doctorId: d.id, pin: '0000' });
    expect((await h.fail('auth.signIn', { doctorId: d.id, pin: '9999' })).code).toBe('LOCKED_OUT');
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    await h.call('roster.update', { id: d.id, pin: '8888' });
    expect((await h.call('auth.signIn', { doctorId: d.id, pin: '8888' })).doctor.id).toBe(d.id);
    h.close();
  });

  it('keeps one signed-in doctor per host', async () => {
    const { h, sup } = await withSupervisor();
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const d = await h.call('roster.add', {
      name: 'Dan',
      authId: 'D9',
      pin: '9999',
      roles: ['doctor'],
    });
    await h.call('auth.signIn', { doctorId: d.id, pin: '9999' });
    expect((await h.call('auth.session', {}))?.doctor.id).toBe(d.id);
    h.close();
  });

  it('loads a demo roster with PIN 1234 and a past week of contacts', async () => {
    const h = testHost();
    const r = await h.call('setup.loadDemo', {});
    expect(r.doctors).toBe(4);
    expect(r.contacts).toBeGreaterThan(100);
    const roster = await h.call('roster.list', {});
    expect(roster.every((d) => d.demo)).toBe(true);
    expect(roster.filter((d) => d.roles.includes('supervisor'))).toHaveLength(1);
    expect(roster.filter((d) => d.roles.includes('coordinator'))).toHaveLength(1);
    expect((await h.call('setup.status', {})).demo).toBe(true);
    for (const d of roster) await h.call('auth.signIn', { doctorId: d.id, pin: '1234' });
    const { n } = h.db.prepare('SELECT COUNT(*) AS n FROM contacts WHERE demo = 1').get() as {
      n: number;
    };
    expect(n).toBe(r.contacts);
    // Demo data is never queued for sync; signing in is.
    expect(h.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE type != 'audit'").get()).toEqual({
      n: 0,
    });
    h.close();
  });
});
