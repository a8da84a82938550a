// E2E (issue 14, R-CLAIM-5): on a workstation linked to a sync server the claims screen says the
// claim is made on the server; when the server is down, the export is an offline statement the
// screen and the file mark "foreløbig – ikke afregnet", and nothing is claimed (no past claim).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, screen, ARTIFACTS } from './fixtures';
import { createFirstSupervisor, signIn, openShift, newCall, fillCall, endCall } from './helpers';
import { invoke, serverCli, startSyncServer } from './sync-server';

test.use({ clock: '2025-05-27T15:30:00.000Z' }); // Tuesday 17:30 CEST

test('R-CLAIM-5 with the linked server down the claims screen gives a statement "foreløbig – ikke afregnet"', async ({
  app: page,
  shell,
}) => {
  test.skip(shell !== 'browser', 'the sync server is reached the same way from both shells');
  const server = await startSyncServer();
  try {
    await createFirstSupervisor(page);
    await signIn(page);
    const setup = (await invoke(page, 'setup.status', {})).value as { workstationId: string };
    const device = serverCli(
      server.dataDir,
      'add-device',
      '--name',
      'Arbejdsplads 1',
      '--id',
      setup.workstationId,
    ) as { token: string };
    expect(
      (await invoke(page, 'sync.configure', { serverUrl: server.url, token: device.token })).ok,
    ).toBe(true);

    await openShift(page);
    await newCall(page);
    await fillCall(page, {
      cpr: '010190-1234',
      caller: 'Patienten selv',
      reason: 'Hoste',
      outcome: 'Råd og vejledning',
    });
    await endCall(page);

    // The claims screen on a linked workstation: claims are made on the server.
    await page.keyboard.press('Alt+A');
    await expect(page.getByRole('heading', { name: 'Afregning', level: 1 })).toBeFocused();
    await expect(page.getByTestId('claim-mode')).toContainText('Regional afregning');

    // The server goes down; the doctor exports anyway.
    await server.stop();
    await page.getByRole('button', { name: 'Vis udkast' }).click();
    // docs/rules.md §4: 17:30 Tuesday → band A, telephone triage A = 7 213 øre = 72,13 kr.
    await expect(page.getByTestId('claim-grand-total')).toHaveText('72,13 kr.');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Eksportér som CSV' }).click(),
    ]);
    const result = page.getByTestId('claim-result');
    await expect(result).toHaveAttribute('data-source', 'offline');
    await expect(result).toContainText('Foreløbig – ikke afregnet');
    await expect(result).toContainText('intet er afregnet eller markeret');
    expect(dl.suggestedFilename()).toContain('foreloebig');
    const file = path.join(ARTIFACTS, 'claim-offline.csv');
    await dl.saveAs(file);
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFFORELØBIG – IKKE AFREGNET;/);
    expect(csv).toContain('72,13');
    // Nothing was claimed: no past claim, and the draft still holds the line.
    await expect(page.getByText('Ingen afregninger endnu.')).toBeVisible();
    await screen(page, '54-claim-offline');
    await page.getByRole('button', { name: 'Vis udkast' }).click();
    await expect(page.getByTestId('claim-lines').locator('tbody tr')).toHaveCount(1);
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
});
