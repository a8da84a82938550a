// Issue 16: settings that stay (kept by the host, not by the browser's origin), Danish date
// fields whatever the browser's locale, F6 between the console's regions, and live changes
// announced once through the one polite live region.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screen } from './fixtures';
import { createFirstSupervisor, signIn, openShift, newCall, fillCall, endCall } from './helpers';

const CLOCK = '2025-03-04T16:30:00.000Z'; // Tuesday 17:30 CET → A
test.use({ clock: CLOCK });

async function ready(page: Page): Promise<void> {
  await createFirstSupervisor(page);
  await signIn(page);
  await openShift(page);
}

test('language, night mode and text size survive a host restart: the host keeps them', async ({
  app: page,
  vagt,
}) => {
  await createFirstSupervisor(page);
  // Chosen on the sign-in screen, before anyone is signed in.
  await page.getByRole('button', { name: 'Visning' }).click();
  await page.getByRole('button', { name: 'Nattilstand' }).click();
  await page.getByRole('button', { name: 'Stor' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  await screen(page, '65-display-menu-night-english');
  const file = path.join(vagt.dataDir, 'settings.json');
  await expect
    .poll(() => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')))
    .toEqual({
      lang: 'en',
      theme: 'night',
      textSize: 'large',
    });
  // Nothing is left in the browser's storage to bring them back: only the host can.
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await vagt.restart(CLOCK);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
  // And back: Danish, day, normal text, also after the next restart.
  await page.getByRole('button', { name: 'Display' }).click();
  await page.getByRole('button', { name: 'Night mode' }).click();
  await page.getByRole('button', { name: 'Normal' }).click();
  await page.getByRole('button', { name: 'Dansk' }).click();
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await expect
    .poll(() => JSON.parse(fs.readFileSync(file, 'utf8')))
    .toEqual({
      lang: 'da',
      theme: 'day',
      textSize: 'normal',
    });
  await vagt.restart(CLOCK);
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'night');
  await expect(page.locator('html')).not.toHaveAttribute('data-text-size', /./);
});

test.describe('in a browser set to US English', () => {
  test.use({ locale: 'en-US' });

  test('date fields are Danish, dd.mm.åååå: the visitor’s birth date, the load view and claims', async ({
    app: page,
  }) => {
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await ready(page);
    await newCall(page);
    await page.getByLabel('Besøgende uden CPR').check();
    const birth = page.getByLabel('Fødselsdato');
    await expect(birth).toHaveAttribute('placeholder', 'dd.mm.åååå');
    await birth.pressSequentially('14071988');
    await page.keyboard.press('Tab'); // to the country; the date is shown the Danish way
    await expect(birth).toHaveValue('14.07.1988');
    await page.getByLabel('Land', { exact: true }).selectOption('DE');
    await page.getByLabel('Fire bogstaver').fill('HAMS');
    // The US order is not a date here: refused beside the field, the text kept.
    await birth.fill('07/14/1988');
    await expect(page.getByText('Angiv en gyldig fødselsdato.')).toBeVisible();
    await expect(birth).toHaveValue('07/14/1988');
    await birth.fill('14.7.1988');
    await page.getByLabel('Fire bogstaver').focus();
    await expect(birth).toHaveValue('14.07.1988');
    await page.getByLabel('Udfald').selectOption({ label: 'Råd og vejledning' });
    await endCall(page);
    await expect(page.getByTestId('contact-row').first()).toContainText('14.07.1988 DE HAMS');

    await page.keyboard.press('Alt+B');
    const night = page.getByLabel('Natten, der begynder');
    await expect(night).toHaveValue('04.03.2025');
    await page.getByLabel('Datointerval', { exact: true }).check();
    await expect(page.getByLabel('Fra dato')).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
    await screen(page, '66-load-dates-us-browser');
    await page.keyboard.press('Alt+A');
    await page.getByLabel('Datointerval', { exact: true }).check();
    const from = page.getByLabel('Fra dato');
    await expect(from).toHaveValue('04.03.2025');
    await from.fill('11/30/2026');
    expect(await from.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe(
      'Skriv datoen som dd.mm.åååå, fx 14.07.1988.',
    );
    await from.fill('04.03.2025');
    await page.getByRole('button', { name: 'Vis udkast' }).click();
    await expect(page.getByTestId('claim-grand-total')).toBeVisible();
    await screen(page, '67-claims-dates-us-browser');
  });
});

test('F6 moves between header, call panel and shift list; changes are announced once', async ({
  app: page,
}) => {
  await ready(page);
  await newCall(page);
  const region = () => page.evaluate(() => document.activeElement?.getAttribute('data-region'));
  const outlined = () =>
    page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle !== 'none');
  await page.keyboard.press('F6');
  expect(await region()).toBe('list');
  expect(await outlined()).toBe(true);
  await page.keyboard.press('F6');
  expect(await region()).toBe('header');
  expect(await outlined()).toBe(true);
  await page.keyboard.press('F6');
  expect(await region()).toBe('call');
  expect(await outlined()).toBe(true);
  await page.keyboard.press('Shift+F6');
  expect(await region()).toBe('header');
  await page.keyboard.press('Shift+F6');
  expect(await region()).toBe('list');
  await screen(page, '68-f6-shift-list');

  // One polite live region on the console; the header's save state is not a second one.
  await expect(page.locator('[aria-live], [role="status"]')).toHaveCount(1);
  const live = page.getByTestId('announcement');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await fillCall(page, { cpr: '010190-1234', reason: 'Sår', outcome: 'Video' });
  await page.keyboard.press('Alt+V');
  await expect(live).toHaveText('Video anmodet kl. 17:30.');
  await page.keyboard.press('Alt+K');
  await expect(live).toHaveText('Video forbundet kl. 17:30.');
  await page.keyboard.press('Alt+S');
  await expect(live).toHaveText('Video afsluttet kl. 17:30.');
  await page.keyboard.press('Alt+E');
  await expect(live).toHaveText('Opkaldet er afsluttet og gemt.');

  // Honest sync state: no server, so not linked (and how to link it), not a growing queue.
  const sync = page.getByTestId('sync-state');
  await expect(sync).toContainText('Ikke koblet til server');
  await expect(sync).not.toContainText('venter');
  await expect(sync).toHaveAccessibleDescription(
    /Kobl den til regionens server under Synkronisering/,
  );
});

test('a band change is announced once, politely', async ({ app: page, vagt }) => {
  // Tuesday 4 March 2025, 21:59:30 local (CET) when the host starts; the clock runs.
  const target = Date.parse('2025-03-04T20:59:30.000Z');
  await vagt.restart(`offset:${target - Date.now()}`);
  // Before sign-in: not linked to a server, and on request how a workstation is linked.
  const sync = page.getByTestId('sync-state');
  await expect(sync).toHaveText('Ikke koblet til server');
  await sync.click();
  await expect(page.getByRole('note')).toContainText(
    'En supervisor kobler den til regionens server under Synkronisering.',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('note')).toBeHidden();
  await expect(sync).toBeFocused();
  await expect(page.getByTestId('band-now')).toContainText('A');
  const live = page.getByTestId('announcement');
  await expect(live).toHaveText('Nu bånd B fra kl. 22:00.', { timeout: 60_000 });
  await expect(page.getByTestId('band-now')).toContainText('B');
});
