// Issue 14's acceptance for claims (R-CLAIM-5, R-CLAIM-3) end to end: a real sync server process
// and two real workstation hosts (two data folders, two registered workstation devices). One
// doctor from the server's roster works a night on each through the contract; both sync; then:
// - the server's claim for the month, asked through a workstation, holds both nights and equals
//   the sum of the two shifts' fees (as each workstation computed them);
// - a second claim over the same month is empty (asked through the other workstation);
// - a correction on one workstation after the claim gives a reversal and the new line on the
//   next claim, wherever it is made;
// - with the server stopped, a workstation makes an offline statement "foreløbig – ikke
//   afregnet" that marks nothing: once the server is back, a real claim still holds its lines.
// Claims reprint byte for byte, on either workstation and from the server's command line.
// One story whose steps build on each other, so it runs as ONE test with named steps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import type { Claim, ClaimFormat } from '../shared/claims/model';
import type { Contact } from '../shared/contract/models';
import {
  serverCommands,
  startServerProcess,
  type ServerProcess,
} from './sync/testing/server-process';
import { tempDir, testHost, type TestHost } from './testing';

vi.setConfig({ testTimeout: 300_000 });

const CPR = { type: 'cpr' as const, cpr: '0101901234' };
const MONTH = { from: '2025-01-01', to: '2025-01-31' };
/** Monday 6 January 2025, 16:30 in Copenhagen (vagttid), and Saturday 11 January, 21:00. */
const NIGHT1 = '2025-01-06T15:30:00.000Z';
const NIGHT2 = '2025-01-11T20:00:00.000Z';

let server: ServerProcess | undefined;
const hosts: TestHost[] = [];

afterAll(async () => {
  for (const h of hosts) await h.shutdown();
  await server?.stop();
});

const decode = (f: { base64: string }) => Buffer.from(f.base64, 'base64');
const json = (f: { base64: string }) => JSON.parse(decode(f).toString('utf8')) as Claim;
const feesOf = (cs: Contact[]) =>
  cs.reduce((s, c) => s + c.lines.reduce((t, l) => t + l.amountOre, 0), 0);
const localRows = (h: TestHost) =>
  Object.fromEntries(
    ['claims', 'claim_parts', 'claim_lines'].map((t) => [
      t,
      (h.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** A night of `n` ended calls on a workstation, as the doctor records them in the console. */
async function workNight(h: TestHost, n: number): Promise<{ contacts: Contact[]; fees: number }> {
  const shift = await h.call('shift.open', {});
  for (let i = 0; i < n; i++) {
    const c = await h.call('contact.start', { kind: 'telefon' });
    h.clock.advance(4 * 60_000);
    await h.call('contact.update', {
      id: c.id,
      patch: { patient: CPR, outcome: 'raad-og-vejledning', reason: `feber ${i}` },
    });
    await h.call('contact.end', { id: c.id });
    h.clock.advance(20 * 60_000);
  }
  const summary = await h.call('shift.close', { shiftId: shift.id });
  const contacts = await h.call('contact.listByShift', { shiftId: shift.id });
  expect(contacts).toHaveLength(n);
  // The shift's fees as the workstation computes them, and as the contacts' own lines add up.
  expect(summary.feesOre).toBe(feesOf(contacts));
  expect(summary.feesOre).toBeGreaterThan(0);
  return { contacts, fees: summary.feesOre };
}

it('R-CLAIM-5, R-CLAIM-3: two workstations, one server: the month claim holds both nights once; corrections reverse and replace; offline statements mark nothing', async () => {
  const dir = tempDir('vagt-region-claims-');
  const server$ = serverCommands(dir);
  const cli = server$.json;
  const anna = cli('add-doctor', '--name', 'Anna Region', '--auth-id', 'A100', '--pin', '2468')
    .doctorId as string;
  const ws1 = testHost(NIGHT1);
  const ws2 = testHost(NIGHT2);
  hosts.push(ws1, ws2);
  const token1 = cli('add-device', '--name', 'Arbejdsplads 1', '--id', ws1.ctx.deviceId)
    .token as string;
  const token2 = cli('add-device', '--name', 'Arbejdsplads 2', '--id', ws2.ctx.deviceId)
    .token as string;
  server = await startServerProcess(dir);
  const url = server.url;
  // The server's command line while the workstations are live: beside them (server$.live).
  const cliLive = server$.live;

  // Each workstation is set up by a local supervisor and linked; the roster comes from the server.
  const supervisors = new Map<TestHost, string>();
  for (const [h, token, auth] of [
    [ws1, token1, 'S1'],
    [ws2, token2, 'S2'],
  ] as const) {
    const sup = await h.call('setup.createFirstSupervisor', {
      name: `Lokal ${auth}`,
      authId: auth,
      pin: '4321',
    });
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    supervisors.set(h, sup.id);
    expect(await h.call('sync.configure', { serverUrl: url, token })).toMatchObject({
      configured: true,
      online: true,
      role: 'workstation',
    });
    await h.call('auth.signOut', {});
    await h.call('auth.signIn', { doctorId: anna, pin: '2468' });
  }

  // One doctor works a night on each workstation, and both sync.
  const night1 = await workNight(ws1, 3);
  const night2 = await workNight(ws2, 2);
  for (const h of [ws1, ws2]) {
    expect(await h.call('sync.now', {})).toMatchObject({ online: true, waiting: 0, conflicts: 0 });
  }

  // The claim screen's export on workstation 1: made and marked on the server.
  ws1.clock.set(Date.parse('2025-02-01T08:00:00.000Z'));
  const first = await ws1.call('claim.export', { ...MONTH, format: 'json' });
  expect(first.source).toBe('region');
  const claim = json(first);
  expect(claim.claimId).toBe(first.claimId);
  expect(claim.doctor).toEqual({ id: anna, name: 'Anna Region', authId: 'A100' });
  expect(claim.period).toEqual({ kind: 'range', ...MONTH });
  expect(claim.lines.map((l) => l.contactId).sort()).toEqual(
    [...night1.contacts, ...night2.contacts].map((c) => c.id).sort(),
  );
  expect(claim.lines.every((l) => l.entry === 'new')).toBe(true);
  expect(claim.totals.grandTotalOre).toBe(night1.fees + night2.fees);
  // Nothing is marked on either workstation; the server's claim is kept as a copy where made.
  expect(localRows(ws1)).toEqual({ claims: 0, claim_parts: 0, claim_lines: 0 });
  expect(localRows(ws2)).toEqual({ claims: 0, claim_parts: 0, claim_lines: 0 });
  expect(await ws1.call('claim.list', {})).toEqual([
    expect.objectContaining({
      claimId: claim.claimId,
      source: 'region',
      grandTotalOre: night1.fees + night2.fees,
      lines: 5,
    }),
  ]);

  // Reprinted byte for byte: from the copy on ws1, from the server on ws2 (which never held
  // it), and by the server's own command line.
  for (const format of ['csv', 'json', 'pdf'] as ClaimFormat[]) {
    const a = await ws1.call('claim.reprint', { claimId: claim.claimId!, format });
    const b = await ws2.call('claim.reprint', { claimId: claim.claimId!, format });
    const out = join(dir, `reprint.${format}`);
    await cliLive('reprint-claim', '--claim', claim.claimId!, '--format', format, '--out', out);
    expect(decode(a).equals(readFileSync(out))).toBe(true);
    expect(decode(b).equals(readFileSync(out))).toBe(true);
  }
  expect(
    json(await ws1.call('claim.reprint', { claimId: claim.claimId!, format: 'json' })),
  ).toEqual(claim);

  // A second claim over the same month, through the other workstation: nothing to claim.
  ws2.clock.set(Date.parse('2025-02-01T09:00:00.000Z'));
  expect(await ws2.fail('claim.export', { ...MONTH, format: 'csv' })).toMatchObject({
    code: 'ALREADY_CLAIMED',
  });

  // A correction on workstation 2 after the claim (the CPR number was wrong).
  const corrected = night2.contacts[1]!;
  await ws2.call('contact.correct', {
    id: corrected.id,
    patch: { patient: { type: 'cpr', cpr: '0202905678' } },
    reason: 'Forkert CPR-nummer',
  });
  expect(await ws2.call('sync.now', {})).toMatchObject({ online: true, waiting: 0 });
  // The server's audit now finds it (R-AUDIT-1): corrected after it was claimed.
  const audit = JSON.parse(
    await cliLive('audit', '--from', MONTH.from, '--to', MONTH.to, '--format', 'json'),
  ) as { claimsChecked: boolean; findings: Array<{ code: string; contactId: string }> };
  expect(audit.claimsChecked).toBe(true);
  expect(audit.findings.filter((f) => f.code === 'RETTET-EFTER-AFREGNING')).toEqual([
    expect.objectContaining({ contactId: corrected.id }),
  ]);
  // The next claim, made on workstation 1 this time: a reversal and the new line.
  ws1.clock.set(Date.parse('2025-02-03T08:00:00.000Z'));
  const next = json(await ws1.call('claim.export', { ...MONTH, format: 'json' }));
  expect(next.lines.map((l) => [l.entry, l.contactId, l.contactRev, l.patientId])).toEqual([
    ['reversal', corrected.id, corrected.rev, '010190-1234'],
    ['replacement', corrected.id, corrected.rev + 1, '020290-5678'],
  ]);
  expect(next.lines[0]!.reversesClaimId).toBe(claim.claimId);
  expect(next.lines[0]!.amountOre).toBe(-next.lines[1]!.amountOre);
  expect(next.totals.grandTotalOre).toBe(0);

  // Another correction, on workstation 1, synced; then the server stops.
  const late = night1.contacts[0]!;
  await ws1.call('contact.correct', {
    id: late.id,
    patch: { patient: { type: 'cpr', cpr: '0303905678' } },
    reason: 'Forkert CPR-nummer',
  });
  expect(await ws1.call('sync.now', {})).toMatchObject({ online: true, waiting: 0 });
  await server.stop();

  // Offline: a statement marked "foreløbig – ikke afregnet", in the file; nothing is marked.
  const offlineCsv = await ws1.call('claim.export', { ...MONTH, format: 'csv' });
  expect(offlineCsv).toMatchObject({ source: 'offline', claimId: null });
  expect(decode(offlineCsv).toString('utf8')).toMatch(/^\uFEFFFORELØBIG – IKKE AFREGNET;/);
  const statement = json(await ws1.call('claim.export', { ...MONTH, format: 'json' }));
  expect(statement).toMatchObject({ claimId: null, preliminary: true });
  // It lists the period as workstation 1 holds it: its own night, the correction included.
  expect(statement.lines.map((l) => l.contactId).sort()).toEqual(
    night1.contacts.map((c) => c.id).sort(),
  );
  expect(statement.lines.find((l) => l.contactId === late.id)?.patientId).toBe('030390-5678');
  expect(localRows(ws1)).toEqual({ claims: 0, claim_parts: 0, claim_lines: 0 });
  expect((await ws1.call('claim.list', {})).map((c) => c.source)).toEqual(['region', 'region']);

  // The server back (same data, same address): the statement claimed nothing, so the real claim
  // still holds the correction as a reversal and the new line.
  server = await startServerProcess(dir, server.port);
  expect(server.url).toBe(url);
  ws1.clock.set(Date.parse('2025-02-04T08:00:00.000Z'));
  const after = json(await ws1.call('claim.export', { ...MONTH, format: 'json' }));
  expect(after.claimId).not.toBeNull();
  expect(after.preliminary).toBeUndefined();
  expect(after.lines.map((l) => [l.entry, l.contactId, l.contactRev, l.patientId])).toEqual([
    ['reversal', late.id, late.rev, '010190-1234'],
    ['replacement', late.id, late.rev + 1, '030390-5678'],
  ]);
  // And that is all: claimed once in the region.
  expect(await ws2.fail('claim.export', { ...MONTH, format: 'csv' })).toMatchObject({
    code: 'ALREADY_CLAIMED',
  });

  // Unlinked again, workstation 2 does not go back to local claims (the region has claimed its
  // contacts; a local mark could claim them twice): refused, nothing marked.
  await ws2.call('auth.signOut', {});
  await ws2.call('auth.signIn', { doctorId: supervisors.get(ws2)!, pin: '4321' });
  await ws2.call('sync.disconnect', {});
  await ws2.call('auth.signOut', {});
  await ws2.call('auth.signIn', { doctorId: anna, pin: '2468' });
  expect(await ws2.fail('claim.export', { ...MONTH, format: 'csv' })).toMatchObject({
    code: 'INVALID_STATE',
    details: { claim: 'CLAIM_WAS_LINKED' },
  });
  expect(localRows(ws2)).toEqual({ claims: 0, claim_parts: 0, claim_lines: 0 });
});
