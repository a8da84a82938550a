// A real sync server on loopback for the e2e specs that link a workstation to one (sync, the
// region's roster and claims), its command line, and calls to the host API from the page.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './fixtures';

const SERVER = ['--import', 'tsx', 'server/main.ts'];

export interface SyncServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Kills the server (as a crash or a pulled cable would); the data folder stays. */
  stop(): Promise<void>;
}

/** Starts `npm run server` on a free loopback port, in `dataDir` (a fresh temp folder by default). */
export async function startSyncServer(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-e2e-server-')),
): Promise<SyncServer> {
  const child = spawn(process.execPath, [...SERVER, '--data', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sync server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sync server exited ${code}: ${out}`)));
  });
  return {
    url,
    dataDir,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
  };
}

/** One server admin command on a data folder; its JSON answer. */
export function serverCli(dataDir: string, ...args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    [...SERVER, args[0]!, '--data', dataDir, ...args.slice(1)],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out) as Record<string, unknown>;
}

/** A host API call from the page, as the console makes it. */
export async function invoke(page: Page, method: string, input: unknown) {
  return (await page.evaluate(([m, i]) => window.vagt!.invoke(m as never, i as never), [
    method,
    input,
  ] as const)) as { ok: boolean; value?: unknown; error?: { code: string } };
}
