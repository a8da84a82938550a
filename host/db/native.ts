// Which compiled better-sqlite3 the host loads. node_modules/better-sqlite3 stays built for
// Node (tests, CLI, server, browser mode); Electron has its own ABI, so its build lives in a
// separate folder keyed by Electron version, module ABI, platform and arch (made by
// `npm run setup`, shipped by `npm run dist` as resources/native). Neither runtime ever
// rebuilds the other's copy.
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError } from './errors';

export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeRuntime {
  /** process.versions.electron; undefined under plain Node. */
  electron?: string;
  /** process.versions.modules (the ABI: Node 20 = 115, Electron 45 = 150). */
  modules: string;
  platform: string;
  arch: string;
}

export function currentRuntime(): NativeRuntime {
  return {
    electron: process.versions.electron,
    modules: process.versions.modules,
    platform: process.platform,
    arch: process.arch,
  };
}

/** The folder name of one Electron build, e.g. electron-45.4.1-abi150-linux-x64. */
export function nativeKey(rt: NativeRuntime): string {
  return `electron-${rt.electron ?? 'none'}-abi${rt.modules}-${rt.platform}-${rt.arch}`;
}

export interface NativeLocation {
  /** The app's own folder (repository root in development). */
  appRoot: string;
  /** process.resourcesPath of a packaged app. */
  resourcesPath?: string;
  packaged: boolean;
}

/**
 * better-sqlite3's `nativeBinding` for this runtime: undefined under Node (its own build in
 * node_modules), else the Electron build: resources/native in a package, native/<key> in a
 * checkout. A missing build is an installation problem, said as such (not "damaged").
 */
export function nativeBindingFor(rt: NativeRuntime, where: NativeLocation): string | undefined {
  if (!rt.electron) return undefined;
  const file =
    where.packaged && where.resourcesPath
      ? path.join(where.resourcesPath, 'native', NATIVE_FILE)
      : path.join(where.appRoot, 'native', nativeKey(rt), NATIVE_FILE);
  if (!fs.existsSync(file)) {
    throw new DatabaseOpenError(
      'native-module',
      where.packaged
        ? `The database module for Electron ${rt.electron} is missing from the installation (${file}). Reinstall Vagtkonsol.`
        : `The database module for Electron ${rt.electron} (ABI ${rt.modules}) has not been built (${file}). Run \`npm run setup\` with network access.`,
      file,
    );
  }
  return file;
}
