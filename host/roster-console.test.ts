// R-ROSTER-1 from the console: on a linked supervisor device the roster methods go to the sync
// server (POST /v1/roster) and the local roster follows by the pull; the server audits each change
// with the device; another workstation has it at its next pull. Offline, or from a device the
// server does not take roster changes from, nothing changes anywhere.
import { afterAll, expect, it, vi } from 'vitest';
import {
  serverCommands,
  startServerProcess,
  type ServerProcess,
} from './sync/testing/server-process';
import { tempDir, testHost, type TestHost } from './testing';

vi.setConfig({ testTimeout: 240_000 });

let server: ServerProcess | undefined;
const hosts: TestHost[] = [];

afterAll(async () => {
  for (const h of hosts) await h.shutdown();
  await server?.stop();
}, 120_000);

type AuditRow = { action: string; actor: string; deviceId: string | null; doctorId: string };

it('R-ROSTER-1 a supervisor device changes the roster on the server; other workstations follow at their pull', async () => {
  const dir = tempDir('vagt-roster-console-');
  const server$ = serverCommands(dir);
  const cli = server$.json;
  const cliLive = server$.liveJson;

  const anna = cli('add-doctor', '--name', 'Anna Server', '--auth-id', 'A100', '--pin', '2468')
    .doctorId as string;
  const sup = testHost('2025-03-04T16:30:00.000Z');
  const ws = testHost('2025-03-04T16:30:00.000Z');
  hosts.push(sup, ws);
  const supToken = cli(
    'add-device',
    '--name',
    'Vagtcentral',
    '--role',
    'supervisor',
    '--id',
    sup.ctx.deviceId,
  ).token as string;
  const wsToken = cli('add-device', '--name', 'Arbejdsplads 2', '--id', ws.ctx.deviceId)
    .token as string;
  server = await startServerProcess(dir);

  // Each console has its own local supervisor, who links it.
  const link = async (h: TestHost, name: string, authId: string, token: string) => {
    const s = await h.call('setup.createFirstSupervisor', { name, authId, pin: '4321' });
    await h.call('auth.signIn', { doctorId: s.id, pin: '4321' });
    const view = await h.call('sync.configure', { serverUrl: server!.url, token });
    return { s, view };
  };
  const s1 = await link(sup, 'Sara Supervisor', 'S1', supToken);
  expect(s1.view.role).toBe('supervisor');
  const s2 = await link(ws, 'Per Lokal', 'P1', wsToken);
  expect(s2.view.role).toBe('workstation');
  await ws.call('auth.signOut', {});
  // The workstation's next pull (as its background sync would do; the call needs a session).
  const pullWs = async () => {
    await ws.call('auth.signIn', { doctorId: s2.s.id, pin: '4321' });
    expect(await ws.call('sync.now', {})).toMatchObject({ online: true });
    await ws.call('auth.signOut', {});
  };

  // Deactivated from the supervisor console: on the server, audited with this device, and on the
  // supervisor's own roster at once (by the pull that follows the change).
  const off = await sup.call('roster.update', { id: anna, active: false });
  expect(off).toMatchObject({ id: anna, active: false });
  expect((await sup.call('roster.list', {})).find((d) => d.id === anna)?.active).toBe(false);
  let audit = (await cliLive('roster-audit', '--doctor', anna)) as unknown as AuditRow[];
  expect(audit[0]).toMatchObject({ action: 'deactivate-doctor', deviceId: sup.ctx.deviceId });
  expect(audit[0]!.actor).toBe('Sara Supervisor (S1) (enhed Vagtcentral)');

  // The other workstation, at its next pull: Anna cannot sign in there.
  await pullWs();
  expect(await ws.fail('auth.signIn', { doctorId: anna, pin: '2468' })).toMatchObject({
    code: 'FORBIDDEN',
  });

  // Reactivated, renamed and a new PIN in one edit: three audited changes; the new PIN works on
  // the other workstation after its pull, the old one does not.
  const back = await sup.call('roster.update', {
    id: anna,
    name: 'Anna Ny',
    active: true,
    pin: '8642',
  });
  expect(back).toMatchObject({ name: 'Anna Ny', active: true });
  audit = (await cliLive('roster-audit', '--doctor', anna)) as unknown as AuditRow[];
  expect(audit.slice(0, 3).map((a) => [a.action, a.deviceId])).toEqual([
    ['reset-pin', sup.ctx.deviceId],
    ['reactivate-doctor', sup.ctx.deviceId],
    ['update-doctor', sup.ctx.deviceId],
  ]);
  expect(JSON.stringify(audit)).not.toContain('8642');
  await pullWs();
  expect(await ws.fail('auth.signIn', { doctorId: anna, pin: '2468' })).toMatchObject({
    code: 'WRONG_PIN',
  });
  expect((await ws.call('auth.signIn', { doctorId: anna, pin: '8642' })).doctor.name).toBe(
    'Anna Ny',
  );
  await ws.call('auth.signOut', {});

  // A doctor added from the console is added on the server (its id), and signs in elsewhere.
  const bo = await sup.call('roster.add', {
    name: 'Bo Ny',
    authId: 'B200',
    pin: '1357',
    roles: ['doctor', 'coordinator'],
  });
  const listed = (await cliLive('list-doctors')) as unknown as Array<{ id: string; name: string }>;
  expect(listed.map((d) => [d.id, d.name])).toContainEqual([bo.id, 'Bo Ny']);
  audit = (await cliLive('roster-audit', '--doctor', bo.id)) as unknown as AuditRow[];
  expect(audit).toEqual([
    expect.objectContaining({ action: 'add-doctor', deviceId: sup.ctx.deviceId }),
  ]);
  await pullWs();
  expect((await ws.call('auth.signIn', { doctorId: bo.id, pin: '1357' })).doctor.roles).toEqual([
    'doctor',
    'coordinator',
  ]);
  await ws.call('auth.signOut', {});

  // A doctor only on this workstation's roster is not on the server's: said so, nothing changed.
  expect(await sup.fail('roster.update', { id: s1.s.id, name: 'Sara S.' })).toMatchObject({
    code: 'ROSTER_NOT_ON_SERVER',
  });

  // A workstation device: the server refuses (403), and nothing changes there or on the server.
  await ws.call('auth.signIn', { doctorId: s2.s.id, pin: '4321' });
  expect(await ws.fail('roster.update', { id: anna, active: false })).toMatchObject({
    code: 'ROSTER_REFUSED',
  });
  expect((await ws.call('roster.list', {})).find((d) => d.id === anna)?.active).toBe(true);
  const auditBefore = (await cliLive('roster-audit')) as unknown as AuditRow[];

  // Offline: a clear error, and nothing changed on the console or on the server.
  await server.stop();
  expect(await sup.fail('roster.update', { id: anna, active: false })).toMatchObject({
    code: 'ROSTER_OFFLINE',
  });
  expect(
    await sup.fail('roster.add', {
      name: 'Cai',
      authId: 'C300',
      pin: '1111',
      roles: ['doctor'],
    }),
  ).toMatchObject({ code: 'ROSTER_OFFLINE' });
  const local = await sup.call('roster.list', {});
  expect(local.find((d) => d.id === anna)).toMatchObject({ name: 'Anna Ny', active: true });
  expect(local.some((d) => d.authId === 'C300')).toBe(false);
  expect(cli('list-doctors')).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: anna, active: true })]),
  );
  expect(JSON.parse(server$.text('roster-audit'))).toEqual(auditBefore);

  // Back online (same address): the change can be made again, and is.
  server = await startServerProcess(dir, server.port);
  expect(await sup.call('roster.update', { id: anna, active: false })).toMatchObject({
    active: false,
  });
});
