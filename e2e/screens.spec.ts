// The call at 03:00 on the screens the doctors have (issue 16): a call with video requested fits
// at 1366×768, 1440×900 and 1920×1080 beside the shift list, with the header on one row and
// nothing scrolled; screenshots of the call, the shift list, the load view and claims, day and
// night, at each size (e2e/artifacts/6x-*.png).
import type { Locator, Page } from '@playwright/test';
import { test, expect, screen } from './fixtures';
import { signIn, openShift, newCall, fillCall, endCall } from './helpers';

test.use({ clock: '2025-05-28T01:00:00.000Z' }); // 03:00 on a Wednesday night: band C

const ANNE = { name: 'Anne Holm \\(demo\\)', authId: '', pin: '1234' };

/** Visible without scrolling: inside the window, not clipped by a scrolled panel, not covered. */
async function expectInView(page: Page, name: string, loc: Locator): Promise<void> {
  const box = await loc.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, name).not.toBeNull();
  expect(box!.y, `${name}: top`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${name}: bottom`).toBeLessThanOrEqual(vp.height);
  expect(box!.x + box!.width, `${name}: right`).toBeLessThanOrEqual(vp.width);
  const hit = await loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return at !== null && (at === el || el.contains(at));
  });
  expect(hit, `${name}: nothing on top of it`).toBe(true);
}

async function setNight(page: Page, night: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Visning' }).click();
  const toggle = page.getByRole('button', { name: 'Nattilstand' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(night)) await toggle.click();
  if (night) await expect(page.locator('html')).toHaveAttribute('data-theme', 'night');
  else await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'night');
  await page.keyboard.press('Escape');
  await expect(toggle).toBeHidden();
}

for (const [w, h] of [
  [1366, 768],
  [1440, 900],
  [1920, 1080],
] as const) {
  test.describe(`${w}×${h}`, () => {
    test.use({ viewport: { width: w, height: h } });

    test(`a call with video requested fits without scrolling at ${w}×${h}; day and night`, async ({
      app: page,
    }) => {
      const size = `${w}x${h}`;
      await page.getByRole('button', { name: 'Indlæs demodata' }).click();
      await signIn(page, ANNE);
      await openShift(page);
      await newCall(page);
      await fillCall(page, {
        cpr: '010190-1234',
        caller: 'Patienten selv',
        reason: 'Hoste i tre dage',
        outcome: 'Råd og vejledning',
      });
      await endCall(page);
      await newCall(page);
      await fillCall(page, {
        cpr: '150875-2345',
        caller: 'Pårørende',
        reason: 'Udslæt på armene',
        note: 'Ser udslættet på video',
      });
      await page.keyboard.press('Alt+V');
      await expect(page.getByTestId('video-box').getByText(/Video anmodet/)).toBeVisible();

      await screen(page, `60-call-${size}-day`);
      // Nothing scrolls: not the page, not the call panel.
      const scroll = await page.evaluate(() => {
        const doc = document.scrollingElement!;
        const panel = document.querySelector<HTMLElement>('[data-testid="call-panel"]')!;
        return {
          page: doc.scrollHeight - window.innerHeight,
          pageX: doc.scrollWidth - window.innerWidth,
          panel: panel.scrollHeight - panel.clientHeight,
        };
      });
      expect(scroll.page, 'the page scrolls').toBeLessThanOrEqual(0);
      expect(scroll.pageX, 'the page scrolls sideways').toBeLessThanOrEqual(0);
      expect(scroll.panel, 'the call panel scrolls').toBeLessThanOrEqual(1);
      // The header is one row.
      const header = (await page.locator('header').boundingBox())!;
      expect(header.height, 'header height (one row)').toBeLessThan(60);
      // Every part of the call, in the order a doctor types, then video and end.
      for (const [name, loc] of [
        ['CPR', page.getByRole('textbox', { name: 'CPR-nummer' })],
        ['group', page.getByLabel('Gruppe 2')],
        ['caller', page.getByLabel('Henvender sig')],
        ['reason', page.getByLabel('Henvendelsesårsag')],
        ['outcome', page.getByLabel('Udfald')],
        ['note', page.getByLabel('Notat')],
        ['video connected', page.getByRole('button', { name: /Video forbundet/ })],
        ['video failed', page.getByRole('button', { name: /Video mislykkedes/ })],
        ['end call', page.getByRole('button', { name: /Afslut opkald/ })],
        ['shift list', page.getByRole('heading', { name: 'Vagtens kontakter' })],
      ] as const) {
        await expectInView(page, name, loc);
      }
      await setNight(page, true);
      await expectInView(
        page,
        'end call (night)',
        page.getByRole('button', { name: /Afslut opkald/ }),
      );
      await screen(page, `61-call-${size}-night`);

      // The shift list after the call, night then day.
      await page.keyboard.press('Alt+K');
      await page.getByLabel('Udfald').selectOption({ label: 'Video' });
      await page.keyboard.press('Alt+S');
      await endCall(page);
      await screen(page, `62-list-${size}-night`);
      await setNight(page, false);
      await screen(page, `62-list-${size}-day`);

      // The load view and claims, day and night.
      await page.keyboard.press('Alt+B');
      await expect(page.getByTestId('heatmap')).toBeVisible();
      await screen(page, `63-load-${size}-day`);
      await setNight(page, true);
      await screen(page, `63-load-${size}-night`);
      await page.keyboard.press('Alt+A');
      await expect(page.getByRole('heading', { name: 'Afregning', level: 1 })).toBeFocused();
      await page.getByRole('button', { name: 'Vis udkast' }).click();
      await expect(page.getByTestId('claim-grand-total')).toBeVisible();
      await screen(page, `64-claims-${size}-night`);
      await setNight(page, false);
      await screen(page, `64-claims-${size}-day`);
    });
  });
}
