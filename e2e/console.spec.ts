// The console's promises one by one: never lose work, Danish errors beside the field,
// keyboard and help, English, demo data, PIN lockout, roster management, pre-booked video.
import fs from 'node:fs';
import { test, expect, screen } from './fixtures';
import {
  SUPERVISOR,
  createFirstSupervisor,
  signIn,
  openShift,
  newCall,
  fillCall,
  endCall,
  waitSaved,
} from './helpers';

const CLOCK = '2025-03-04T16:30:00.000Z'; // Tuesday 17:30 CET → A
test.use({ clock: CLOCK });

async function ready(page: import('@playwright/test').Page) {
  await createFirstSupervisor(page);
  await signIn(page);
  await openShift(page);
}

test('renderer reload mid-call loses nothing, even what was typed a moment ago', async ({
  app: page,
}) => {
  await ready(page);
  await newCall(page);
  await fillCall(page, {
    cpr: '010190-1234',
    caller: 'Pårørende',
    reason: 'Brystsmerter',
    outcome: 'Sygebesøg',
  });
  await page.getByLabel('Gruppe 2').check();
  await page.getByLabel('Notat').fill('Smerter siden i går');
  // Reload at once, before the 300 ms autosave has fired.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await expect(page.getByLabel('Notat')).toHaveValue('Smerter siden i går');
  await expect(page.getByLabel('Gruppe 2')).toBeChecked();
  await waitSaved(page);
  // And once more: now everything comes back from the host (contact.current).
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('010190-1234');
  await expect(page.getByLabel('Henvender sig')).toHaveValue('relative');
  await expect(page.getByLabel('Henvendelsesårsag')).toHaveValue('Brystsmerter');
  await expect(page.getByLabel('Udfald')).toHaveValue('sygebesoeg');
  await expect(page.getByLabel('Notat')).toHaveValue('Smerter siden i går');
  await expect(page.getByLabel('Gruppe 2')).toBeChecked();
  await expect(page.getByTestId('birth-date')).toHaveText('Født 1. januar 1990');
  await screen(page, '20-restored-after-reload');
  await endCall(page);
  await expect(page.getByTestId('contact-row')).toContainText('Gruppe 2 – kvittering');
});

test('invalid CPR: Danish error beside the field, typed text kept (also across reload)', async ({
  app: page,
}) => {
  await ready(page);
  await newCall(page);
  const cpr = page.getByRole('textbox', { name: 'CPR-nummer' });
  await cpr.fill('320190-1234');
  await expect(
    page.getByText('De første seks cifre i CPR-nummeret er ikke en gyldig dato.'),
  ).toBeVisible();
  await expect(cpr).toHaveAttribute('aria-invalid', 'true');
  await cpr.fill('12ab');
  await expect(page.getByText('CPR-nummeret skal være 10 cifre (DDMMÅÅ-SSSS).')).toBeVisible();
  await cpr.fill('0101');
  await page.getByLabel('Henvendelsesårsag').focus();
  await expect(page.getByText('CPR-nummeret er ikke færdigt (10 cifre).')).toBeVisible();
  await screen(page, '21-cpr-error');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('0101');
  // Ending now would throw the text away: refused with the reason beside the field.
  await page.keyboard.press('Alt+E');
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await page.getByRole('textbox', { name: 'CPR-nummer' }).fill('0101901234');
  await expect(page.getByTestId('birth-date')).toHaveText('Født 1. januar 1990');
  await page.getByLabel('Udfald').selectOption({ label: 'Recept' });
  await waitSaved(page);
  await screen(page, '22-cpr-ok');
  await endCall(page);
});

test('visitor identity without CPR, and a pre-booked video contact priced by the rules', async ({
  app: page,
}) => {
  await ready(page);
  await newCall(page);
  await page.getByLabel('Besøgende uden CPR').check();
  await page.getByLabel('Fødselsdato').fill('1988-07-14');
  await page.getByLabel('Land', { exact: true }).selectOption('DE');
  await page.getByLabel('Fire bogstaver').fill('hams');
  await expect(page.getByLabel('Fire bogstaver')).toHaveValue('HAMS');
  await page.getByLabel('Udfald').selectOption({ label: 'Råd og vejledning' });
  await waitSaved(page);
  await screen(page, '23-visitor');
  await endCall(page);
  await expect(page.getByTestId('contact-row').first()).toContainText('14.07.1988 DE HAMS');

  await page.keyboard.press('Alt+P');
  await expect(page.getByRole('heading', { name: 'Forvisiteret videokontakt' })).toBeVisible();
  await page.getByRole('textbox', { name: 'CPR-nummer' }).fill('241299-3456');
  await page.keyboard.press('Alt+K');
  await expect(page.getByTestId('video-connected')).toHaveText('Forbundet 17:30');
  await page.getByLabel('Udfald').selectOption({ label: 'Video' });
  await waitSaved(page);
  await page.keyboard.press('Alt+S');
  await endCall(page);
  // docs/rules.md §4 by hand: Tuesday 4 March 2025 17:30 CET is band A.
  //   telephone triage A                                   7 213 øre
  //   pre-booked video A, 2025 (third-year amount continued) 20 353 øre (video fee only, R-FEE-4)
  //   7 213 + 20 353 = 27 566 øre
  await expect(page.getByTestId('shift-total')).toHaveText('275,66 kr.');
});

test('keyboard help on "?", English switch, and Danish back', async ({ app: page }) => {
  await ready(page);
  await page.getByRole('heading', { name: 'Intet opkald i gang.' }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Tastaturgenveje' });
  await expect(help).toBeVisible();
  await expect(help.getByTestId('hotkeys')).toContainText('Alt+N');
  await screen(page, '24-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // "?" typed in a field is text, not the help.
  await newCall(page);
  await page.getByLabel('Henvendelsesårsag').fill('Hvad nu?');
  await expect(help).toBeHidden();
  await page.getByRole('button', { name: 'Visning' }).click(); // the display settings (issue 16)
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Call in progress' })).toBeVisible();
  await expect(page.getByText('Reason for contact')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await screen(page, '25-english');
  await page.getByRole('button', { name: 'Dansk' }).click();
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
});

test('wrong PIN and lockout are explained in Danish', async ({ app: page }) => {
  await createFirstSupervisor(page);
  await page.getByRole('radio', { name: new RegExp(SUPERVISOR.name) }).check();
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('Pinkode').fill('0000');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await expect(page.getByText(`Forkert pinkode. ${4 - i} forsøg tilbage`)).toBeVisible();
  }
  await screen(page, '26-wrong-pin');
  await page.getByLabel('Pinkode').fill('0000');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(
    page.getByText(/For mange forkerte pinkoder\. Du er spærret til kl\. 17:35/),
  ).toBeVisible();
  await page.getByLabel('Pinkode').fill(SUPERVISOR.pin);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByText(/Du er spærret/)).toBeVisible();
  await screen(page, '27-locked-out');
});

test('supervisor manages the roster; a new doctor signs in', async ({ app: page }) => {
  await createFirstSupervisor(page);
  await signIn(page);
  await page.getByRole('button', { name: 'Lægeliste' }).click();
  await expect(page.getByRole('heading', { name: 'Lægeliste' })).toBeVisible();
  await page.getByRole('button', { name: 'Tilføj læge' }).click();
  await expect(page.getByText('Skal udfyldes.').first()).toBeVisible();
  await page.getByLabel('Navn', { exact: true }).fill('Jens Nattevagt');
  await page.getByLabel('Autorisations-id').fill('J9K8L');
  await page.getByLabel('Pinkode (4–8 cifre)').fill('2468');
  await page.getByRole('button', { name: 'Tilføj læge' }).click();
  await expect(page.getByTestId('roster-table')).toContainText('Jens Nattevagt');
  await page.getByRole('button', { name: 'Redigér Jens Nattevagt' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('koordinatorlæge').check();
  await screen(page, '28b-roster-edit-dialog');
  await dlg.getByRole('button', { name: 'Gem' }).click();
  await expect(page.getByTestId('roster-table')).toContainText('vagtlæge, koordinatorlæge');
  await screen(page, '28-roster');
  // Add and deactivate a second doctor: no longer offered at sign-in.
  await page.getByLabel('Navn', { exact: true }).fill('Pia Tidligere');
  await page.getByLabel('Autorisations-id').fill('P1Q2R');
  await page.getByLabel('Pinkode (4–8 cifre)').fill('1357');
  await page.getByRole('button', { name: 'Tilføj læge' }).click();
  await page.getByRole('button', { name: 'Deaktivér Pia Tidligere' }).click();
  await expect(page.getByRole('button', { name: 'Aktivér Pia Tidligere' })).toBeVisible();
  // R-CON-5: a video escalation handed over to the coordinator.
  await page.getByRole('button', { name: 'Konsol' }).click();
  await openShift(page);
  await newCall(page);
  await fillCall(page, { cpr: '010190-1234', reason: 'Sår på hånden', outcome: 'Video' });
  await page
    .getByLabel('Video tages af')
    .selectOption({ label: 'Jens Nattevagt (koordinatorlæge)' });
  await page.keyboard.press('Alt+V');
  await expect(page.getByText('Overdraget til Jens Nattevagt')).toBeVisible();
  await screen(page, '32-video-handover');
  await page.keyboard.press('Alt+K');
  await expect(page.getByTestId('video-connected')).toBeVisible();
  await page.keyboard.press('Alt+S');
  await endCall(page);
  await page.getByRole('button', { name: 'Log ud' }).click();
  await expect(page.getByRole('radio', { name: /Pia Tidligere/ })).toHaveCount(0);
  await signIn(page, { name: 'Jens Nattevagt', authId: 'J9K8L', pin: '2468' });
  await openShift(page);
  await screen(page, '29-console-idle');
});

test('demo data: DEMO is shown clearly', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Indlæs demodata' }).click();
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await expect(page.getByText('DEMO', { exact: true })).toBeVisible();
  await screen(page, '30-demo-signin');
  await signIn(page, { name: 'Anne Holm \\(demo\\)', authId: '', pin: '1234' });
  await openShift(page);
  await expect(page.getByText('DEMO', { exact: true })).toBeVisible();
  await newCall(page);
  await screen(page, '31-demo-after-signin');
});

test('every early screen passes axe: setup, sign-in, open shift', async ({ app: page }) => {
  await screen(page, '01-setup');
  await createFirstSupervisor(page);
  await screen(page, '02-signin');
  await signIn(page);
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
  await screen(page, '03-open-shift');
  await openShift(page);
  await screen(page, '04-console-idle');
  await page.getByRole('button', { name: 'Luk vagt' }).click();
  await expect(page.getByRole('dialog', { name: 'Luk vagt' })).toBeVisible();
  await screen(page, '05-close-shift-dialog');
});

test('host outage mid-call: typed text is kept, shown as not saved, and saved when the host is back', async ({
  app: page,
  vagt,
}) => {
  await ready(page);
  await newCall(page);
  await fillCall(page, { cpr: '010190-1234', reason: 'Svimmelhed', outcome: 'Råd og vejledning' });
  await vagt.stop();
  await page.getByLabel('Notat').fill('Skrevet mens værtsprocessen var væk');
  await expect(page.getByTestId('save-state')).toHaveText('Ikke gemt – se fejl');
  await expect(page.getByText(/Ingen forbindelse til Vagtkonsols værtsproces/)).toBeVisible();
  await expect(page.getByLabel('Notat')).toHaveValue('Skrevet mens værtsprocessen var væk');
  await screen(page, '33-host-outage');
  // The host comes back (new launch, new token; the session is gone): sign in, nothing lost.
  await vagt.restart(CLOCK);
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await expect(page.getByLabel('Notat')).toHaveValue('Skrevet mens værtsprocessen var væk');
  await waitSaved(page);
  await page.reload();
  await expect(page.getByLabel('Notat')).toHaveValue('Skrevet mens værtsprocessen var væk');
  await expect(page.getByLabel('Henvendelsesårsag')).toHaveValue('Svimmelhed');
});

test('header follows the host clock across 22:00: band A → B and the next change', async ({
  app: page,
  vagt,
}) => {
  // A manual host clock (VAGT_TEST_CLOCK=file:…): the test moves it, so no real-time window.
  // Tuesday 4 March 2025, 21:59:59 local (CET): band A, B one second ahead, frozen until moved.
  const clockFile = test.info().outputPath('host-clock.txt');
  fs.writeFileSync(clockFile, '2025-03-04T20:59:59.000Z');
  await vagt.restart(`file:${clockFile}`);
  await expect(page.getByTestId('next-band')).toContainText('Næste: B kl. 22:00');
  await expect(page.getByTestId('band-now')).toContainText('Bånd A');
  // The host's clock passes 22:00 while the page stays open: the header follows by itself.
  fs.writeFileSync(clockFile, '2025-03-04T21:00:01.000Z');
  await expect(page.getByTestId('band-now')).toContainText('Bånd B');
  await expect(page.getByTestId('next-band')).toContainText('Næste: C kl. 00:00');
});

test('night mode (light on dark) is remembered and passes axe', async ({ app: page }) => {
  await ready(page);
  await page.getByRole('button', { name: 'Visning' }).click(); // the display settings (issue 16)
  await page.getByRole('button', { name: 'Nattilstand' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await newCall(page);
  await page.getByRole('textbox', { name: 'CPR-nummer' }).fill('320190-1234');
  await expect(
    page.getByText('De første seks cifre i CPR-nummeret er ikke en gyldig dato.'),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'CPR-nummer' }).fill('010190-1234');
  await page.getByLabel('Udfald').selectOption({ label: 'Recept' });
  await waitSaved(page);
  await screen(page, '34-night-call');
  await endCall(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await page.getByRole('button', { name: 'Annullér – Kontakt kl. 17:30' }).click();
  await screen(page, '35-night-void-dialog');
});

test('keyboard only: a whole call, then correct it from the list, focus always visible', async ({
  app: page,
}) => {
  await ready(page);
  const focused = () =>
    page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toBeFocused();
  await page.keyboard.type('0101901234');
  await expect(page.getByTestId('birth-date')).toHaveText('Født 1. januar 1990');
  await page.keyboard.press('Tab'); // group (radio group: one tab stop)
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('010190-1234');
  await expect(page.getByLabel('Gruppe 1')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Henvender sig')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Henvendelsesårsag')).toBeFocused();
  await page.keyboard.type('Ondt i øret');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Udfald')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // first outcome: Råd og vejledning
  await expect(page.getByLabel('Udfald')).toHaveValue('raad-og-vejledning');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Notat')).toBeFocused();
  await page.keyboard.type('Paracetamol efter behov');
  await screen(page, '36-keyboard-focus');
  await waitSaved(page);
  await page.keyboard.press('Alt+E');
  await expect(page.getByRole('button', { name: /Nyt opkald/ })).toBeFocused();
  // To the list, Tab to "Ret", Enter; Escape returns focus to the button.
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { name: 'Vagtens kontakter' })).toBeFocused();
  const ret = page.getByRole('button', { name: 'Ret – Kontakt kl. 17:30' });
  for (let i = 0; i < 20 && !(await ret.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(ret).toBeFocused();
  await page.keyboard.press('Enter');
  const dlg = page.getByRole('dialog', { name: /Ret kontakt/ });
  await expect(dlg).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dlg).toBeHidden();
  await expect(ret).toBeFocused();
  expect(await focused()).toBe('Ret');
});
