// E2E (issue 14, R-ROSTER-1): a doctor deactivated on the region's sync server cannot sign in on
// a workstation once it has pulled: gone from the sign-in list, and refused by the host if asked.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ROOT } from './fixtures';
import { createFirstSupervisor, signIn, SUPERVISOR } from './helpers';

const SERVER = ['--import', 'tsx', 'server/main.ts'];
const ANNA = { name: 'Anna Server', authId: 'A100', pin: '2468' };

function cli(dataDir: string, ...args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    [...SERVER, args[0]!, '--data', dataDir, ...args.slice(1)],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(out) as Record<string, unknown>;
}

async function invoke(page: Page, method: string, input: unknown) {
  return (await page.evaluate(([m, i]) => window.vagt!.invoke(m as never, i as never), [
    method,
    input,
  ] as const)) as { ok: boolean; value?: unknown; error?: { code: string } };
}

test('R-ROSTER-1 a doctor deactivated on the server is refused at sign-in after the next pull', async ({
  app: page,
  shell,
}) => {
  test.skip(shell !== 'browser', 'the sync server is reached the same way from both shells');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-e2e-roster-'));
  const anna = cli(
    dataDir,
    'add-doctor',
    '--name',
    ANNA.name,
    '--auth-id',
    ANNA.authId,
    '--pin',
    ANNA.pin,
  ).doctorId as string;
  const child = spawn(process.execPath, [...SERVER, '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`sync server exited ${code}: ${out}`)));
    });

    await createFirstSupervisor(page);
    await signIn(page);
    const setup = (await invoke(page, 'setup.status', {})).value as { workstationId: string };
    const device = cli(
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
    expect(cli(dataDir, 'deactivate-doctor', '--doctor', anna)).toMatchObject({ active: false });
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
    child.kill('SIGKILL');
  }
});
