// Facts about this checkout that the scripts share. Electron's binary is detected by its files:
// `require('electron')` from Node would try to download it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SETUP_STAMP = join(ROOT, 'node_modules', '.vagtkonsol-setup');

export function electronBinaryInstalled() {
  const dir = join(ROOT, 'node_modules', 'electron');
  return existsSync(join(dir, 'path.txt')) && existsSync(join(dir, 'dist'));
}

export function chromiumPath() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

/** Runs `npm run setup` first when this clone has not been set up yet. */
export async function ensureSetup() {
  if (existsSync(SETUP_STAMP)) return;
  const { spawnSync } = await import('node:child_process');
  console.log('First run in this clone: running `npm run setup` …');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'setup.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status || 1);
}
