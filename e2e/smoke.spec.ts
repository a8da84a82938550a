import { test, expect, shot } from './fixtures';
import { createFirstSupervisor, signIn, openShift, newCall, fillCall } from './helpers';

test('first launch, sign-in, open shift, start a call', async ({ app: page }) => {
  await shot(page, '01-setup');
  await createFirstSupervisor(page);
  await shot(page, '02-signin');
  await signIn(page);
  await expect(page.getByRole('button', { name: 'Åbn vagt' })).toBeVisible();
  await shot(page, '03-open-shift');
  await openShift(page);
  await shot(page, '04-console-idle');
  await newCall(page);
  await fillCall(page, { cpr: '010190-1234', caller: 'Forælder', reason: 'Feber', outcome: 'Konsultation i lægevagten/akutklinik' });
  await expect(page.getByTestId('birth-date')).toHaveText('Født 1. januar 1990');
  await shot(page, '05-console-call');
});
