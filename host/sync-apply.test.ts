// The pull applier on its own: roster upserts (PIN kept when the server has none, authId
// clashes skipped), rule sets, and other devices' records kept apart from local ones.
import { describe, expect, it } from 'vitest';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { hashPin, verifyPin } from './pin';
import { getDoctorSecret } from './stores/doctors';
import { applyPulledItems, NO_PIN } from './sync-apply';
import type { PulledItem } from './sync/client';
import { testHost } from './testing';

const OTHER = '0193a0b0-0000-7000-8000-0000000000aa';
const NOW = '2025-03-04T16:30:00.000Z';

function doctor(id: string, authId: string, pinHash: string | null, rev = 1): PulledItem {
  return {
    id,
    rev,
    deviceId: 'server',
    type: 'doctor',
    payload: {
      id,
      name: `Dr ${authId}`,
      authId,
      roles: ['doctor'],
      active: true,
      demo: false,
      pinHash,
    },
  };
}

describe('applyPulledItems', () => {
  it('upserts the roster: no server PIN keeps the local one; a new doctor without PIN cannot sign in', async () => {
    const h = testHost();
    const local = await h.call('setup.createFirstSupervisor', {
      name: 'L',
      authId: 'L1',
      pin: '4321',
    });
    const idNew = '0193a0b0-0000-7000-8000-000000000001';
    const out = applyPulledItems(
      h.db,
      h.ctx.deviceId,
      [
        // The server knows the local doctor (same id) but has no PIN for them.
        {
          ...doctor(local.id, 'L1', null),
          payload: {
            ...doctor(local.id, 'L1', null).payload,
            name: 'Ny Navn',
            roles: ['doctor', 'supervisor'],
          },
        } as PulledItem,
        doctor(idNew, 'N1', null),
        // Another id with the local doctor's authId: skipped, not merged.
        doctor('0193a0b0-0000-7000-8000-000000000002', 'L1', hashPin('1111')),
      ],
      NOW,
    );
    expect(out.roster).toBe(true);
    expect(out.skipped).toHaveLength(1);
    const l = getDoctorSecret(h.db, local.id)!;
    expect(l.doctor.name).toBe('Ny Navn');
    expect(verifyPin('4321', l.pinHash)).toBe(true);
    expect(getDoctorSecret(h.db, idNew)!.pinHash).toBe(NO_PIN);
    // A PIN from the server replaces the local one and lifts a lockout.
    h.db.prepare('UPDATE doctors SET failed_pins = 3 WHERE id = ?').run(local.id);
    applyPulledItems(h.db, h.ctx.deviceId, [doctor(local.id, 'L1', hashPin('9999'), 2)], NOW);
    const after = getDoctorSecret(h.db, local.id)!;
    expect(verifyPin('9999', after.pinHash)).toBe(true);
    expect(after.failedPins).toBe(0);
    h.close();
  });

  it('stores rule sets (never the built-in one) and keeps remote records apart, newest revision', () => {
    const h = testHost();
    const region = { ...OK21_NATIONAL, id: 'region-x', validFrom: '2025-01-01' };
    const c1 = makeContact(OTHER, 1, 1);
    const c2 = makeContact(OTHER, 1, 2, { note: 'rev 2' });
    const own = makeContact(h.ctx.deviceId, 2, 1);
    const out = applyPulledItems(
      h.db,
      h.ctx.deviceId,
      [
        { id: OK21_NATIONAL.id, rev: 1, deviceId: 'server', type: 'rules', payload: OK21_NATIONAL },
        { id: region.id, rev: 1, deviceId: 'server', type: 'rules', payload: region },
        { id: c2.id, rev: 2, deviceId: OTHER, type: 'contact', payload: c2 },
        // An older revision arriving later never replaces a newer one.
        { id: c1.id, rev: 1, deviceId: OTHER, type: 'contact', payload: c1 },
        // This workstation's own record coming back is not copied.
        { id: own.id, rev: 1, deviceId: h.ctx.deviceId, type: 'contact', payload: own },
      ],
      NOW,
    );
    expect(out.rules).toBe(true);
    const ids = (h.db.prepare('SELECT id FROM rule_sets').all() as { id: string }[]).map(
      (r) => r.id,
    );
    expect(ids).toEqual(['region-x']);
    const rows = h.db.prepare('SELECT id, rev, state FROM remote_contacts').all() as Array<{
      id: string;
      rev: number;
      state: string;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rev).toBe(2);
    expect((JSON.parse(rows[0]!.state) as { note: string }).note).toBe('rev 2');
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n).toBe(0);
    h.close();
  });
});
