// R-CLAIM-5 end to end on a real server: two workstations push one doctor's night each over
// HTTP; the server's claim for the month holds both nights, a second claim is empty, and a
// correction pushed after the claim comes back as a reversal plus the new line (R-CLAIM-3).
// Runs on SQLite and, with VAGT_TEST_PG_URL, on PostgreSQL (server/testing/backends.ts).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Contact } from '../shared/contract/models';
import type { Claim } from '../shared/claims/model';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { addDevice } from './auth';
import { claimCommand, reprintCommand, NOTHING_TO_CLAIM } from './claim-cli';
import { claimBytes } from './claim-files';
import {
  draftServerClaim,
  NothingToClaimError,
  recordServerClaim,
  storedServerClaim,
} from './claims';
import { migrateTo } from './migrate-to';
import { openPgStorage } from './store/pg';
import { openSqliteStorage } from './store/sqlite';
import { startServer, type RunningServer } from './http';
import { addDoctor } from './reference';
import { ClaimConflictError } from './store/claims-types';
import { describeBackends, freshPgDatabase, testPlace, type TestPlace } from './testing/backends';
import { ROOT, SERVER_ARGS } from './testing/process';

const MONTH = { from: '2025-01-01', to: '2025-01-31' };
const iso = (ms: number) => new Date(ms).toISOString();

describeBackends('R-CLAIM-5 claims over every workstation', (backend) => {
  let server: RunningServer;
  let place: TestPlace;
  let out: string;
  let ws1: { deviceId: string; token: string };
  let ws2: { deviceId: string; token: string };
  let bo: string;

  async function push(token: string, contacts: Contact[]): Promise<void> {
    const res = await fetch(`${server.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        items: contacts.map((c) => ({ id: c.id, type: 'contact', rev: c.rev, payload: c })),
      }),
    });
    const body = (await res.json()) as { results: Array<{ status: string }> };
    expect(res.status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(contacts.map(() => 'accepted'));
  }

  /** A night of `n` calls from `startIso`, one every 20 minutes, by `doctorId`. */
  function night(ws: string, first: number, n: number, startIso: string, doctorId: string) {
    return Array.from({ length: n }, (_, k) =>
      makeContact(ws, first + k, 1, {
        doctorId,
        revisedBy: doctorId,
        answeredAt: iso(Date.parse(startIso) + k * 20 * 60_000),
      }),
    );
  }

  beforeAll(async () => {
    place = await testPlace(backend);
    out = mkdtempSync(join(tmpdir(), 'vagt-claims-out-'));
    server = await startServer({ ...place, port: 0, log: () => {} });
    ws1 = await addDevice(server.store, { name: 'Arbejdsplads 1', role: 'workstation' });
    ws2 = await addDevice(server.store, { name: 'Arbejdsplads 2', role: 'workstation' });
    bo = (await addDoctor(server.store, { name: 'Bo', authId: 'B200', roles: ['doctor'] })).id;
  });

  /**
   * A doctor of its own per test (so no test depends on another): a night on each workstation,
   * Monday 6 January 2025 from 17:00 and Saturday 11 January from 21:00 (Copenhagen), and a call
   * of Bo's the second night, which is on his claim, not this doctor's.
   */
  async function twoNights(name: string, authId: string, first: number) {
    const id = (await addDoctor(server.store, { name, authId, roles: ['doctor'] })).id;
    const night1 = night(ws1.deviceId, first, 4, '2025-01-06T16:00:00.000Z', id);
    const night2 = night(ws2.deviceId, first, 3, '2025-01-11T20:00:00.000Z', id);
    await push(ws1.token, night1);
    await push(ws2.token, [
      ...night2,
      ...night(ws2.deviceId, first + 100, 1, '2025-01-11T22:00:00.000Z', bo),
    ]);
    return { id, night1, night2 };
  }
  afterAll(async () => {
    await server?.close();
    await place?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('R-CLAIM-5: one claim holds both nights, equals their fees, and is made once', async () => {
    const { id: anna, night1, night2 } = await twoNights('Anna Ø', 'A100', 0);
    const fees = (cs: Contact[]) =>
      cs.reduce((s, c) => s + c.lines.reduce((t, l) => t + l.amountOre, 0), 0);
    const expected = fees(night1) + fees(night2);
    expect(expected).toBeGreaterThan(0);

    const file = join(out, `first-${backend}.json`);
    const at = '2025-02-01T08:00:00.000Z';
    expect(
      await claimCommand(server.store, { doctor: 'A100', ...MONTH, format: 'json', out: file }, at),
    ).toBe(0);
    const claim = JSON.parse(readFileSync(file, 'utf8')) as Claim;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(claim.doctor).toEqual({ id: anna, name: 'Anna Ø', authId: 'A100' });
    expect(claim.lines.map((l) => l.contactId).sort()).toEqual(
      [...night1, ...night2].map((c) => c.id).sort(),
    );
    expect(claim.lines.every((l) => l.entry === 'new')).toBe(true);
    expect(claim.totals.grandTotalOre).toBe(expected);
    // The stored claim reprints byte for byte, in every format.
    for (const format of ['json', 'csv', 'pdf'] as const) {
      const again = join(out, `again-${backend}.${format}`);
      await reprintCommand(server.store, { claim: claim.claimId!, format, out: again });
      expect(readFileSync(again).equals(await claimBytes(claim, format))).toBe(true);
    }

    // A second claim over the same month is empty: nothing is written, nothing stored.
    const second = join(out, `second-${backend}.csv`);
    expect(
      await claimCommand(server.store, { doctor: anna, ...MONTH, format: 'csv', out: second }),
    ).toBe(NOTHING_TO_CLAIM);
    expect(existsSync(second)).toBe(false);
    const empty = await draftServerClaim(server.store, { doctorId: anna, ...MONTH }, at);
    expect(empty.claim.lines).toEqual([]);
    await expect(
      recordServerClaim(server.store, empty, { deviceId: 'x', createdBy: null }),
    ).rejects.toBeInstanceOf(NothingToClaimError);
    expect(await server.store.claims.list(anna)).toHaveLength(1);

    // Bo's claim has his own calls only (one per doctor set up so far).
    const boClaim = await draftServerClaim(server.store, { doctorId: bo, ...MONTH }, at);
    expect(boClaim.claim.lines.length).toBeGreaterThanOrEqual(1);
    expect(
      boClaim.claim.lines.some((l) => claim.lines.some((m) => m.contactId === l.contactId)),
    ).toBe(false);
  });

  it('R-CLAIM-5, R-CLAIM-3: a correction after the claim gives a reversal and the new line', async () => {
    const { id: anna, night2 } = await twoNights('Dorte', 'D400', 1000);
    const first = await draftServerClaim(
      server.store,
      { doctorId: anna, ...MONTH },
      iso(Date.now()),
    );
    expect(first.claim.lines).toHaveLength(7);
    await recordServerClaim(server.store, first, { deviceId: 't', createdBy: null });

    const before = night2[1]!;
    const corrected: Contact = {
      ...before,
      rev: 2,
      patient: { type: 'cpr', cpr: '0202905678' },
      note: 'rettet CPR',
      revisionReason: 'Forkert CPR',
      revisedAt: '2025-02-02T09:00:00.000Z',
    };
    await push(ws2.token, [corrected]);
    const d = await draftServerClaim(
      server.store,
      { doctorId: anna, ...MONTH },
      '2025-02-03T08:00:00.000Z',
    );
    expect(d.claim.lines.map((l) => [l.entry, l.contactId, l.contactRev, l.patientId])).toEqual([
      ['reversal', before.id, 1, '010190-1234'],
      ['replacement', before.id, 2, '020290-5678'],
    ]);
    expect(d.claim.lines[0]!.reversesClaimId).toBe(first.claim.claimId);
    expect(d.claim.totals.grandTotalOre).toBe(0);

    // A draft overtaken by another claim of the same part cannot be recorded too.
    const twin = await draftServerClaim(
      server.store,
      { doctorId: anna, ...MONTH },
      iso(Date.now()),
    );
    await recordServerClaim(server.store, d, { deviceId: 'ws', createdBy: null });
    await expect(
      recordServerClaim(server.store, twin, { deviceId: 'ws', createdBy: null }),
    ).rejects.toBeInstanceOf(ClaimConflictError);
    const after = await draftServerClaim(
      server.store,
      { doctorId: anna, ...MONTH },
      iso(Date.now()),
    );
    expect(after.claim.lines).toEqual([]);
  });

  it('R-CLAIM-5: POST /v1/claims makes and marks a claim for a linked device; GET reprints it', async () => {
    const { id: fie, night1, night2 } = await twoNights('Fie', 'F500', 2000);
    const api = async (path: string, body?: unknown, token = ws1.token) => {
      const res = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: res.status,
        json: (await res.json()) as { claim: Claim; error?: { code: string } },
      };
    };
    expect(
      (await api('/v1/claims', { doctorId: fie, from: '2025-02-30', to: MONTH.to })).status,
    ).toBe(400);
    expect((await api('/v1/claims', { doctorId: fie, ...MONTH, extra: 1 })).status).toBe(400);
    expect((await api('/v1/claims', { doctorId: 'nobody', ...MONTH })).json.error?.code).toBe(
      'UNKNOWN_DOCTOR',
    );
    expect((await api('/v1/claims', { doctorId: fie, ...MONTH }, 'bad-token')).status).toBe(401);

    const made = await api('/v1/claims', { doctorId: 'F500', ...MONTH });
    expect(made.status).toBe(200);
    expect(made.json.claim.lines.map((l) => l.contactId).sort()).toEqual(
      [...night1, ...night2].map((c) => c.id).sort(),
    );
    // Marked on the server: the other workstation's claim of the month is empty.
    const again = await api('/v1/claims', { doctorId: fie, ...MONTH }, ws2.token);
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'NOTHING_TO_CLAIM' } } });
    const stored = await api(`/v1/claims/${made.json.claim.claimId}`, undefined, ws2.token);
    expect(stored.json.claim).toEqual(made.json.claim);
    expect(
      (await claimBytes(stored.json.claim, 'pdf')).equals(await claimBytes(made.json.claim, 'pdf')),
    ).toBe(true);
  });

  it('R-CLAIM-5: the command line claims on this backend and says so in Danish', async () => {
    const doc = (
      await addDoctor(server.store, { name: 'Cille', authId: 'C300', roles: ['doctor'] })
    ).id;
    await push(ws1.token, night(ws1.deviceId, 200, 2, '2025-01-20T17:00:00.000Z', doc));
    const file = join(out, `cli-${backend}.csv`);
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [...SERVER_ARGS, 'claim', ...place.args, ...args], {
        cwd: ROOT,
      }).then(
        (r) => ({ code: 0, stderr: r.stderr }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const args = ['--doctor', 'C300', '--from', MONTH.from, '--to', MONTH.to, '--format', 'csv'];
    const ok = await run([...args, '--out', file]);
    expect(ok.stderr).toMatch(/^Afregning .* skrevet til .*: 2 linjer; i alt /);
    expect(ok.code).toBe(0);
    expect(readFileSync(file, 'utf8').startsWith('\uFEFFAfregning;')).toBe(true);
    const again = await run([...args, '--out', join(out, 'none.csv')]);
    expect(again).toMatchObject({ code: 3 });
    expect(again.stderr).toMatch(/Intet at afregne/);
    const bad = await run([
      '--doctor',
      'C300',
      '--from',
      '2025-02-30',
      '--to',
      MONTH.to,
      '--format',
      'csv',
      '--out',
      file,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from skal være en dato/);
  });
});

describeBackends(
  'R-CLAIM-5 migrate-to',
  () => {
    it('R-CLAIM-5: carries claims and marks into PostgreSQL, so nothing is claimed twice', async () => {
      const src = await testPlace('sqlite');
      const dst = await freshPgDatabase();
      try {
        const from = openSqliteStorage(src.dataDir!);
        const doctor = (await addDoctor(from, { name: 'Eva', authId: 'E1', roles: ['doctor'] })).id;
        const ws = '00000009-0000-7000-8000-000000000000';
        const contacts = [0, 1, 2].map((i) =>
          makeContact(ws, i, 1, {
            doctorId: doctor,
            revisedBy: doctor,
            answeredAt: iso(Date.parse('2025-01-06T17:00:00.000Z') + i * 600_000),
          }),
        );
        await from.items.write((tx) =>
          tx.insert(
            contacts.map((c) => ({
              id: c.id,
              type: 'contact',
              rev: 1,
              deviceId: ws,
              payload: JSON.stringify(c),
              hash: c.id,
              storedAt: c.answeredAt,
              contact: { answeredAt: c.answeredAt, status: c.status },
            })),
          ),
        );
        const d = await draftServerClaim(from, { doctorId: doctor, ...MONTH }, iso(Date.now()));
        const claim = await recordServerClaim(from, d, { deviceId: 'server', createdBy: null });
        const to = await openPgStorage({ url: dst.url });
        try {
          await migrateTo(from, to);
          expect(await storedServerClaim(to, claim.claimId!)).toEqual(claim);
          const again = await draftServerClaim(to, { doctorId: doctor, ...MONTH }, iso(Date.now()));
          expect(again.claim.lines).toEqual([]);
          expect((await to.claims.exportAll()).parts).toHaveLength(3);
        } finally {
          await from.close();
          await to.close();
        }
      } finally {
        await src.drop();
        await dst.drop();
      }
    });
  },
  ['postgresql'],
);
