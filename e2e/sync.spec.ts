// E2E (issue 7): a real sync server on loopback, the workstation configured in the console's
// "Synkronisering" screen, a recorded call that reaches the server ("0 venter", last sync set),
// then the server stops: the header goes offline and the waiting count grows.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { test, expect, screen } from './fixtures';
import { createFirstSupervisor, endCall, fillCall, newCall, openShift, signIn } from './helpers';
import { serverCli, startSyncServer } from './sync-server';

async function workstationId(page: Page): Promise<string> {
  const r = (await page.evaluate(() => window.vagt!.invoke('setup.status', {}))) as {
    ok: boolean;
    value: { workstationId: string };
  };
  return r.value.workstationId;
}

test('configure the sync server in the console, sync a call, then lose the server', async ({
  app: page,
  shell,
}) => {
  test.skip(shell !== 'browser', 'the sync server is reached the same way from both shells');
  const server = await startSyncServer();
  try {
    await createFirstSupervisor(page);
    await signIn(page);
    await openShift(page);
    const device = serverCli(
      server.dataDir,
      'add-device',
      '--name',
      'Arbejdsplads 1',
      '--id',
      await workstationId(page),
    );
    const header = page.getByTestId('sync-state');
    // No server yet: waiting is counted, neither online nor offline is claimed.
    await expect(header).not.toContainText('Online');

    // The settings screen, by keyboard: Tab to the header button and press Enter.
    const navButton = page.getByRole('button', { name: 'Synkronisering' });
    await navButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Synkronisering', level: 1 })).toBeVisible();

    // A bad address is refused by the form; an unreachable one by the host, in Danish.
    await page.getByLabel('Serveradresse').fill('ftp://127.0.0.1');
    await page.getByLabel('Enhedsnøgle').fill(String(device.token));
    await page.getByRole('button', { name: 'Test og gem' }).click();
    await expect(
      page.getByText('Skriv en adresse, der begynder med http:// eller https://.'),
    ).toBeVisible();
    await page.getByLabel('Serveradresse').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Test og gem' }).click();
    await expect(
      page.getByText('Serveren svarer ikke. Tjek adressen og netværket.').first(),
    ).toBeVisible();
    await page.getByLabel('Enhedsnøgle').fill('forkert-token-123');
    await page.getByLabel('Serveradresse').fill(server.url);
    await page.getByRole('button', { name: 'Test og gem' }).click();
    await expect(page.getByText('Serveren kender ikke enhedsnøglen').first()).toBeVisible();

    await page.getByLabel('Enhedsnøgle').fill(String(device.token));
    await page.getByRole('button', { name: 'Test og gem' }).click();
    const facts = page.getByTestId('sync-facts');
    await expect(facts).toContainText(server.url);
    await expect(facts).toContainText('Online');
    await expect(facts).toContainText('Arbejdsplads');
    await expect(header).toContainText('Online');
    await expect(header).toContainText('Sidst synkroniseret');
    // The host's test clock is 2025 and the server's is now: the header warns about the clock.
    await expect(page.getByTestId('clock-skew')).toBeVisible();
    await screen(page, 'sync-settings');

    // Back to the console; a call is recorded and reaches the server.
    await navButton.click();
    await newCall(page);
    await fillCall(page, { cpr: '010190-1234', reason: 'Feber', outcome: 'Råd og vejledning' });
    await endCall(page);
    await expect(header).toContainText('0 venter', { timeout: 20_000 });
    await expect(header).toContainText('Online');
    const serverDb = new Database(path.join(server.dataDir, 'sync-server.db'), { readonly: true });
    const onServer = (
      serverDb.prepare("SELECT count(*) AS n FROM items WHERE type = 'contact'").get() as {
        n: number;
      }
    ).n;
    serverDb.close();
    expect(onServer).toBeGreaterThan(0);
    await screen(page, 'sync-header-online');

    // The server goes away: the next call waits in the outbox, and the header says offline.
    await server.stop();
    await newCall(page);
    await fillCall(page, { cpr: '010190-1234', reason: 'Hoste', outcome: 'Recept' });
    await endCall(page);
    await expect(header).toContainText('Offline', { timeout: 20_000 });
    await expect(header).toContainText(/[1-9]\d* venter på synkronisering/);
    await screen(page, 'sync-header-offline');
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
});
