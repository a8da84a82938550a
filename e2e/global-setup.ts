// Builds the renderer once for the run (vite build with vite.config.ts) into a private folder
// that the test hosts serve (VAGT_RENDERER_DIR), so a concurrent `npm run build` emptying
// dist/renderer cannot break a running suite. Skipped when the build is newer than its sources.
// Where an Electron binary exists, it also runs `npm run build` (dist/: the Electron project
// launches dist/electron/main.cjs), so the Electron tests run wherever Electron does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_RENDERER_DIR, ROOT, electronBinary } from './paths';

function newest(dir: string): number {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.endsWith('.test.ts')) continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export default function globalSetup(): void {
  const built = path.join(E2E_RENDERER_DIR, 'index.html');
  const sources = Math.max(
    newest(path.join(ROOT, 'renderer')),
    newest(path.join(ROOT, 'shared')),
    fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs,
  );
  const fresh = fs.existsSync(built) && fs.statSync(built).mtimeMs > sources;
  if (!fresh || process.env.VAGT_E2E_REBUILD) {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.config.ts',
        '--outDir',
        E2E_RENDERER_DIR,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  if (electronBinary() !== null) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
}
