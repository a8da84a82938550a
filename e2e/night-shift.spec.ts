// A whole night shift on Wednesday 28 May 2025 into Kristi himmelfartsdag (29 May, a holiday):
// calls at 17:30 (A), 21:55 escalated to video that connects 22:05 (after 22:00 → video B),
// 23:10 (B) with a failed video, 02:40 (C), a voided call, a correction, and 08:30 on the
// holiday (B). Totals on screen must equal amounts worked out by hand from docs/rules.md §4.
import { test, expect, screen } from './fixtures';
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

const T = {
  a: '2025-05-28T15:30:00.000Z', // 17:30 CEST, Wednesday → A
  escalate: '2025-05-28T19:55:00.000Z', // 21:55 → A (answered)
  connect: '2025-05-28T20:05:00.000Z', // 22:05 → video connects in B
  b: '2025-05-28T21:10:00.000Z', // 23:10 → B
  c: '2025-05-29T00:40:00.000Z', // 02:40 → C (Kristi himmelfartsdag)
  holiday: '2025-05-29T06:30:00.000Z', // 08:30 on the holiday → B
};

test.use({ clock: T.a });

test('a whole night shift: bands, video, correction, void, holiday, totals', async ({
  app: page,
  vagt,
}) => {
  // Six host restarts and eight axe scans: on a shared 2-core machine this takes over the
  // default two minutes, so it gets three times the time (a time-out, not a time window).
  test.slow();
  await createFirstSupervisor(page);
  await signIn(page);
  await openShift(page);
  await expect(page.getByTestId('band-now')).toContainText('A');

  // 17:30 (A)
  await newCall(page);
  await fillCall(page, {
    cpr: '010190-1234',
    caller: 'Patienten selv',
    reason: 'Hoste i tre dage',
    outcome: 'Råd og vejledning',
  });
  await screen(page, '10-call-17-30-A');
  await endCall(page);

  // 21:55 (A): escalate to video; the host is restarted at 22:05 mid-call (a renderer reload).
  await vagt.restart(T.escalate);
  await ensureSignedIn(page);
  await newCall(page);
  await fillCall(page, {
    cpr: '150875-2345',
    caller: 'Pårørende',
    reason: 'Udslæt',
    note: 'Ser udslættet på video',
  });
  await page.keyboard.press('Alt+V');
  await expect(page.getByText('Video anmodet 21:55')).toBeVisible();
  await vagt.restart(T.connect);
  await ensureSignedIn(page);
  await expect(page.getByRole('heading', { name: 'Opkald i gang' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('150875-2345');
  await expect(page.getByLabel('Henvendelsesårsag')).toHaveValue('Udslæt');
  await expect(page.getByLabel('Notat')).toHaveValue('Ser udslættet på video');
  await page.keyboard.press('Alt+K');
  await expect(page.getByTestId('video-connected')).toHaveText('Forbundet 22:05');
  await page.getByLabel('Udfald').selectOption({ label: 'Video' });
  await waitSaved(page);
  await screen(page, '11-video-connected');
  await page.keyboard.press('Alt+S');
  await expect(page.getByText('Video afsluttet 22:05')).toBeVisible();
  await endCall(page);

  // 23:10 (B): video fails.
  await vagt.restart(T.b);
  await ensureSignedIn(page);
  await newCall(page);
  await fillCall(page, { cpr: '241299-3456', caller: 'Forælder', reason: 'Feber hos barn' });
  await page.keyboard.press('Alt+V');
  await expect(page.getByText('Video anmodet 23:10')).toBeVisible();
  await page.keyboard.press('Alt+M');
  await expect(page.getByLabel('Årsag til mislykket video')).toBeFocused();
  await page
    .getByLabel('Årsag til mislykket video')
    .fill('Forælderens telefon kunne ikke forbinde');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('video-failed')).toContainText('Mislykkedes 23:10');
  await page.getByLabel('Udfald').selectOption({ label: 'Konsultation i lægevagten/akutklinik' });
  await page.getByLabel('Transport bevilget').check();
  await waitSaved(page);
  await screen(page, '12-video-failed');
  await endCall(page);

  // 02:40 (C), and one call recorded by mistake that is voided.
  await vagt.restart(T.c);
  await ensureSignedIn(page);
  await newCall(page);
  await fillCall(page, {
    cpr: '070707-4321',
    caller: 'Forælder',
    reason: 'Mavesmerter',
    outcome: 'Egen læge næste hverdag',
  });
  await endCall(page);
  await newCall(page);
  await fillCall(page, {
    cpr: '311201-5678',
    reason: 'Fejlopkald',
    outcome: 'Henvist til anden instans',
  });
  await endCall(page);

  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(5);
  // Void the last one (keyboard: the buttons are ordinary, labelled buttons).
  await page.getByRole('button', { name: 'Annullér – Kontakt kl. 02:40' }).nth(1).click();
  await expect(page.getByRole('dialog', { name: /Annullér kontakt/ })).toBeVisible();
  await page.getByRole('button', { name: 'Annullér kontakt' }).click();
  await expect(page.getByText('Skriv en begrundelse på mindst 3 tegn.')).toBeVisible();
  await page.getByLabel('Begrundelse for annullering (påkrævet)').fill('Opkaldet var en fejl');
  await screen(page, '13-void-dialog');
  await page.getByRole('button', { name: 'Annullér kontakt' }).click();
  await expect(rows.nth(4)).toContainText('Annulleret');

  // Correct the 17:30 call: the outcome was a prescription.
  await page.getByRole('button', { name: 'Ret – Kontakt kl. 17:30' }).click();
  const dlg = page.getByRole('dialog', { name: /Ret kontakt/ });
  await dlg.getByLabel('Udfald').selectOption({ label: 'Recept' });
  await dlg.getByLabel('Begrundelse for rettelse (påkrævet)').fill('Forkert udfald valgt');
  await screen(page, '14-correct-dialog');
  await dlg.getByRole('button', { name: 'Gem rettelse' }).click();
  await expect(rows.first()).toContainText('Recept');
  await page.getByRole('button', { name: 'Historik – Kontakt kl. 17:30' }).click();
  const hist = page.getByRole('dialog', { name: /Revisionshistorik/ });
  await expect(hist.getByText('Forkert udfald valgt')).toBeVisible();
  await expect(hist.getByRole('cell', { name: 'Rettet', exact: true })).toBeVisible();
  await screen(page, '15-history');
  await page.keyboard.press('Escape');
  await expect(hist).toBeHidden();

  // 08:30 on Kristi himmelfartsdag (B).
  await vagt.restart(T.holiday);
  await ensureSignedIn(page);
  await expect(page.getByText(/Helligdag: Kristi himmelfartsdag/i)).toBeVisible();
  await newCall(page);
  await fillCall(page, {
    cpr: '010190-1234',
    caller: 'Patienten selv',
    reason: 'Opfølgning',
    outcome: 'Recept',
  });
  await endCall(page);

  // Totals by hand from docs/rules.md §4 (ok21-national; 2025 → third-year video amounts):
  //   17:30 A  telephone triage A                                  7 213
  //   21:55 A  telephone triage A                                  7 213
  //            + video connected 22:05 → video B (R-FEE-2)         25 268
  //   23:10 B  telephone triage B; the failed video earns nothing   9 418
  //   02:40 C  telephone triage C                                 10 089
  //   08:30 holiday → B  telephone triage B                         9 418
  //   (the voided call earns nothing)                     total = 68 619 øre
  const expected = '686,19 kr.';
  await expect(page.getByTestId('shift-total')).toHaveText(expected);
  await screen(page, '16-shift-list');

  // Close the shift: the summary shows the same total.
  await page.getByRole('button', { name: 'Luk vagt' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Luk vagt' }).click();
  await expect(page.getByRole('heading', { name: 'Vagtoversigt' })).toBeVisible();
  await expect(page.getByTestId('summary-fees')).toHaveText(expected);
  await expect(page.getByTestId('summary-band-A')).toHaveText('2');
  await expect(page.getByTestId('summary-band-C')).toHaveText('1');
  await expect(page.getByTestId('summary-voided')).toHaveText('1');
  await expect(page.getByTestId('summary-video')).toContainText('2');
  await screen(page, '17-summary');
});
