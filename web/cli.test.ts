// Browser mode as a program: the launch lines (no secret), a second start opening a window to
// the running host, a recording stand-in browser that never sees the secret on its command
// line, --help and usage errors, a clean shutdown on SIGTERM, and the page for a damaged file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { acquireDataLock, OWNER_FILE } from '../host/data-lock';
import { DB_FILE } from '../host/host';
import { tempDir } from '../host/testing';
import { startBrowserHost } from './server';

let script = '';

beforeAll(async () => {
  script = path.join(
    process.cwd(),
    'node_modules',
    '.cache',
    'vagt-browser-test',
    'web',
    'main.cjs',
  );
  await build({
    entryPoints: [path.join(__dirname, 'main.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'electron', 'pdfkit'],
    logLevel: 'error',
  });
});

function launch(
  dataDir: string,
  args: string[] = ['--no-open', '--port', '0'],
  env: Record<string, string> = {},
): {
  child: ChildProcess;
  out: Promise<string>;
  exit: Promise<number | null>;
  err: () => string;
  all: () => string;
} {
  const child = spawn(process.execPath, [script, '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const out = new Promise<string>((resolve) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('exit', () => resolve(stdout));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exit, err: () => stderr, all: () => stdout };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(ok()).toBe(true);
};

/** A stand-in browser: records its argv, then does what Chromium would with the launch page. */
function recordingBrowser(dir: string): { exe: string; record: string } {
  const exe = path.join(dir, 'browser.cjs');
  const record = path.join(dir, 'browser-argv.jsonl');
  fs.writeFileSync(
    exe,
    `#!${process.execPath}
const fs = require('node:fs');
const http = require('node:http');
const { fileURLToPath } = require('node:url');
const argv = process.argv.slice(2);
const app = argv.find((a) => a.startsWith('--app='));
const html = fs.readFileSync(fileURLToPath(app.slice(6)), 'utf8');
const action = new URL(/action="([^"]+)"/.exec(html)[1]);
const code = /name="code" value="([^"]+)"/.exec(html)[1];
const req = http.request({ host: action.hostname, port: action.port, path: action.pathname, method: 'POST',
  headers: { Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
  res.resume();
  res.on('end', () => fs.appendFileSync(${JSON.stringify(record)}, JSON.stringify({ argv, status: res.statusCode, cookie: String(res.headers['set-cookie']) }) + '\\n'));
});
req.end('code=' + encodeURIComponent(code));
`,
    { mode: 0o700 },
  );
  return { exe, record };
}

describe('browser mode program', () => {
  it('prints the address without a secret, opens a second window for a second start, closes on SIGTERM', async () => {
    const dataDir = tempDir('vagt-cli-');
    const first = launch(dataDir);
    const line = await first.out;
    expect(line).toMatch(/^Vagtkonsol \(browser mode\) listening on http:\/\/127\.0\.0\.1:\d+\/$/);
    await until(() => /Åbningsside/.test(first.all()));
    expect(first.all()).toMatch(
      /Åbningsside \(virker én gang\): file:\/\/\S+open-vagtkonsol\.html/,
    );
    // A second start on the same folder does not exit 75: it hands out a new launch page.
    const second = launch(dataDir);
    expect(await second.exit).toBe(0);
    expect(second.all()).toMatch(/kører allerede/);
    expect(second.all()).toMatch(/open-vagtkonsol\.html/);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    // Closed cleanly: lock released (the owner note is gone), WAL checkpointed and removed.
    expect(fs.existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
    acquireDataLock(dataDir).release();
    expect(fs.existsSync(path.join(dataDir, `${DB_FILE}-wal`))).toBe(false);
  });

  it('with a recording stand-in browser: the session secret is in no argv and no stdout line; folder 0700, database 0600', async () => {
    const dataDir = tempDir('vagt-rec-');
    const b = recordingBrowser(tempDir('vagt-browser-'));
    const first = launch(dataDir, ['--port', '0'], { VAGT_BROWSER: b.exe });
    await first.out;
    await until(() => fs.existsSync(b.record));
    // A second start opens a second window through the same browser.
    const second = launch(dataDir, [], { VAGT_BROWSER: b.exe });
    expect(await second.exit).toBe(0);
    await until(() => fs.readFileSync(b.record, 'utf8').trim().split('\n').length === 2);
    const runs = fs
      .readFileSync(b.record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { argv: string[]; status: number; cookie: string });
    const secret = /vagt_session_\d+=([A-Za-z0-9_-]+)/.exec(runs[0]!.cookie)![1]!;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    for (const r of runs) {
      expect(r.status).toBe(200);
      expect(r.cookie).toContain(secret);
      expect(r.argv.join(' ')).not.toContain(secret);
      expect(r.argv.join(' ')).not.toMatch(/token|code=/);
    }
    const stdout = first.all() + second.all() + first.err() + second.err();
    expect(stdout).not.toContain(secret);
    expect(stdout).not.toMatch(/#token=/);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, DB_FILE)).mode & 0o777).toBe(0o600);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'vagtkonsol.log'), 'utf8');
    expect(log).toMatch(/browser mode started/);
    expect(log).not.toContain(secret);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
  });

  it('prints help, and a Danish usage error for a missing option value', async () => {
    const dataDir = tempDir('vagt-help-');
    const help = launch(dataDir, ['--help']);
    expect(await help.exit).toBe(0);
    expect(help.all()).toMatch(/^Brug: npm start -- \[--data MAPPE\]/);
    const bad = launch(dataDir, ['--port']);
    expect(await bad.exit).toBe(2);
    expect(bad.err()).toMatch(/--port mangler en værdi/);
  });

  it('shows a clear page when the database is damaged, and serves no API', async () => {
    const dataDir = tempDir('vagt-corrupt-');
    fs.writeFileSync(path.join(dataDir, DB_FILE), Buffer.alloc(8192, 7));
    const bh = await startBrowserHost({ dataDir, port: 0, open: false });
    try {
      expect(bh.host).toBeNull();
      const get = (p: string, method = 'GET') =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(
            {
              host: '127.0.0.1',
              port: bh.port,
              path: p,
              method,
              headers: { Authorization: `Bearer ${bh.token}`, 'Content-Type': 'application/json' },
            },
            (res) => {
              let body = '';
              res.on('data', (c) => (body += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on('error', reject);
          req.end(method === 'POST' ? '{}' : undefined);
        });
      const page = await get('/');
      expect(page.status).toBe(503);
      expect(page.body).toContain('Databasen er beskadiget');
      expect(page.body).toContain('data-db-state="corrupt"');
      expect((await get('/api/setup.status', 'POST')).status).toBe(503);
    } finally {
      await bh.close();
    }
  });
});
