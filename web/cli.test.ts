// Browser mode as a program: the one-line launch message, the in-use refusal of a second
// launch on the same data folder, a clean shutdown on SIGTERM, and the page shown for a
// damaged database.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../host/data-lock';
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

function launch(dataDir: string): {
  child: ChildProcess;
  out: Promise<string>;
  exit: Promise<number | null>;
  err: () => string;
} {
  const child = spawn(process.execPath, [script, '--data', dataDir, '--no-open'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const out = new Promise<string>((resolve) => {
    let buf = '';
    child.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf.split('\n')[0]!);
    });
    child.on('exit', () => resolve(buf));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exit, err: () => stderr };
}

describe('browser mode program', () => {
  it('prints one launch line, refuses a second launch on the same data, closes on SIGTERM', async () => {
    const dataDir = tempDir('vagt-cli-');
    const first = launch(dataDir);
    const line = await first.out;
    expect(line).toMatch(
      /^Vagtkonsol \(browser mode\) listening on http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/,
    );
    const second = launch(dataDir);
    expect(await second.exit).not.toBe(0);
    expect(second.err()).toMatch(/in use/);
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    // Closed cleanly: lock released, WAL checkpointed and removed by the last connection.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, `${DB_FILE}-wal`))).toBe(false);
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
