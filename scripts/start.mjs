// `npm start`: the Electron app where its binary is installed; otherwise browser mode in the
// system's Chromium/Chrome, saying so plainly. Extra arguments go to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, electronBinaryInstalled, ensureSetup } from './env.mjs';

await ensureSetup();

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  // Pass Ctrl-C/termination on so the host closes its database cleanly.
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function build() {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status || 1);
}

if (electronBinaryInstalled()) {
  build();
  const rel = readFileSync(join(ROOT, 'node_modules', 'electron', 'path.txt'), 'utf8').trim();
  run(join(ROOT, 'node_modules', 'electron', 'dist', rel), ['.']);
} else {
  console.log(
    "Electron's binary is not installed, so Vagtkonsol starts in browser mode (Chromium/Chrome app window).",
  );
  build();
  run(process.execPath, [join(ROOT, 'dist', 'web', 'main.cjs'), ...process.argv.slice(2)]);
}
