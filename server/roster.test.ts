// R-ROSTER-1 on each storage backend: roster changes are new revisions of the doctor item (what
// workstations pull) and each one is a row in the roster audit; nothing changed, nothing audited.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { rosterDoctorPayloadSchema } from '../shared/sync/items';
import { scryptSync } from 'node:crypto';
import { addDevice } from './auth';
import { startServer } from './http';
import { addDoctor, ReferenceError } from './reference';
import { auditAdded, listDoctors, resetPin, setDoctorActive, updateDoctor } from './roster';
import { openStorage } from './store/open';
import type { Storage } from './store/types';
import { describeBackends, testPlace, type TestPlace } from './testing/backends';

/** Checks a PIN against a stored `scrypt$N$r$p$salt$hash` the way a workstation does. */
function verifyPin(pin: string, stored: string): boolean {
  const [, N, r, p, salt, hash] = stored.split('$');
  const want = Buffer.from(hash!, 'base64');
  const got = scryptSync(pin, Buffer.from(salt!, 'base64'), want.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return got.equals(want);
}

const SUP = { actor: 'Leder (supervisor-enhed)', deviceId: '11111111-2222-4333-8444-555555555555' };

describeBackends('R-ROSTER-1 roster changes on the server', (backend) => {
  let place: TestPlace;
  let store: Storage;
  beforeEach(async () => {
    place = await testPlace(backend);
    store = await openStorage(place);
  });
  afterEach(async () => {
    await store.close();
    await place.drop();
  });

  it('R-ROSTER-1 stores each change as the next revision and audits who, when, which device', async () => {
    const d = await addDoctor(store, { name: 'Bo', authId: 'B1', roles: ['doctor'], pin: '1357' });
    await auditAdded(store, d, SUP);
    const other = await addDoctor(store, { name: 'Cy', authId: 'C1', roles: ['doctor'] });
    expect((await setDoctorActive(store, d.id, false, SUP)).changed).toBe(true);
    expect((await setDoctorActive(store, d.id, false, SUP)).changed).toBe(false);
    await expect(updateDoctor(store, d.id, { authId: 'c1' }, SUP)).rejects.toThrow(ReferenceError);
    await updateDoctor(store, d.id, { roles: ['doctor', 'supervisor'] }, SUP);
    const { pin } = await resetPin(store, d.id, SUP);

    // What a workstation pulls: every revision in order, the last one inactive with the new PIN.
    const revs = (await store.items.pull(0, null, 100))
      .filter((i) => i.id === d.id)
      .map((i) => ({ rev: i.rev, p: rosterDoctorPayloadSchema.parse(JSON.parse(i.payload)) }));
    expect(revs.map((r) => [r.rev, r.p.active, r.p.roles.length])).toEqual([
      [1, true, 1],
      [2, false, 1],
      [3, false, 2],
      [4, false, 2],
    ]);
    expect(verifyPin(pin, revs[3]!.p.pinHash!)).toBe(true);
    expect(verifyPin('1357', revs[3]!.p.pinHash!)).toBe(false);
    expect((await listDoctors(store)).map((x) => [x.name, x.active])).toEqual([
      ['Bo', false],
      ['Cy', true],
    ]);

    const audit = await store.rosterAudit.list(d.id, 100);
    expect(audit.map((a) => a.action)).toEqual([
      'reset-pin',
      'update-doctor',
      'deactivate-doctor',
      'add-doctor',
    ]);
    expect(audit.every((a) => a.actor === SUP.actor && a.deviceId === SUP.deviceId)).toBe(true);
    expect(audit.every((a) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(a.at))).toBe(true);
    expect(JSON.parse(audit[1]!.details)).toEqual({
      roles: { fra: ['doctor'], til: ['doctor', 'supervisor'] },
    });
    expect(JSON.stringify(audit)).not.toContain(pin);
    expect(await store.rosterAudit.list(other.id, 100)).toEqual([]);
  });

  it('R-ROSTER-1 POST /v1/roster: a supervisor device changes the roster, audited with the device', async () => {
    const d = await addDoctor(store, { name: 'Di', authId: 'D9', roles: ['doctor'] });
    const sup = await addDevice(store, { name: 'Leder 1', role: 'supervisor' });
    const ws = await addDevice(store, { name: 'Arbejdsplads 9', role: 'workstation' });
    const server = await startServer({ storage: store, port: 0, log: () => {} });
    try {
      const post = (token: string, body: unknown) =>
        fetch(`${server.url}/v1/roster`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
      const change = { action: 'deactivate', doctorId: d.id, by: 'Karen Leder (A1)' };
      expect((await post(ws.token, change)).status).toBe(403);
      const ok = await post(sup.token, change);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({
        doctor: { id: d.id, active: false, pin: false },
        changed: true,
      });
      expect((await post(sup.token, { ...change, doctorId: sup.deviceId })).status).toBe(400);
      expect((await post(sup.token, { ...change, action: 'delete' })).status).toBe(400);
      expect((await post(sup.token, { ...change, extra: 1 })).status).toBe(400);
      const [row] = await store.rosterAudit.list(d.id, 10);
      expect(row).toMatchObject({
        action: 'deactivate-doctor',
        actor: 'Karen Leder (A1) (enhed Leder 1)',
        deviceId: sup.deviceId,
      });
    } finally {
      await server.close();
    }
  });
});
