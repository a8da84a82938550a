// E2E (issue 14, R-ROSTER-1): a doctor deactivated on the region's sync server cannot sign in on
// a workstation once it has pulled: gone from the sign-in list, and refused by the host if asked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { createFirstSupervisor, signIn, SUPERVISOR } from './helpers';
import { invoke, serverCli, startSyncServer } from './sync-server';

const ANNA = { name: 'Anna Server', authId: 'A100', pin: '2468' };

test('R-ROSTER-1 a doctor deactivated on the server is refused at sign-in after the next pull', async ({
  app: page,
  shell,
}) => {
  test.skip(shell !== 'browser', 'the sync server is reached the same way from both shells');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-e2e-roster-'));
  const anna = serverCli(
    dataDir,
    'add-doctor',
    '--name',
    ANNA.name,
    '--auth-id',
    ANNA.authId,
    '--pin',
    ANNA.pin,
  ).doctorId as string;
  const server = await startSyncServer(dataDir);
  const url = server.url;
  try {
    await createFirstSupervisor(page);
    await signIn(page);
    const setup = (await invoke(page, 'setup.status', {})).value as { workstationId: string };
    const device = serverCli(
      dataDir,
      'add-device',
      '--name',
      'Arbejdsplads 1',
      '--id',
      setup.workstationId,
    );
    expect((await invoke(page, 'sync.configure', { serverUrl: url, token: device.token })).ok).toBe(
      true,
    );
    await invoke(page, 'auth.signOut', {});
    await page.reload();

    // Anna from the server's roster signs in on the workstation.
    await signIn(page, ANNA);
    await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
    await invoke(page, 'auth.signOut', {});

    // Deactivated on the server; the workstation's next pull (run by the supervisor here).
    expect(serverCli(dataDir, 'deactivate-doctor', '--doctor', anna)).toMatchObject({
      active: false,
    });
    const supervisor = (await invoke(page, 'roster.list', {})).value as {
      id: string;
      name: string;
    }[];
    const karen = supervisor.find((d) => d.name === SUPERVISOR.name)!;
    expect(
      (await invoke(page, 'auth.signIn', { doctorId: karen.id, pin: SUPERVISOR.pin })).ok,
    ).toBe(true);
    expect((await invoke(page, 'sync.now', {})).ok).toBe(true);
    await invoke(page, 'auth.signOut', {});
    await page.reload();

    await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
    await expect(page.getByRole('radio', { name: new RegExp(SUPERVISOR.name) })).toBeVisible();
    await expect(page.getByRole('radio', { name: new RegExp(ANNA.name) })).toHaveCount(0);
    const refused = await invoke(page, 'auth.signIn', { doctorId: anna, pin: ANNA.pin });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
