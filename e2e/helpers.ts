// Steps shared by the specs, written the way a doctor works: labels and roles, not CSS.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const SUPERVISOR = { name: 'Karen Vagtlæge', authId: 'A1B2C', pin: '4711' };

export async function createFirstSupervisor(page: Page, who = SUPERVISOR): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Velkommen til Vagtkonsol' })).toBeVisible();
  await page.getByLabel('Navn', { exact: true }).fill(who.name);
  await page.getByLabel('Autorisations-id').fill(who.authId);
  await page.getByLabel('Pinkode (4–8 cifre)').fill(who.pin);
  await page.getByLabel('Gentag pinkode').fill(who.pin);
  await page.getByRole('button', { name: 'Opret supervisor' }).click();
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
}

export async function signIn(page: Page, who = SUPERVISOR): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Log ind' })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(who.name) }).check();
  await page.getByLabel('Pinkode').fill(who.pin);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

/** After a host restart the session may or may not survive; sign in when asked. */
export async function ensureSignedIn(page: Page, who = SUPERVISOR): Promise<void> {
  const signInHeading = page.getByRole('heading', { name: 'Log ind' });
  const console = page.getByRole('heading', {
    name: /Intet opkald i gang|Opkald i gang|Forvisiteret videokontakt/,
  });
  await expect(signInHeading.or(console).first()).toBeVisible();
  if (await signInHeading.isVisible()) await signIn(page, who);
  await expect(console.first()).toBeVisible();
}

export async function openShift(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Åbn vagt' }).click();
  await expect(page.getByRole('heading', { name: 'Intet opkald i gang.' })).toBeVisible();
}

export async function newCall(page: Page): Promise<void> {
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toBeFocused();
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveText('Gemt');
}

export interface CallInput {
  cpr?: string;
  caller?: string;
  reason?: string;
  outcome?: string;
  note?: string;
}

export async function fillCall(page: Page, c: CallInput): Promise<void> {
  if (c.cpr) await page.getByRole('textbox', { name: 'CPR-nummer' }).fill(c.cpr);
  if (c.caller) await page.getByLabel('Henvender sig').selectOption({ label: c.caller });
  if (c.reason) await page.getByLabel('Henvendelsesårsag').fill(c.reason);
  if (c.outcome) await page.getByLabel('Udfald').selectOption({ label: c.outcome });
  if (c.note) await page.getByLabel('Notat').fill(c.note);
  await waitSaved(page);
}

export async function endCall(page: Page): Promise<void> {
  await page.keyboard.press('Alt+E');
  await expect(page.getByRole('heading', { name: 'Intet opkald i gang.' })).toBeVisible();
}
