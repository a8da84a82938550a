// Claims (docs/rules.md §6) from the console: a doctor records calls on a test clock, previews the shift's
// claim, exports it as CSV (which marks it, R-CLAIM-3) and re-prints it as JSON and PDF. The CSV
// parses to the totals shown on screen, and both equal amounts worked out by hand from
// docs/rules.md §4 (literals, not the project's own pricing code).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screen, ARTIFACTS } from './fixtures';
import {
  createFirstSupervisor,
  signIn,
  ensureSignedIn,
  openShift,
  newCall,
  fillCall,
  endCall,
  waitSaved,
} from './helpers';
import type { Claim } from '../shared/claims/model';

const T = {
  a: '2025-05-27T15:30:00.000Z', // Tuesday 17:30 CEST → A
  b: '2025-05-27T21:10:00.000Z', // 23:10 → B (escalated; video connects in B)
};

// docs/rules.md §4 (ok21-national, April-2021 level, no index loaded), worked out by hand:
//   17:30 Tuesday → band A: telephone triage A                       =  7 213 øre
//   23:10 Tuesday → band B: telephone triage B                       =  9 418 øre
//   video connects 23:1x in 2025 → B, third-year amount continued    = 25 268 øre
//   total 7 213 + 9 418 + 25 268                                     = 41 899 øre = 418,99 kr.
const EXPECTED = {
  byCode: new Map([
    ['TLF-A', { kr: '72,13 kr.', csv: '72,13' }],
    ['TLF-B', { kr: '94,18 kr.', csv: '94,18' }],
    ['VIDEO-B', { kr: '252,68 kr.', csv: '252,68' }],
  ]),
  grand: { ore: 41_899, kr: '418,99 kr.', csv: '418,99' },
  // The group-1 → 2 correction of the 17:30 call reverses its TLF-A line: −7 213 øre.
  reversal: '-72,13 kr.',
};

test.use({ clock: T.a });

async function download(page: Page, name: string, click: () => Promise<void>): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(ARTIFACTS, name);
  await dl.saveAs(file);
  return file;
}

test('a doctor claims a shift: preview, CSV, JSON and PDF; a correction is reversed next time', async ({
  app: page,
  vagt,
}) => {
  await createFirstSupervisor(page);
  await signIn(page);
  await openShift(page);

  // 17:30 (A)
  await newCall(page);
  await fillCall(page, {
    cpr: '010190-1234',
    caller: 'Patienten selv',
    reason: 'Hoste',
    outcome: 'Råd og vejledning',
  });
  await endCall(page);

  // 23:10 (B): escalated to video that connects; then a group-2 call (listed apart).
  await vagt.restart(T.b);
  await ensureSignedIn(page);
  await newCall(page);
  await fillCall(page, { cpr: '150875-2345', caller: 'Pårørende', reason: 'Udslæt' });
  await page.keyboard.press('Alt+V');
  await expect(page.getByText('Video anmodet 23:10')).toBeVisible();
  await page.keyboard.press('Alt+K');
  await expect(page.getByTestId('video-connected')).toContainText('Forbundet 23:1');
  await page.getByLabel('Udfald').selectOption({ label: 'Video' });
  await waitSaved(page);
  await page.keyboard.press('Alt+S');
  await endCall(page);
  await newCall(page);
  await page.getByLabel('Gruppe 2').check();
  await fillCall(page, { cpr: '241299-3456', reason: 'Turist med feber', outcome: 'Recept' });
  await endCall(page);

  // Claims screen by keyboard (Alt+A): the open shift is the default period.
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('heading', { name: 'Afregning', level: 1 })).toBeFocused();
  await expect(page.getByLabel(/Nuværende vagt \(åbnet 17:30\)/)).toBeChecked();
  // No closed shift yet: the past-shift choice is there, but disabled.
  await expect(page.getByLabel('Ingen tidligere vagter', { exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Vis udkast' }).click();
  await expect(page.getByTestId('claim-grand-total')).toHaveText(EXPECTED.grand.kr);
  const totals = page.getByTestId('claim-totals');
  for (const [code, { kr }] of EXPECTED.byCode) {
    await expect(totals.getByRole('row', { name: new RegExp(code) })).toContainText(kr);
  }
  await expect(page.getByTestId('claim-lines').locator('tbody tr')).toHaveCount(3);
  const separate = page.getByTestId('claim-separate');
  await expect(separate.locator('tbody tr')).toHaveCount(1);
  await expect(separate).toContainText('Gruppe 2 (kvittering)');
  await expect(separate).toContainText('241299-3456');
  await expect(page.getByText('Prisniveau: april 2021-niveau')).toBeVisible();
  await expect(page.getByText(/Regelsæt: .*ok21-national/)).toBeVisible();
  await expect(page.getByTestId('claim-continued')).toHaveText('Takst fra 2024 videreført.');
  await screen(page, '50-claim-preview');

  // Export as CSV: the file's totals are the screen's.
  const csvFile = await download(page, 'claim.csv', () =>
    page.getByRole('button', { name: 'Eksportér som CSV' }).click(),
  );
  const csv = fs.readFileSync(csvFile, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  const rows = csv
    .slice(1)
    .split('\r\n')
    .map((r) => r.split(';'));
  const totalRows = rows.filter((r) => r[0] === 'Total' && r[1] !== 'Ydelse');
  expect(new Map(totalRows.map((r) => [r[1], r[5]]))).toEqual(
    new Map([...EXPECTED.byCode].map(([c, { csv }]) => [c, csv])),
  );
  const grand = rows.find((r) => r[0] === 'I alt')!;
  expect(grand.at(-1)).toBe(EXPECTED.grand.csv);
  // Separate (group 2) is listed, not totalled.
  expect(rows.filter((r) => r[0] === 'Særskilt, ikke medregnet')).toHaveLength(1);
  await expect(page.getByTestId('announcement')).toContainText('Afregningen er gemt som');

  // The past claim, re-printed as JSON and PDF.
  const history = page.getByTestId('claim-history');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history).toContainText(EXPECTED.grand.kr);
  const jsonFile = await download(page, 'claim.json', () =>
    history.getByRole('button', { name: /som JSON/ }).click(),
  );
  const claim = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Claim;
  expect(claim.schema).toBe('vagtkonsol.claim/1');
  expect(claim.totals.grandTotalOre).toBe(EXPECTED.grand.ore);
  expect(claim.totals.grandTotal).toBe(EXPECTED.grand.kr);
  const pdfFile = await download(page, 'claim.pdf', () =>
    history.getByRole('button', { name: /som PDF/ }).click(),
  );
  const pdf = fs.readFileSync(pdfFile);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdfFile,
      path.join(ARTIFACTS, '52-claim-pdf'),
    ]);
  } catch {
    /* poppler-utils not installed: the PDF is still checked above */
  }

  // Exported lines are claimed: the next draft for the shift has none.
  await page.getByRole('button', { name: 'Vis udkast' }).click();
  await expect(page.getByText('Ingen linjer at afregne i perioden.')).toBeVisible();
  await screen(page, '51-claim-history');

  // A correction of a claimed contact (group 1 → 2) comes back as a reversal line.
  await page.keyboard.press('Alt+A');
  await page.getByRole('button', { name: 'Ret – Kontakt kl. 17:30' }).click();
  const dlg = page.getByRole('dialog', { name: /Ret kontakt/ });
  await dlg.getByLabel('Sygesikringsgruppe').selectOption({ label: 'Gruppe 2' });
  await dlg.getByLabel('Begrundelse for rettelse (påkrævet)').fill('Patienten er gruppe 2');
  await dlg.getByRole('button', { name: 'Gem rettelse' }).click();
  await expect(dlg).toBeHidden();
  await page.keyboard.press('Alt+A');
  await page.getByRole('button', { name: 'Vis udkast' }).click();
  const reversal = page
    .getByTestId('claim-lines')
    .locator('tbody tr', { hasText: 'Tilbageførsel' });
  await expect(reversal).toHaveCount(1);
  await expect(reversal).toContainText(EXPECTED.reversal);
  await expect(page.getByTestId('claim-grand-total')).toHaveText(EXPECTED.reversal);
  await screen(page, '53-claim-reversal');
});
