// `npm run smoke:electron`: the real desktop app, end to end, once. Builds, launches Electron
// on a temporary data folder, waits for the console, creates a supervisor, signs in, opens a
// shift, records one call, quits, checks the call is in the database, and prints one line.
// Where Electron's binary is not installed (offline), it says so in one line and exits 2.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron } from '@playwright/test';
import Database from 'better-sqlite3';
// @ts-expect-error -- plain .mjs script without types
import { electronBinaryInstalled, ROOT } from './env.mjs';
// @ts-expect-error -- plain .mjs script without types
import { electronTarget, nativeDir } from './native-electron.mjs';

const NOT_RUN = 2;

function say(line: string, code: number): never {
  console.log(`smoke:electron: ${line}`);
  process.exit(code);
}

async function main(): Promise<void> {
  if (!electronBinaryInstalled()) {
    say(
      "not run: Electron's binary is not installed here (it cannot be downloaded offline); run `npm run setup` with network access, then try again.",
      NOT_RUN,
    );
  }
  const target = electronTarget(ROOT);
  if (!fs.existsSync(path.join(nativeDir(ROOT, target), 'better_sqlite3.node'))) {
    say(
      `not run: better-sqlite3 is not built for Electron ${target.electron} (ABI ${target.modules}); run \`npm run setup\` with network access.`,
      NOT_RUN,
    );
  }
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  if (build.status !== 0) say('FAILED: npm run build failed', 1);
  const bin = path.join(
    ROOT,
    'node_modules',
    'electron',
    'dist',
    fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'path.txt'), 'utf8').trim(),
  );
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-smoke-'));
  const t0 = Date.now();
  // Linux: appData is XDG_CONFIG_HOME; Windows: APPDATA. The app keeps its data in appData/Vagtkonsol.
  const app = await _electron.launch({
    executablePath: bin,
    args: [ROOT],
    cwd: ROOT,
    env: { ...process.env, XDG_CONFIG_HOME: home, APPDATA: home } as Record<string, string>,
  });
  let consoleMs = 0;
  try {
    const page = await app.firstWindow();
    const heading = page.getByRole('heading', { name: 'Velkommen til Vagtkonsol' });
    await heading.waitFor({ timeout: 60_000 });
    consoleMs = Date.now() - t0;
    await page.getByLabel('Navn', { exact: true }).fill('Smoke Test');
    await page.getByLabel('Autorisations-id').fill('SMK01');
    await page.getByLabel('Pinkode (4–8 cifre)').fill('4711');
    await page.getByLabel('Gentag pinkode').fill('4711');
    await page.getByRole('button', { name: 'Opret supervisor' }).click();
    await page.getByRole('radio', { name: /Smoke Test/ }).check();
    await page.getByLabel('Pinkode').fill('4711');
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.getByRole('button', { name: 'Åbn vagt' }).click();
    await page.getByRole('heading', { name: 'Intet opkald i gang.' }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: 'Opkald i gang' }).waitFor();
    await page.getByLabel('Henvendelsesårsag').fill('Feber, røgtest');
    await page.getByTestId('save-state').filter({ hasText: 'Gemt' }).waitFor();
    await page.keyboard.press('Alt+E');
    await page.getByRole('heading', { name: 'Intet opkald i gang.' }).waitFor();
  } catch (err) {
    await app.close().catch(() => {});
    say(`FAILED: ${(err as Error).message.split('\n')[0]}`, 1);
  }
  await app.close();
  const db = new Database(path.join(home, 'Vagtkonsol', 'vagtkonsol.db'), { readonly: true });
  const calls = (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n;
  db.close();
  fs.rmSync(home, { recursive: true, force: true });
  if (calls !== 1) say(`FAILED: expected 1 recorded call in the database, found ${calls}`, 1);
  say(
    `ok: Electron ${target.electron} (ABI ${target.modules}), console after ${consoleMs} ms, one call recorded and saved, quit cleanly`,
    0,
  );
}

void main();
