// Renderer benchmarks (issue 6), in Debian Chromium against a browser-mode host on a temporary
// data folder: (a) keypress → durable save → "Gemt" back on screen, (b) host start → console
// interactive, (c) the load view over 60 000 synthetic contacts in a month. Prints numbers;
// asserts nothing. Screenshots of the busy month go to e2e/artifacts/.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { manualClock } from '../host/clock';
import { createHost } from '../host/host';
import { rebuildLoadHours } from '../host/stores/load';
import { uuidv7 } from '../host/uuidv7';
import { HOUR_MS } from '../shared/load/hours';
import { localToMs } from '../shared/time';
import buildRenderer from '../e2e/global-setup';
import { E2E_RENDERER_DIR, ROOT } from '../e2e/paths';

const PIN = '1234';
const SUPERVISOR = 'Bench Supervisor';
const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(1)} ms   p95 ${pct(s, 95).toFixed(1)} ms   max ${s.at(-1)!.toFixed(1)} ms   (n=${s.length})`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The shipped bundle when built (what users start), else the TypeScript entry through tsx. */
function hostCommand(): { cmd: string; args: string[]; label: string } {
  const bundle = path.join(ROOT, 'dist/web/main.cjs');
  if (fs.existsSync(bundle)) return { cmd: process.execPath, args: [bundle], label: 'dist bundle' };
  return {
    cmd: path.join(ROOT, 'node_modules/.bin/tsx'),
    args: ['web/main.ts'],
    label: 'tsx',
  };
}

interface RunningHost {
  url: string;
  /** ms from spawn to the "listening" line. */
  startMs: number;
  stop(): Promise<void>;
}

async function startHost(dataDir: string, clock: string): Promise<RunningHost> {
  const { cmd, args } = hostCommand();
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(
    cmd,
    [...args, '--data', dataDir, '--port', String(port), '--no-open'],
    {
      cwd: ROOT,
      env: { ...process.env, VAGT_TEST_CLOCK: clock, VAGT_RENDERER_DIR: E2E_RENDERER_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${log}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      // The one-time launch page (web/launch.ts): opening it signs the page in and lands on the console.
      const m = /Åbningsside \(virker én gang\): (file:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited (${code}):\n${log}`));
    });
  });
  const startMs = performance.now() - t0;
  return {
    url,
    startMs,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await exited;
    },
  };
}

/** A data folder with one supervisor (made in-process before any host serves it). */
async function seedSupervisor(dataDir: string, nowMs: number) {
  fs.mkdirSync(dataDir, { recursive: true });
  const host = createHost({
    dataDir,
    mode: 'browser',
    clock: manualClock(nowMs),
    backups: false,
    ticker: false,
  });
  const r = await host.dispatch('setup.createFirstSupervisor', {
    name: SUPERVISOR,
    authId: 'BS1',
    pin: PIN,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return host;
}

async function signIn(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Log ind' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(SUPERVISOR) }).check();
  await page.getByLabel('Pinkode').fill(PIN);
  await page.getByRole('button', { name: 'Log ind' }).click();
}

// (b) host start → console interactive (the sign-in form answers a click).
async function consoleReady(browser: Browser, root: string, runs: number): Promise<void> {
  const dir = path.join(root, 'ready');
  const now = Date.parse('2025-03-04T17:00:00.000Z');
  (await seedSupervisor(dir, now)).close();
  const host: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    const page = await ctx.newPage();
    const t0 = performance.now();
    const h = await startHost(dir, new Date(now).toISOString());
    await page.goto(h.url);
    await page.getByRole('radio', { name: new RegExp(SUPERVISOR) }).check({ timeout: 30_000 });
    total.push(performance.now() - t0);
    host.push(h.startMs);
    await ctx.close();
    await h.stop();
  }
  console.log(`console ready after launch (${hostCommand().label}, ${runs} cold starts):`);
  console.log(`  host start → listening          ${stats(host)}`);
  console.log(`  host start → console interactive ${stats(total)}   target ≤ 1500 ms`);
}

// (a) keypress → durable save (host commits, synchronous=FULL) → "Gemt" painted.
async function saveLoop(browser: Browser, root: string, saves: number): Promise<void> {
  const dir = path.join(root, 'save');
  (await seedSupervisor(dir, Date.parse('2025-03-04T17:00:00.000Z'))).close();
  const h = await startHost(dir, '2025-03-04T17:00:00.000Z');
  const ctx = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const page = await ctx.newPage();
  try {
    await page.goto(h.url);
    await signIn(page);
    await page.getByRole('button', { name: 'Åbn vagt' }).click();
    await page.getByRole('heading', { name: 'Intet opkald i gang.' }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: 'Opkald i gang' }).waitFor();
    const reason = page.getByLabel('Henvendelsesårsag');
    await reason.focus();
    await page.evaluate(() => {
      const w = window as unknown as {
        __bench: { total: number[]; save: number[]; local: number[] };
      };
      const b: { total: number[]; save: number[]; local: number[] } = {
        total: [],
        save: [],
        local: [],
      };
      w.__bench = b;
      const el = document.querySelector('[data-testid="save-state"]')!;
      let keyAt = 0;
      let savingAt = 0;
      window.addEventListener('keydown', () => (keyAt = performance.now()), true);
      // After React's handler (window is reached last): the draft is in localStorage by now.
      window.addEventListener('input', (e) => {
        const k = keyAt;
        const value = (e.target as HTMLTextAreaElement).value;
        if (!k || !(localStorage.getItem('vagt.draft') ?? '').includes(JSON.stringify(value)))
          return;
        requestAnimationFrame(() => setTimeout(() => b.local.push(performance.now() - k), 0));
      });
      new MutationObserver(() => {
        const text = el.textContent;
        if (text === 'Gemmer …') savingAt = performance.now();
        else if (text === 'Gemt' && keyAt && savingAt) {
          const k = keyAt;
          const s = savingAt;
          keyAt = 0;
          savingAt = 0;
          // The frame after the change: the text is on screen.
          requestAnimationFrame(() =>
            setTimeout(() => {
              const painted = performance.now();
              b.total.push(painted - k);
              b.save.push(painted - s);
            }, 0),
          );
        }
      }).observe(el, { childList: true, characterData: true, subtree: true });
    });
    for (let i = 0; i < saves; i++) {
      await page.keyboard.press(String.fromCharCode(97 + (i % 26)));
      await page.waitForFunction(
        (n) => (window as unknown as { __bench: { total: number[] } }).__bench.total.length >= n,
        i + 1,
      );
    }
    const b = await page.evaluate(
      () =>
        (window as unknown as { __bench: { total: number[]; save: number[]; local: number[] } })
          .__bench,
    );
    console.log(`keypress → durable save → "Gemt" on screen, ${saves} saves (reason field):`);
    console.log(`  save request → host commit → painted  ${stats(b.save)}`);
    console.log(
      `  keypress → host-durable → painted (autosave debounce included)  ${stats(b.total)}   target p95 ≤ 100 ms`,
    );
    console.log(`  keypress → draft in localStorage → character painted  ${stats(b.local)}`);
  } finally {
    await ctx.close();
    await h.stop();
  }
}

// (c) the load view over a month of a busy service: 60 000 contacts, 40 doctors, 10 a night.
async function loadView(browser: Browser, root: string, contacts: number): Promise<void> {
  const dir = path.join(root, 'load');
  const nowMs = localToMs(2025, 4, 1, 9);
  const host = await seedSupervisor(dir, nowMs);
  const at = new Date(nowMs).toISOString();
  const doctors: string[] = [];
  const insDoc = host.db.prepare(
    `INSERT INTO doctors (id, name, auth_id, roles, pin_hash, device_id, created_at, updated_at)
     VALUES (?, ?, ?, '["doctor"]', 'x', 'bench', ?, ?)`,
  );
  for (let d = 0; d < 40; d++) {
    const id = uuidv7();
    doctors.push(id);
    insDoc.run(id, `Læge ${String(d + 1).padStart(2, '0')}`, `BENCH${d}`, at, at);
  }
  const ins = host.db.prepare(
    `INSERT INTO load_cells (contact_id, part, hour_ms, doctor_id, contacts, band, talk_s, handling_s,
       video_escalations, video_connected, transport, fees_ore) VALUES (?, 'call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let x = 4242;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  // Nights of March 2025: 16:00 → 08:00, busiest in the early evening.
  const weights = [1.4, 1.8, 1.8, 1.6, 1.3, 1.1, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.4, 0.6, 0.8];
  const wSum = weights.reduce((s, w) => s + w, 0);
  const t0 = performance.now();
  host.db.pragma('foreign_keys = OFF'); // synthetic cells have no contact rows behind them
  host.db.transaction(() => {
    for (let i = 0; i < contacts; i++) {
      const day = 1 + Math.floor(rnd() * 31);
      let r = rnd() * wSum;
      let k = 0;
      while (r > weights[k]! && k < weights.length - 1) r -= weights[k++]!;
      const localHour = (16 + k) % 24;
      // Whole hours after 16:00 (a day may have 23 or 25 hours; the grid stays hourly).
      const hourMs = localToMs(2025, 3, day, 16) + k * HOUR_MS;
      const answered = hourMs + Math.floor(rnd() * HOUR_MS);
      const doc = doctors[(day * 10 + Math.floor(rnd() * 10)) % 40]!;
      const band = localHour >= 16 && localHour < 22 ? 'A' : localHour >= 22 ? 'B' : 'C';
      const fee = band === 'A' ? 7213 : band === 'B' ? 9418 : 10089;
      const talk = 60 + Math.floor(rnd() * 420);
      const esc = rnd() < 0.1 ? 1 : 0;
      const hour = Math.floor(answered / HOUR_MS) * HOUR_MS;
      const crosses = answered + talk * 1000 > hour + HOUR_MS;
      const first = crosses ? Math.floor((hour + HOUR_MS - answered) / 1000) : talk;
      const id = uuidv7(answered);
      ins.run(id, hour, doc, 1, band, first, talk, esc, esc && rnd() < 0.85 ? 1 : 0, 0, fee);
      if (crosses) ins.run(id, hour + HOUR_MS, doc, 0, band, talk - first, 0, 0, 0, 0, 0);
    }
  })();
  host.db.pragma('foreign_keys = ON');
  rebuildLoadHours(host.db);
  host.close();
  const seeded = performance.now() - t0;

  const h = await startHost(dir, at);
  const ctx = await browser.newContext({
    locale: 'da-DK',
    timezoneId: 'Europe/Copenhagen',
    viewport: { width: 1440, height: 900 },
  });
  const page = await ctx.newPage();
  try {
    await page.goto(h.url);
    await signIn(page);
    await page.getByRole('button', { name: 'Åbn vagt' }).waitFor();
    await page.keyboard.press('Alt+B');
    await page.getByTestId('load-render-ms').waitFor();
    await page.getByLabel('Datointerval', { exact: true }).check();
    await page.getByLabel('Fra dato').fill('2025-03-01');
    await page.getByLabel('Til dato (med)').fill('2025-03-31');
    const month: number[] = [];
    const wall: number[] = [];
    let cells = 0;
    for (let i = 0; i < 7; i++) {
      const before = await page.getByTestId('load-render-ms').getAttribute('data-render-ms');
      const t = performance.now();
      await page.getByRole('button', { name: 'Vis', exact: true }).click();
      // A fresh report (the attribute is rewritten on each commit).
      await page.waitForFunction(
        (prev) => {
          const el = document.querySelector('[data-testid="load-render-ms"]') as HTMLElement;
          return el?.dataset.renderMs !== undefined && el.dataset.renderMs !== prev;
        },
        before === null ? '' : `${before}x`,
      );
      wall.push(performance.now() - t);
      month.push(Number(await page.getByTestId('load-render-ms').getAttribute('data-render-ms')));
      cells = await page.locator('.heat-table td').count();
    }
    const tableRows = await page.getByTestId('load-totals').locator('tbody tr').count();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, '45-load-busy-month.png'), fullPage: true });
    // One busy night, hour by hour.
    await page.getByLabel('Én nat (16:00–08:00)').check();
    await page.getByLabel('Natten, der begynder').fill('2025-03-14');
    await page.getByRole('button', { name: 'Vis', exact: true }).click();
    await page.getByText('Antal kontakter pr. læge og klokketime').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, '46-load-busy-night.png'), fullPage: true });
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    console.log(
      `load view, ${contacts.toLocaleString('en-US')} synthetic contacts in March 2025, 40 doctors (seeded in ${(seeded / 1000).toFixed(1)} s):`,
    );
    console.log(
      `  month: request → load.local → DOM committed  ${stats(month)}   target < 1000 ms`,
    );
    console.log(`  month: click → new report on screen (incl. Playwright)  ${stats(wall)}`);
    console.log(
      `  ${cells} heat-map cells, ${tableRows} table rows; one night view: ${domNodes} DOM elements`,
    );
  } finally {
    await ctx.close();
    await h.stop();
  }
}

export async function runRendererBench(): Promise<void> {
  buildRenderer();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-bench-renderer-'));
  const browser = await chromium.launch({
    executablePath: process.env.VAGT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await consoleReady(browser, root, 5);
    await saveLoop(browser, root, 200);
    await loadView(browser, root, 60_000);
  } finally {
    await browser.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
