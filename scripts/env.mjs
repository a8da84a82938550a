// Facts about this checkout that the scripts share. Electron's binary is detected by its files:
// `require('electron')` from Node would try to download it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

/** sha-256 of package-lock.json: set-up records it, so a changed lock means set-up again. */
export function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(ROOT, 'package-lock.json')))
    .digest('hex');
}

/** True when set-up ran in this clone for the lockfile as it is now. */
export function setupCurrent() {
  return (
    existsSync(SETUP_STAMP) && readFileSync(SETUP_STAMP, 'utf8').includes(`lock ${lockHash()}`)
  );
}

/** Runs `npm run setup` first when this clone has not been set up (for this lockfile) yet. */
export async function ensureSetup() {
  if (setupCurrent()) return;
  const { spawnSync } = await import('node:child_process');
  console.log('Set-up needed (first run, or package-lock.json changed): running `npm run setup` …');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'setup.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status || 1);
}
