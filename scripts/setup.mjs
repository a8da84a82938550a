// `npm run setup`: installs everything on a fresh clone and survives an offline machine.
// 1. npm packages exactly as package-lock.json has them (`npm ci`), without install scripts
//    (Electron's would fail offline and abort the rest); skipped when the lock is unchanged
//    since the last set-up, so a re-run keeps the native builds;
// 2. better-sqlite3 built for this Node (prebuilt download first, else from source);
// 3. Electron's binary, if it can be downloaded; if not, one plain line says what to do;
// 4. where Electron is installed, better-sqlite3 built for Electron's ABI into native/<key>
//    (scripts/native-electron.mjs), never over the Node build in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, electronBinaryInstalled, lockHash, setupCurrent, SETUP_STAMP } from './env.mjs';
import { electronTarget, ensureElectronNative } from './native-electron.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, options = {}) {
  console.log(`> ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
}

function must(result, what) {
  if (result.status !== 0) {
    console.error(`Set-up failed: ${what} (exit ${result.status}).`);
    process.exit(result.status || 1);
  }
}

if (!setupCurrent()) {
  must(run(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund']), 'npm ci');
}
const sqliteLoads = () =>
  spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"],
    { cwd: ROOT, stdio: 'ignore' },
  ).status === 0;

// A re-run keeps a working native build (a rebuild removes it first, which would break a
// running app or test suite for the two minutes the compile takes).
if (!sqliteLoads()) {
  must(run(npm, ['rebuild', 'better-sqlite3']), 'building better-sqlite3 for Node');
}
if (!sqliteLoads()) {
  console.error('Set-up failed: better-sqlite3 does not load in this Node.');
  process.exit(1);
}

if (!electronBinaryInstalled()) {
  const electronInstall = join(ROOT, 'node_modules', 'electron', 'install.js');
  const r = existsSync(electronInstall)
    ? spawnSync(process.execPath, [electronInstall], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 })
    : { status: 1 };
  if (r.status !== 0 || !electronBinaryInstalled()) {
    console.log(
      "Electron's binary could not be downloaded, so the desktop shell and its database build wait for network " +
        '(npm start uses browser mode); run `npm run setup` again with network access, or set ELECTRON_MIRROR ' +
        '(a local mirror) or electron_config_cache (a folder holding the Electron zip) on offline sites.',
    );
  } else {
    console.log('Electron installed.');
  }
}

if (electronBinaryInstalled()) {
  const target = electronTarget(ROOT);
  const r = ensureElectronNative({ root: ROOT, target });
  if (r.status === 'failed') {
    console.log(
      `The desktop build of better-sqlite3 for Electron ${target.electron} (ABI ${target.modules}) waits for network: run \`npm run setup\` again online.`,
    );
  } else if (r.status === 'built') {
    console.log(`better-sqlite3 built for Electron ${target.electron} in ${r.file}.`);
  }
}

writeFileSync(SETUP_STAMP, `${new Date().toISOString()}\nlock ${lockHash()}\n`);
console.log('Set-up complete.');
