// Opens the console in the system's Chromium or Chrome as an app window (--app=URL), with its
// own profile in the data folder so it neither joins nor disturbs the user's normal browser.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
];
const FIXED = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.VAGT_BROWSER && fs.existsSync(env.VAGT_BROWSER)) return env.VAGT_BROWSER;
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of NAMES) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const p = path.join(dir, name + ext);
        if (fs.existsSync(p)) return p;
      }
    }
  }
  return FIXED.find((p) => fs.existsSync(p)) ?? null;
}

export function openAppWindow(url: string, dataDir: string): boolean {
  const exe = findChromium();
  if (!exe) return false;
  const child = spawn(
    exe,
    [
      `--app=${url}`,
      `--user-data-dir=${path.join(dataDir, 'browser-profile')}`,
      // Danish as the window's language (date pickers, spelling); the console's own fields are
      // Danish whatever the locale (renderer/components/DateInput.tsx).
      '--lang=da',
      '--no-first-run',
      '--no-default-browser-check',
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.on('error', () => {});
  child.unref();
  return true;
}
