// better-sqlite3 for Electron, built beside node_modules, never in it. node_modules keeps the
// Node build (tests, CLI, server, browser mode); Electron's build goes to
// native/<electron-VERSION-abiMODULES-PLATFORM-ARCH>/better_sqlite3.node (ignored by git), the
// folder the host's db/native.ts loads under Electron. A work copy of the package is built
// (prebuilt download first, else node-gyp against Electron's headers) and only the .node file
// is kept. Rebuilt when Electron, its ABI, the arch or better-sqlite3's version change.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, sep } from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

/** Mirrors host/db/native.ts nativeKey (a test keeps the two equal). */
export function nativeKey(t) {
  return `electron-${t.electron}-abi${t.modules}-${t.platform}-${t.arch}`;
}

/** The installed Electron's version and ABI (from its package, without running it). */
export function electronTarget(root, arch = process.arch, platform = process.platform) {
  const dir = join(root, 'node_modules', 'electron');
  const electron = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const modules = readFileSync(join(dir, 'abi_version'), 'utf8').trim();
  return { electron, modules, platform, arch };
}

export function sqliteVersion(root) {
  return JSON.parse(
    readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'),
  ).version;
}

export function nativeDir(root, target) {
  return join(root, 'native', nativeKey(target));
}

/** Builds in `work` (a copy of the package) for Electron; true when build/Release has the file. */
export function defaultBuilder(work, target, root) {
  const bin = (n) =>
    join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${n}.cmd` : n);
  const opts = { cwd: work, stdio: 'pipe', timeout: 600_000 };
  const common = [`--runtime=electron`, `--target=${target.electron}`, `--arch=${target.arch}`];
  const prebuilt = spawnSync(bin('prebuild-install'), common, opts);
  if (prebuilt.status === 0 && existsSync(join(work, 'build', 'Release', NATIVE_FILE))) return true;
  const gyp = spawnSync(
    bin('node-gyp'),
    ['rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers'],
    opts,
  );
  return gyp.status === 0 && existsSync(join(work, 'build', 'Release', NATIVE_FILE));
}

/**
 * Makes sure native/<key>/better_sqlite3.node exists for `target`. Returns
 * { status: 'current' | 'built' | 'failed', file }. node_modules is only read.
 */
export function ensureElectronNative({ root, target, builder = defaultBuilder }) {
  const dir = nativeDir(root, target);
  const file = join(dir, NATIVE_FILE);
  const stampFile = join(dir, 'stamp.json');
  const stamp = JSON.stringify({ betterSqlite3: sqliteVersion(root), ...target });
  if (existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { status: 'current', file };
  }
  const work = join(root, 'native', `.work-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  try {
    const pkg = join(root, 'node_modules', 'better-sqlite3');
    const nodeBuild = join(pkg, 'build');
    cpSync(pkg, work, {
      recursive: true,
      // The Node build stays where it is; the copy starts without one.
      filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep),
    });
    if (!builder(work, target, root)) return { status: 'failed', file };
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(work, 'build', 'Release', NATIVE_FILE), file);
    writeFileSync(stampFile, stamp);
    return { status: 'built', file };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
