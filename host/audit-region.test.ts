// R-AUDIT-1 in the console: a linked supervisor device gets the server's audit list through the
// contract (audit.region); a doctor who is not a supervisor is refused; unlinked, it is null.
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
});

it('R-AUDIT-1 a supervisor device sees the region audit when online, null when not linked', async () => {
  const dir = tempDir('vagt-audit-srv-');
  const cli = serverCommands(dir).json;
  const sup = testHost('2025-03-04T16:30:00.000Z');
  hosts.push(sup);
  const token = cli(
    'add-device',
    '--name',
    'Leder',
    '--role',
    'supervisor',
    '--id',
    sup.ctx.deviceId,
  ).token as string;
  server = await startServerProcess(dir);

  const boss = await sup.call('setup.createFirstSupervisor', {
    name: 'Lokal S1',
    authId: 'S1',
    pin: '4321',
  });
  await sup.call('auth.signIn', { doctorId: boss.id, pin: '4321' });
  const period = { from: '2025-03-01', to: '2025-03-31' };
  // Not linked yet: there is no region list to show.
  expect(await sup.call('audit.region', period)).toBeNull();
  await sup.call('sync.configure', { serverUrl: server.url, token });
  const audit = await sup.call('audit.region', period);
  // The server reads its own claim marks, so "rettet efter afregning" is checked too.
  expect(audit).toMatchObject({ ...period, claimsChecked: true, findings: [] });
  // The input is validated at the door like every method.
  expect((await sup.fail('audit.region', { from: '2025-02-30', to: '2025-03-01' })).code).toBe(
    'INVALID_INPUT',
  );

  // A doctor without the supervisor role is refused.
  const doc = await sup.call('roster.add', {
    name: 'Læge uden ledelse',
    authId: 'D1',
    roles: ['doctor'],
    pin: '1234',
  });
  await sup.call('auth.signOut', {});
  await sup.call('auth.signIn', { doctorId: doc.id, pin: '1234' });
  expect((await sup.fail('audit.region', period)).code).toBe('FORBIDDEN');
});
