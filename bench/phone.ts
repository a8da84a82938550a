// Phone link benchmark (R-PHONE-1): an `answered` event posted to a browser-mode host's phone
// link → the contact on screen in Chromium (caller number rendered in the call panel). Clock:
// the POST is timed from just before it is sent (Node's Date.now) to the DOM mutation that shows
// the number (the page's Date.now; same machine clock). Target p95 ≤ 100 ms. Prints numbers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createHost } from '../host/host';
import { realClock } from '../host/clock';
import buildRenderer from '../e2e/global-setup';
import { E2E_RENDERER_DIR, ROOT } from '../e2e/paths';

const PIN = '1234';

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

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runPhoneBench(runs = 60): Promise<void> {
  buildRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-bench-phone-'));
  const phonePort = await freePort();
  // Seed: a supervisor (also a doctor) and the link enabled on a known port.
  const seed = createHost({
    dataDir: dir,
    mode: 'browser',
    clock: realClock,
    backups: false,
    ticker: false,
    sync: false,
  });
  const call = async (m: string, i: unknown) => {
    const r = await seed.dispatch(m, i);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value as Record<string, unknown>;
  };
  const sup = await call('setup.createFirstSupervisor', {
    name: 'Bench Phone',
    authId: 'BP1',
    pin: PIN,
  });
  await call('auth.signIn', { doctorId: sup.id, pin: PIN });
  await call('shift.open', {});
  const st = await call('phone.configure', { enabled: true, port: phonePort });
  const key = st.key as string;
  await seed.shutdown();

  const port = await freePort();
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['web/main.ts', '--data', dir, '--port', String(port), '--no-open'],
    {
      cwd: ROOT,
      env: { ...process.env, VAGT_RENDERER_DIR: E2E_RENDERER_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${log}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  });
  const browser = await chromium.launch({
    executablePath: process.env.VAGT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    await page.getByRole('radio', { name: /Bench Phone/ }).check();
    await page.getByLabel('Pinkode').fill(PIN);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page
      .getByRole('heading', { name: 'Intet opkald i gang.' })
      .waitFor()
      .catch(async (e) => {
        console.log(await page.locator('main').innerText());
        throw e;
      });
    await page.evaluate(() => {
      const w = window as unknown as { __seen: Record<string, number> };
      w.__seen = {};
      new MutationObserver(() => {
        const n = document.querySelector('[data-testid="caller-number"]')?.textContent;
        if (n && !(n in w.__seen)) w.__seen[n] = Date.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const endpoint = `http://127.0.0.1:${phonePort}/v1/phone/events`;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const number = `+45${String(30_000_000 + i)}`;
      const t0 = Date.now();
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify({
          type: 'answered',
          callId: `bench-${i}`,
          answeredAt: new Date(t0).toISOString(),
          agentAuthId: 'BP1',
          callerNumber: number,
        }),
      });
      const reply = (await res.json()) as { status: string; contactId: string };
      if (reply.status !== 'created') throw new Error(`event ${i}: ${JSON.stringify(reply)}`);
      const seen = (await (
        await page.waitForFunction(
          (n) => (window as unknown as { __seen: Record<string, number> }).__seen[n],
          number,
          { polling: 5 },
        )
      ).jsonValue()) as number;
      samples.push(seen - t0);
      // Make room for the next call (one open call per doctor); the next event replaces the panel.
      await page.evaluate(
        (id) =>
          (
            window as unknown as { vagt: { invoke(m: string, i: unknown): Promise<unknown> } }
          ).vagt.invoke('contact.void', { id, reason: 'benchmark' }),
        reply.contactId,
      );
    }
    const s = [...samples].sort((a, b) => a - b);
    console.log(
      `phone event → contact on screen (HTTP POST → caller number in the DOM): p50 ${pct(s, 50)} ms   p95 ${pct(s, 95)} ms   max ${s.at(-1)} ms   (n=${s.length})   target p95 ≤ 100 ms`,
    );
  } finally {
    await browser.close();
    if (child.pid !== undefined) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
