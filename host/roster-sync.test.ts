// R-ROSTER-1 end to end with a real sync server process and a real workstation host: roster
// changes made with the server's command line reach the workstation at its next pull; a
// deactivated doctor is refused at sign-in there, a reactivated one is let in again, a PIN reset
// on the server replaces the old PIN; every change is in the server's roster audit.
import { afterAll, expect, it, vi } from 'vitest';
import {
  serverCommands,
  startServerProcess,
  type ServerProcess,
} from './sync/testing/server-process';
import { tempDir, testHost, type TestHost } from './testing';

vi.setConfig({ testTimeout: 240_000 });

let server: ServerProcess | undefined;
let ws: TestHost | undefined;

afterAll(async () => {
  await ws?.shutdown();
  await server?.stop();
});

it('R-ROSTER-1 a doctor deactivated on the server is refused at sign-in after the next pull', async () => {
  const dir = tempDir('vagt-roster-srv-');
  const server$ = serverCommands(dir);
  const cli = server$.json;
  // While the workstation is live the command runs beside it, not blocking the event loop.
  const cliLive = server$.liveJson;

  const anna = cli('add-doctor', '--name', 'Anna Server', '--auth-id', 'A100', '--pin', '2468')
    .doctorId as string;
  ws = testHost('2025-03-04T16:30:00.000Z');
  const token = cli('add-device', '--name', 'Arbejdsplads 1', '--id', ws.ctx.deviceId)
    .token as string;
  server = await startServerProcess(dir);

  const sup = await ws.call('setup.createFirstSupervisor', {
    name: 'Lokal S1',
    authId: 'S1',
    pin: '4321',
  });
  await ws.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  await ws.call('sync.configure', { serverUrl: server.url, token });
  await ws.call('auth.signOut', {});
  // The workstation's next pull (as its background sync would do; the call needs a session).
  const pull = async () => {
    await ws!.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    expect(await ws!.call('sync.now', {})).toMatchObject({ online: true });
    await ws!.call('auth.signOut', {});
  };
  expect((await ws.call('auth.signIn', { doctorId: anna, pin: '2468' })).doctor.name).toBe(
    'Anna Server',
  );
  await ws.call('auth.signOut', {});

  // Deactivated on the server: refused once the workstation has pulled. (Whether a background
  // sync pulled it even sooner depends on timing, so that is not asserted.)
  expect(await cliLive('deactivate-doctor', '--doctor', anna)).toMatchObject({
    active: false,
    changed: true,
  });
  await pull();
  expect(await ws.fail('auth.signIn', { doctorId: anna, pin: '2468' })).toMatchObject({
    code: 'FORBIDDEN',
  });
  // Deactivating again changes nothing and is not audited twice.
  expect(await cliLive('deactivate-doctor', '--doctor', anna)).toMatchObject({ changed: false });

  // Reactivated, renamed, and a new PIN: the old PIN no longer works on the workstation.
  await cliLive('reactivate-doctor', '--doctor', anna);
  await cliLive('update-doctor', '--doctor', anna, '--name', 'Anna B. Server', '--roles', 'doctor');
  const reset = await cliLive('reset-pin', '--doctor', anna);
  const newPin = reset.newPin as string;
  expect(newPin).toMatch(/^\d{6}$/);
  await pull();
  if (newPin !== '2468') {
    expect((await ws.fail('auth.signIn', { doctorId: anna, pin: '2468' })).code).toBe('WRONG_PIN');
  }
  const session = await ws.call('auth.signIn', { doctorId: anna, pin: newPin });
  expect(session.doctor).toMatchObject({ name: 'Anna B. Server', active: true });

  // The roster audit: who (the command line and the OS user), when, which device, what.
  const audit = (await cliLive('roster-audit', '--doctor', anna)) as unknown as Array<{
    action: string;
    actor: string;
    deviceId: string | null;
    at: string;
    details: Record<string, unknown>;
  }>;
  expect(audit.map((a) => a.action)).toEqual([
    'reset-pin',
    'update-doctor',
    'reactivate-doctor',
    'deactivate-doctor',
    'add-doctor',
  ]);
  expect(audit.every((a) => /^server CLI \(os-bruger .+\)$/.test(a.actor))).toBe(true);
  expect(audit.every((a) => a.deviceId === null && !Number.isNaN(Date.parse(a.at)))).toBe(true);
  expect(audit[1]!.details).toEqual({
    name: { fra: 'Anna Server', til: 'Anna B. Server' },
  });
  expect(JSON.stringify(audit)).not.toContain(newPin);
  const listed = (await cliLive('list-doctors')) as unknown as Array<Record<string, unknown>>;
  expect(listed).toEqual([
    {
      id: anna,
      name: 'Anna B. Server',
      authId: 'A100',
      roles: ['doctor'],
      active: true,
      pin: true,
    },
  ]);
  const devices = (await cliLive('list-devices')) as unknown as Array<Record<string, unknown>>;
  expect(devices).toEqual([
    expect.objectContaining({ id: ws.ctx.deviceId, name: 'Arbejdsplads 1', revokedAt: null }),
  ]);
  expect(JSON.stringify(devices)).not.toMatch(/token/i);
});
