// `npm run dist`: build, then package with electron-builder. The Electron build of
// better-sqlite3 (native/<key>, made by set-up) is staged as native/current and shipped as
// resources/native outside the asar; electron-builder's own rebuild is off (npmRebuild: false),
// so node_modules keeps its Node build and `npm test` still passes afterwards.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, electronBinaryInstalled } from './env.mjs';
import { electronTarget, ensureElectronNative, NATIVE_FILE } from './native-electron.mjs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}

if (!electronBinaryInstalled()) {
  console.error(
    "npm run dist needs Electron's binary: run `npm run setup` with network access first.",
  );
  process.exit(1);
}
const target = electronTarget(ROOT);
const native = ensureElectronNative({ root: ROOT, target });
if (native.status === 'failed') {
  console.error(
    `better-sqlite3 could not be built for Electron ${target.electron} (ABI ${target.modules}); run \`npm run setup\` with network access.`,
  );
  process.exit(1);
}
const staged = join(ROOT, 'native', 'current');
rmSync(staged, { recursive: true, force: true });
mkdirSync(staged, { recursive: true });
copyFileSync(native.file, join(staged, NATIVE_FILE));

run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
const builder = join(
  ROOT,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);
run(builder, ['--config', 'electron-builder.yml', ...process.argv.slice(2)]);
