// R-AUDIT-1 over the server's stored records, on each backend, and the `audit` command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Contact, Shift } from '../shared/contract/models';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { addDevice } from './auth';
import { auditCsv, regionAudit } from './audit';
import { regionAuditSchema } from '../shared/audit/schema';
import { startServer } from './http';
import { draftServerClaim, recordServerClaim } from './claims';
import { createPush } from './push';
import { addDoctor } from './reference';
import { openStorage } from './store/open';
import type { Storage } from './store/types';
import { describeBackends, testPlace, type TestPlace } from './testing/backends';
import { ROOT, SERVER_ARGS } from './testing/process';

vi.setConfig({ testTimeout: 120_000 });

const iso = (ms: number) => new Date(ms).toISOString();
const NIGHT = Date.UTC(2025, 0, 6, 15, 0, 0);
const min = 60_000;

async function seed(store: Storage): Promise<{ ws: string; doctorId: string; ids: string[] }> {
  const { deviceId: ws } = await addDevice(store, { name: 'Arbejdsplads 1', role: 'workstation' });
  const doctor = await addDoctor(store, { name: 'Anna Læge', authId: 'A1', roles: ['doctor'] });
  const shiftId = `${ws.slice(0, 24)}ffffffffffff`;
  const shift: Shift = {
    id: shiftId,
    rev: 1,
    doctorId: doctor.id,
    workstationId: ws,
    openedAt: iso(NIGHT),
    closedAt: iso(NIGHT + 16 * 60 * min),
  };
  const contact = (i: number, o: Partial<Contact> = {}) => {
    const at = NIGHT + 5 * min + i * 10 * min;
    return makeContact(ws, i, 1, {
      doctorId: doctor.id,
      revisedBy: doctor.id,
      shiftId,
      answeredAt: iso(at),
      endedAt: iso(at + 4 * min),
      revisedAt: iso(at + 4 * min),
      ...o,
    });
  };
  const clean = [0, 1, 2, 3].map((i) => contact(i));
  // Planted: answered an hour before the shift opened, and a fee the region's rule set does not
  // give (priced on the workstation with a rule set of its own, which push cannot re-check).
  const outside = contact(4, {
    answeredAt: iso(NIGHT - 60 * min),
    endedAt: iso(NIGHT - 56 * min),
    revisedAt: iso(NIGHT - 56 * min),
  });
  const wrongFee = contact(5, { rulesId: 'lokalt-regelsaet' });
  wrongFee.lines = [{ ...wrongFee.lines[0]!, unitOre: 1, amountOre: 1 }];
  const push = createPush(store);
  const res = await push({ id: ws, name: 'Arbejdsplads 1', role: 'workstation' }, [
    { id: shift.id, type: 'shift', rev: 1, payload: shift },
    ...[...clean, outside, wrongFee].map((c) => ({
      id: c.id,
      type: 'contact' as const,
      rev: 1,
      payload: c,
    })),
  ]);
  expect(res.filter((r) => r.status !== 'accepted')).toEqual([]);
  return { ws, doctorId: doctor.id, ids: [outside.id, wrongFee.id] };
}

describeBackends('R-AUDIT-1 audit over the stored records', (backend) => {
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

  it('R-AUDIT-1 finds what was planted among synced records, with the doctor’s name', async () => {
    const { doctorId, ids } = await seed(store);
    const a = await regionAudit(store, { from: '2025-01-06', to: '2025-01-07' });
    expect(a.findings.map((f) => [f.code, f.contactId])).toEqual([
      ['UDEN-FOR-VAGT', ids[0]],
      ['HONORAR-AFVIGER', ids[1]],
    ]);
    expect(a.findings.every((f) => f.doctorId === doctorId && f.doctorName === 'Anna Læge')).toBe(
      true,
    );
    // The server reads its own claim marks (none yet): the check was made and found nothing.
    expect(a.claimsChecked).toBe(true);
    // Another period holds none of them.
    expect((await regionAudit(store, { from: '2025-01-08', to: '2025-01-31' })).findings).toEqual(
      [],
    );
    // GET /v1/audit: the same list for a supervisor device; refused for a workstation.
    const server = await startServer({ storage: store, port: 0, log: () => {} });
    try {
      const sup = await addDevice(store, { name: 'Leder', role: 'supervisor' });
      const ws = await addDevice(store, { name: 'Arbejdsplads 2', role: 'workstation' });
      const get = (q: string, token: string) =>
        fetch(`${server.url}/v1/audit${q}`, { headers: { authorization: `Bearer ${token}` } });
      const ok = await get('?from=2025-01-06&to=2025-01-07', sup.token);
      expect(ok.status).toBe(200);
      const body = regionAuditSchema.parse(await ok.json());
      expect(body.findings.map((f) => f.id)).toEqual(a.findings.map((f) => f.id));
      expect((await get('?from=2025-01-06&to=2025-01-07', ws.token)).status).toBe(403);
      for (const bad of ['', '?from=2025-01-07&to=2025-01-06', '?from=2025-02-30&to=2025-03-01']) {
        expect((await get(bad, sup.token)).status).toBe(400);
      }
      expect((await get('?from=2025-01-01&to=2025-06-30', sup.token)).status).toBe(400);
    } finally {
      await server.close();
    }
    const csv = auditCsv(a);
    expect(csv.startsWith('\uFEFFFund-id;Kode;Læge;')).toBe(true);
    expect(csv).toContain(`;UDEN-FOR-VAGT;Anna Læge;${doctorId};${ids[0]};`);
  });
  it('R-AUDIT-1, R-CLAIM-5: a contact corrected after the server claimed it is found (RETTET-EFTER-AFREGNING)', async () => {
    const { ws, doctorId } = await seed(store);
    const month = { doctorId, from: '2025-01-01', to: '2025-01-31' };
    const draft = await draftServerClaim(store, month, '2025-02-01T08:00:00.000Z');
    await recordServerClaim(store, draft, { deviceId: ws, createdBy: null });
    const claimed = draft.claim.lines.find((l) => l.entry === 'new')!;
    const period = { from: '2025-01-06', to: '2025-01-07' };
    const codes = async (opts: Partial<Parameters<typeof regionAudit>[1]> = {}) =>
      (await regionAudit(store, { ...period, ...opts })).findings
        .filter((f) => f.code === 'RETTET-EFTER-AFREGNING')
        .map((f) => f.id);
    // Claimed and unchanged: nothing to say.
    expect(await codes()).toEqual([]);

    // The workstation corrects a claimed contact (revision 2) and pushes it.
    const stored = (
      await store.load.contactsAnswered('2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z')
    )
      .map((p) => JSON.parse(p) as Contact)
      .find((c) => c.id === claimed.contactId)!;
    expect(stored.rev).toBe(1);
    const corrected: Contact = {
      ...stored,
      rev: 2,
      patient: { type: 'cpr', cpr: '0202905678' },
      revisionReason: 'Forkert CPR',
      revisedAt: '2025-02-02T09:00:00.000Z',
    };
    const res = await createPush(store)({ id: ws, name: 'Arbejdsplads 1', role: 'workstation' }, [
      { id: corrected.id, type: 'contact', rev: 2, payload: corrected },
    ]);
    expect(res.map((r) => r.status)).toEqual(['accepted']);

    const a = await regionAudit(store, period);
    expect(a.claimsChecked).toBe(true);
    const found = a.findings.filter((f) => f.code === 'RETTET-EFTER-AFREGNING');
    expect(found).toEqual([
      expect.objectContaining({
        id: `RETTET-EFTER-AFREGNING:${corrected.id}`,
        contactId: corrected.id,
        doctorId,
        doctorName: 'Anna Læge',
        text: 'Kontakten er rettet (revision 2) efter at revision 1 blev afregnet.',
      }),
    ]);
    // Asked not to read the claims, the server says the check was not made.
    const unchecked = await regionAudit(store, { ...period, claims: null });
    expect(unchecked.claimsChecked).toBe(false);
    expect(await codes({ claims: null })).toEqual([]);
    expect(auditCsv(unchecked)).toContain('er ikke kontrolleret.');
    expect(auditCsv(a)).not.toContain('ikke kontrolleret');

    // GET /v1/audit (the console's list) and the command line's JSON find it too.
    const server = await startServer({ storage: store, port: 0, log: () => {} });
    try {
      const sup = await addDevice(store, { name: 'Leder', role: 'supervisor' });
      const r = await fetch(`${server.url}/v1/audit?from=2025-01-06&to=2025-01-07`, {
        headers: { authorization: `Bearer ${sup.token}` },
      });
      const body = regionAuditSchema.parse(await r.json());
      expect(body.claimsChecked).toBe(true);
      expect(body.findings.filter((f) => f.code === 'RETTET-EFTER-AFREGNING')).toHaveLength(1);
    } finally {
      await server.close();
    }

    // Once the correction is claimed (a reversal and the new line), the latest revision is the
    // claimed one again and the finding is gone (D85: newer than the revision a claim marked).
    const next = await draftServerClaim(store, month, '2025-02-03T08:00:00.000Z');
    expect(next.claim.lines.map((l) => l.entry)).toEqual(['reversal', 'replacement']);
    await recordServerClaim(store, next, { deviceId: ws, createdBy: null });
    expect(await codes()).toEqual([]);
  });
});

it('R-AUDIT-1 `npm run server -- audit` writes CSV or JSON and refuses bad dates in Danish', async () => {
  const data = mkdtempSync(join(tmpdir(), 'vagt-audit-'));
  const store = await openStorage({ dataDir: data });
  const { ids } = await seed(store);
  await store.close();
  const run = (args: string[]) =>
    spawnSync(process.execPath, [...SERVER_ARGS, 'audit', '--data', data, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const out = join(data, 'audit.json');
  const r = run(['--from', '2025-01-01', '--to', '2025-01-31', '--format', 'json', '--out', out]);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout)).toEqual({ out, findings: 2 });
  expect(statSync(out).mode & 0o777).toBe(0o600);
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    claimsChecked: boolean;
    findings: { contactId: string }[];
  };
  expect(json.findings.map((f) => f.contactId)).toEqual(ids);
  // The command line reads the server's claim marks too (none here, but checked).
  expect(json.claimsChecked).toBe(true);
  const csv = run(['--from', '2025-01-01', '--to', '2025-01-31']);
  expect(csv.stdout.split('\r\n').filter((l) => l.includes(';HONORAR-AFVIGER;'))).toHaveLength(1);
  const bad = run(['--from', '2025-02-30', '--to', '2025-03-01']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/^brug: --from skal være en dato som 2025-01-31/);
});
