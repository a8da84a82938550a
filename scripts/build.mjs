// `npm run build`: the renderer with Vite → dist/renderer; the shells with esbuild →
// dist/electron/{main,preload,browser}.cjs (CommonJS, Node platform; native and Electron
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

const entries = ['main', 'preload', 'browser'].filter((n) =>
  existsSync(join(ROOT, 'electron', `${n}.ts`)),
);
await build({
  entryPoints: Object.fromEntries(entries.map((n) => [n, join(ROOT, 'electron', `${n}.ts`)])),
  outdir: join(ROOT, 'dist', 'electron'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'pdfkit'],
  logLevel: 'warning',
});
console.log(`Built dist/renderer and dist/electron/{${entries.join(',')}}.cjs`);
