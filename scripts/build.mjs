// `npm run build`: the renderer with Vite → dist/renderer; the shells with esbuild →
// dist/electron/{main,preload}.cjs and dist/web/main.cjs (CommonJS, Node platform; native and Electron
// modules stay external so electron-builder can unpack/rebuild them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './env.mjs';

const vite = spawnSync(
  join(ROOT, 'node_modules', '.bin', 'vite'),
  ['build', '--config', 'vite.config.ts', '--logLevel', 'error'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (vite.status !== 0) process.exit(vite.status || 1);

const shells = { electron: ['main', 'preload'], web: ['main'] };
for (const [folder, names] of Object.entries(shells)) {
  const entries = names.filter((n) => existsSync(join(ROOT, folder, `${n}.ts`)));
  await build({
    entryPoints: Object.fromEntries(entries.map((n) => [n, join(ROOT, folder, `${n}.ts`)])),
    outdir: join(ROOT, 'dist', folder),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['electron', 'better-sqlite3', 'pdfkit'],
    logLevel: 'warning',
  });
}
console.log('Built dist/renderer, dist/electron/{main,preload}.cjs and dist/web/main.cjs');
