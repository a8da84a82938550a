// Test fixtures: every test gets its own temporary data folder and its own host process
// (browser mode: `tsx web/main.ts --data <tmp> --port 0 --no-open`, with VAGT_TEST_CLOCK),
// and, for the "electron" project, Electron via Playwright's _electron when its binary exists.
import {
  test as base,
  expect,
  _electron,
  type Page,
  type ElectronApplication,
} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { E2E_RENDERER_DIR, ROOT, electronBinary } from './paths';

export { ROOT, electronBinary };

export const ARTIFACTS = path.join(ROOT, 'e2e/artifacts');

export type Shell = 'browser' | 'electron';

/** A running host on one data folder; restart() swaps the test clock and keeps the data. */
export interface VagtHost {
  readonly dataDir: string;
  readonly url: string;
  /** (Re)starts the host with a new VAGT_TEST_CLOCK and loads the console in `page`. */
  restart(clock: string): Promise<void>;
  /** Stops the host; the page stays open, talking to nobody until restart(). */
  stop(): Promise<void>;
  /** Starts a stopped host without navigating the page (it reloads itself or the test does). */
  startOnly?(clock: string): Promise<void>;
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

// The host prints its address (no secret) and, with --no-open, its one-time launch page: a
// private file that posts a one-time code for the session cookie (see web/launch.ts).
const LAUNCH_RE = /Åbningsside \(virker én gang\): (file:\/\/\S+)/;

class BrowserModeHost implements VagtHost {
  private child: ChildProcess | null = null;
  private port: number | undefined;
  url = '';
  log = '';
  constructor(
    readonly dataDir: string,
    private readonly page: Page,
  ) {}

  private launchUrl = '';

  async start(clock: string): Promise<void> {
    await this.startOnly(clock);
    // The launch page signs the page in (cookie) and lands on the console at this.url.
    await this.page.goto(this.launchUrl);
    await this.page.waitForURL(this.url);
  }

  async startOnly(clock: string): Promise<void> {
    this.log = '';
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    // One port per test, kept across restarts: the page's origin (and its localStorage) stays.
    this.port ??= await freePort();
    const child = spawn(
      tsx,
      ['web/main.ts', '--data', this.dataDir, '--port', String(this.port), '--no-open'],
      {
        cwd: ROOT,
        env: { ...process.env, VAGT_TEST_CLOCK: clock, VAGT_RENDERER_DIR: E2E_RENDERER_DIR },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not start:\n${this.log}`)), 30_000);
      const onData = (d: Buffer) => {
        this.log += d.toString();
        const m = LAUNCH_RE.exec(this.log);
        if (m) {
          clearTimeout(timer);
          this.launchUrl = m[1]!;
          resolve(`http://127.0.0.1:${this.port}/`);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited (${code}):\n${this.log}`));
      });
    });
  }

  async restart(clock: string): Promise<void> {
    await this.stop();
    await this.start(clock);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    this.child = null;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await exited;
    clearTimeout(t);
  }
}

class ElectronHost implements VagtHost {
  private app: ElectronApplication | null = null;
  url = 'electron';
  page: Page | null = null;
  constructor(
    readonly dataDir: string,
    private readonly bin: string,
  ) {}
  async start(clock: string): Promise<Page> {
    // electron/main.ts keeps its data in app.getPath('appData')/Vagtkonsol; on Linux appData is
    // XDG_CONFIG_HOME, so pointing that at the test's folder isolates the test.
    this.app = await _electron.launch({
      executablePath: this.bin,
      args: [ROOT],
      cwd: ROOT,
      env: {
        ...process.env,
        VAGT_TEST_CLOCK: clock,
        XDG_CONFIG_HOME: this.dataDir,
      } as Record<string, string>,
    });
    this.page = await this.app.firstWindow();
    return this.page;
  }
  async restart(clock: string): Promise<void> {
    await this.stop();
    await this.start(clock);
  }
  async stop(): Promise<void> {
    await this.app?.close();
    this.app = null;
  }
}

interface Fixtures {
  shell: Shell;
  dataDir: string;
  /** Initial clock for the host; override with test.use({ clock: … }). */
  clock: string;
  vagt: VagtHost;
  app: Page;
}

export const test = base.extend<Fixtures>({
  shell: ['browser', { option: true }],
  clock: ['2025-05-28T15:30:00.000Z', { option: true }],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  vagt: async ({ shell, dataDir, clock, page }, use) => {
    if (shell === 'electron') {
      const bin = electronBinary();
      test.skip(
        bin === null,
        'Electron binary not installed (node_modules/electron has no downloaded binary)',
      );
      const host = new ElectronHost(dataDir, bin!);
      await host.start(clock);
      await use(host);
      await host.stop();
      return;
    }
    const host = new BrowserModeHost(dataDir, page);
    await host.start(clock);
    await use(host);
    await host.stop();
  },
  // The console page. Every test also checks that nothing broke the strict CSP and that no
  // uncaught error reached the page.
  app: async ({ vagt, page }, use) => {
    const p = vagt instanceof ElectronHost && vagt.page ? vagt.page : page;
    const problems: string[] = [];
    p.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) {
        problems.push(`CSP: ${m.text()}`);
      }
    });
    await use(p);
    expect(problems, 'CSP violations or uncaught errors in the page').toEqual([]);
  },
});

export { expect };

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Axe scan (WCAG 2.0/2.1/2.2 A+AA plus best practice): no violation of any impact; report saved beside the shot. */
export async function axe(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const bad = results.violations;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(
    path.join(ARTIFACTS, `axe-${name}.json`),
    JSON.stringify(
      results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => n.target),
      })),
      null,
      2,
    ),
  );
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    `axe ${name}`,
  ).toEqual([]);
}

/** Screenshot + axe scan of one screen. */
export async function screen(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await axe(page, name);
}
