// Load view (R-LOAD-1, R-LOAD-2): a supervisor on demo data sees last night's heat map doctor ×
// hour, sorts the totals by keyboard, drills down to one doctor and exports the table as CSV.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, screen, ARTIFACTS } from './fixtures';
import { signIn } from './helpers';

// Wednesday 28 May 2025 08:30 local: "last night" is Tuesday 27 May 16:00 → 28 May 08:00,
// and the demo week has an evening shift on the 27th.
test.use({ clock: '2025-05-28T06:30:00.000Z' });

const ANNE = { name: 'Anne Holm \\(demo\\)', authId: '', pin: '1234' };

test('supervisor: heat map, sorting, drill-down and CSV of last night', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Indlæs demodata' }).click();
  await signIn(page, ANNE);
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();

  // Reached by keyboard: Alt+B (documented in the help overlay).
  await page.keyboard.press('?');
  await expect(page.getByTestId('hotkeys')).toContainText('Alt+B');
  await expect(page.getByTestId('hotkeys')).toContainText('Belastning');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Belastning', level: 1 })).toBeFocused();
  await expect(page.getByTestId('load-source')).toContainText('Data gemt på denne arbejdsstation');
  await expect(page.getByTestId('load-source')).toContainText('27. maj 2025 16:00');
  await expect(page.getByTestId('load-source')).toContainText('28. maj 2025 08:00');
  await expect(page.getByTestId('load-source')).toContainText('høj ≥ 12, meget høj ≥ 20');

  const heat = page.getByTestId('heatmap');
  await expect(heat).toBeVisible();
  // 16 clock hours, 16:00 … 07:00.
  const hourHeads = heat.locator('thead th');
  await expect(hourHeads).toHaveCount(17);
  await expect(hourHeads.nth(1)).toHaveText('16');
  await expect(hourHeads.nth(16)).toHaveText('07');
  const boRow = heat.getByRole('row', { name: /Bo Lindberg/ });
  await expect(boRow).toBeVisible();
  const boCells = await boRow.locator('td').allInnerTexts();
  const boFromHeat = boCells.reduce((s, c) => s + parseInt(c, 10), 0);
  expect(boFromHeat).toBeGreaterThan(0);

  // The totals agree with the heat map.
  const totals = page.getByTestId('load-totals');
  const boTotal = totals.getByRole('row', { name: /Bo Lindberg/ });
  await expect(boTotal.locator('td').first()).toHaveText(String(boFromHeat));
  await expect(page.getByTestId('load-render-ms')).toHaveAttribute('data-render-ms', /\d+/);
  await screen(page, '40-load-night');

  // Keyboard sorting with aria-sort.
  const nameHead = totals.getByRole('columnheader', { name: /Læge/ });
  const contactsHead = totals.getByRole('columnheader', { name: /Kontakter/ });
  await expect(contactsHead).toHaveAttribute('aria-sort', 'descending');
  await nameHead.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(nameHead).toHaveAttribute('aria-sort', 'ascending');
  await expect(contactsHead).toHaveAttribute('aria-sort', 'none');
  const names = await totals.locator('tbody th').allInnerTexts();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'da')));
  await page.keyboard.press('Enter');
  await expect(nameHead).toHaveAttribute('aria-sort', 'descending');
  await expect(totals.locator('tbody th').first()).toHaveText(names.at(-1)!);

  // CSV of the table: BOM, `;`, CRLF, decimal comma; Bo's count as on screen.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Eksportér tabel (CSV)' }).click(),
  ]);
  const csvPath = path.join(ARTIFACTS, 'load-table.csv');
  await download.saveAs(csvPath);
  const csv = fs.readFileSync(csvPath, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const csvRows = csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split(';'));
  expect(csvRows[0]![0]).toBe('Læge');
  const boCsv = csvRows.find((r) => r[0] === 'Bo Lindberg (demo)')!;
  expect(boCsv[1]).toBe(String(boFromHeat));
  expect(boCsv[11]).toMatch(/^\d+,\d{2}$/);
  // R-CON-6: "transport bevilget" per doctor, on screen and in the CSV alike.
  expect(csvRows[0]![9]).toBe('Transport bevilget');
  await expect(totals.getByRole('columnheader', { name: /Transport bevilget/ })).toBeVisible();
  expect(boCsv[9]).toBe(await boTotal.locator('td').nth(7).innerText());
  expect(csvRows.at(-1)![0]).toBe('I alt');

  // Drill-down to one doctor: the hours and the contacts of the night.
  await heat.getByRole('button', { name: 'Vis Bo Lindberg (demo)' }).click();
  const drill = page.getByTestId('drill');
  await expect(
    drill.getByRole('heading', { name: /Bo Lindberg \(demo\): timer og kontakter/ }),
  ).toBeFocused();
  const contactRows = drill.getByTestId('drill-contacts').locator('tbody tr');
  await expect(contactRows.first()).toBeVisible();
  // Bo's telephone contacts (video parts may be handed to the coordinator).
  const calls = await drill
    .getByTestId('drill-contacts')
    .locator('tbody tr', { hasText: 'Telefon' })
    .count();
  expect(calls).toBe(boFromHeat);
  // Per shift (R-LOAD-1): Bo's one shift of the night, its contacts those of the heat map.
  const shiftRows = drill.getByTestId('drill-shifts').locator('tbody tr');
  await expect(shiftRows).toHaveCount(1);
  await expect(shiftRows.first().locator('th')).toHaveText('27.05 16:00');
  await expect(shiftRows.first().locator('td').first()).toHaveText('28.05 08:00');
  await expect(shiftRows.first().locator('td').nth(1)).toHaveText(String(boFromHeat));
  await expect(shiftRows.first().locator('td').last()).toHaveText(/^-?[\d.]+,\d{2} kr\.$/);
  await screen(page, '41-load-drilldown');

  // A week: one column per clock hour of the day (the busiest hour over the days).
  await page.getByLabel('Datointerval', { exact: true }).check();
  await page.getByLabel('Fra dato').fill('2025-05-21');
  await page.getByLabel('Til dato (med)').fill('2025-05-27');
  await page.getByRole('button', { name: 'Vis', exact: true }).click();
  await expect(page.getByText(/Højeste antal kontakter i samme klokketime/)).toBeVisible();
  await expect(heat.locator('thead th')).toHaveCount(25);
  await screen(page, '42-load-week');

  // Night theme stays readable; Alt+B goes back to the console.
  await page.getByRole('button', { name: 'Visning' }).click(); // the display settings (issue 16)
  await page.getByRole('button', { name: 'Nattilstand' }).click();
  await screen(page, '43-load-week-night');
  await page.getByRole('button', { name: 'Nattilstand' }).click();
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
  await screen(page, '44-back-to-console');

  // The load view opened during a call: the call stays, and the screen passes axe.
  await page.getByRole('button', { name: 'Åbn vagt' }).click();
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Belastning', level: 1 })).toBeFocused();
  await expect(page.getByTestId('heatmap')).toBeVisible();
  await screen(page, '45-load-during-call');
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
});

test('a doctor without the supervisor role has no load view', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Indlæs demodata' }).click();
  await signIn(page, { name: 'Bo Lindberg \\(demo\\)', authId: '', pin: '1234' });
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Belastning' })).toHaveCount(0);
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Belastning' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Afregning' })).toBeVisible();
});

test('supervisor: another doctor’s claim preview; the load view in English', async ({
  app: page,
}) => {
  await page.getByRole('button', { name: 'Indlæs demodata' }).click();
  await signIn(page, ANNE);
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
  await page.keyboard.press('Alt+A');
  await expect(page.getByRole('heading', { name: 'Afregning', level: 1 })).toBeFocused();
  await page.getByRole('combobox', { name: 'Læge' }).selectOption({ label: 'Bo Lindberg (demo)' });
  await expect(page.getByLabel('Datointerval', { exact: true })).toBeChecked();
  await page.getByLabel('Fra dato').fill('2025-05-27');
  await page.getByLabel('Til dato (med)').fill('2025-05-27');
  await page.getByRole('button', { name: 'Vis udkast' }).click();
  await expect(
    page.getByRole('heading', { name: /Bo Lindberg \(demo\) \(DEMO-BL2\)/ }),
  ).toBeVisible();
  // The totals per code add up to the grand total shown.
  const ore = (s: string) => Number(s.replace(/[^\d,-]/g, '').replace(',', ''));
  const amounts = await page
    .getByTestId('claim-totals')
    .locator('tbody td:last-child')
    .allInnerTexts();
  const grand = await page.getByTestId('claim-grand-total').innerText();
  expect(amounts.length).toBeGreaterThan(0);
  expect(amounts.reduce((s, a) => s + ore(a), 0)).toBe(ore(grand));
  await expect(page.getByTestId('claim-separate')).toContainText('Gruppe 2 (kvittering)');
  await screen(page, '54-claim-supervisor-other-doctor');

  // A past (closed) shift of Bo's, newest first in the chooser, previewed as a claim for it.
  await page.getByLabel('Tidligere vagt', { exact: true }).check();
  const shiftPick = page.getByRole('combobox', { name: 'Vagt', exact: true });
  await expect(shiftPick.locator('option')).toHaveCount(7);
  await expect(shiftPick.locator('option').first()).toContainText('27.05.2025 16:00 – 28.05 08:00');
  await shiftPick.selectOption({ index: 1 });
  await expect(shiftPick.locator('option:checked')).toContainText('26.05.2025 16:00');
  await page.getByRole('button', { name: 'Vis udkast' }).click();
  await expect(
    page.getByRole('heading', { name: /Bo Lindberg \(demo\) \(DEMO-BL2\) · 26\.05\.2025/ }),
  ).toBeVisible();
  await expect(page.getByTestId('claim-lines').locator('tbody tr').first()).toContainText(
    '26.05.2025',
  );
  await screen(page, '55-claim-past-shift');

  // English.
  await page.getByRole('button', { name: 'Visning' }).click(); // the display settings (issue 16)
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('Alt+B');
  await expect(page.getByRole('heading', { name: 'Load', level: 1 })).toBeVisible();
  await expect(page.getByTestId('load-source')).toContainText('Data stored on this workstation');
  await expect(page.getByRole('columnheader', { name: /Mean handling time/ })).toBeVisible();
  await screen(page, '47-load-english');
  await page.getByRole('button', { name: 'Display' }).click();
  await page.getByRole('button', { name: 'Dansk' }).click();
});
