// The two native builds keep out of each other's way: set-up's Electron build (and the dist
// path that uses it) writes only native/<key>; node_modules/better-sqlite3 stays the Node build,
// byte for byte, and still loads in Node afterwards — what `npm test` needs after `npm run dist`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeKey as hostKey } from '../host/db/native';
import { tempDir } from '../host/testing';
// @ts-expect-error -- plain .mjs script without types
import { ensureElectronNative, nativeDir, nativeKey } from './native-electron.mjs';

type Target = { electron: string; modules: string; platform: string; arch: string };
type Ensure = (o: {
  root: string;
  target: Target;
  builder: (work: string, t: Target, root: string) => boolean;
}) => { status: string; file: string };

const ROOT = path.join(__dirname, '..');
const NODE_BUILD = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

/** A stand-in root: node_modules/better-sqlite3 is a copy (with its Node build) of the real one. */
function fakeRoot(): string {
  const root = tempDir('vagt-native-');
  fs.cpSync(
    path.join(ROOT, 'node_modules/better-sqlite3'),
    path.join(root, 'node_modules/better-sqlite3'),
    {
      recursive: true,
      filter: (src) =>
        !src.includes(`${path.sep}deps${path.sep}`) && !src.includes(`${path.sep}src${path.sep}`),
    },
  );
  // better-sqlite3 finds its build through these two.
  for (const dep of ['bindings', 'file-uri-to-path'])
    fs.cpSync(path.join(ROOT, 'node_modules', dep), path.join(root, 'node_modules', dep), {
      recursive: true,
    });
  return root;
}

const E45: Target = {
  electron: '45.4.1',
  modules: '150',
  platform: process.platform,
  arch: process.arch,
};

describe('Electron build of better-sqlite3 (scripts/native-electron.mjs)', () => {
  it('names its folder exactly as the host looks for it', () => {
    expect(nativeKey(E45)).toBe(hostKey(E45));
    expect(nativeKey(E45)).toBe(`electron-45.4.1-abi150-${process.platform}-${process.arch}`);
  });

  it('builds into native/<key> only, leaves the Node build untouched and loadable, rebuilds on a new key', () => {
    const root = fakeRoot();
    const nodeBuild = path.join(
      root,
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    const before = sha(nodeBuild);
    const builds: string[] = [];
    // The stand-in builder does what prebuild-install/node-gyp would: write build/Release in the work copy.
    const builder = (work: string, t: Target) => {
      expect(work.startsWith(path.join(root, 'native'))).toBe(true);
      expect(fs.existsSync(path.join(work, 'build'))).toBe(false);
      builds.push(t.electron);
      fs.mkdirSync(path.join(work, 'build/Release'), { recursive: true });
      fs.writeFileSync(
        path.join(work, 'build/Release/better_sqlite3.node'),
        `electron ${t.electron}`,
      );
      return true;
    };
    const ensure = ensureElectronNative as Ensure;
    const first = ensure({ root, target: E45, builder });
    expect(first.status).toBe('built');
    expect(first.file).toBe(path.join(nativeDir(root, E45) as string, 'better_sqlite3.node'));
    expect(fs.readFileSync(first.file, 'utf8')).toBe('electron 45.4.1');
    // Same Electron, same module version: nothing to do.
    expect(ensure({ root, target: E45, builder }).status).toBe('current');
    // A new Electron gets its own folder; the old one stays for a rollback.
    const e46 = { ...E45, electron: '46.0.0', modules: '151' };
    expect(ensure({ root, target: e46, builder }).status).toBe('built');
    expect(builds).toEqual(['45.4.1', '46.0.0']);
    expect(fs.readdirSync(path.join(root, 'native')).sort()).toEqual(
      [nativeKey(E45), nativeKey(e46)].sort(),
    );
    // The Node build: same bytes, and it still opens a database in plain Node.
    expect(sha(nodeBuild)).toBe(before);
    const load = spawnSync(
      process.execPath,
      [
        '-e',
        "const D=require('better-sqlite3'); const d=new D(':memory:'); process.stdout.write(String(d.prepare('select 41+1 as x').get().x))",
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(load.stdout).toBe('42');
  });

  it('reports a failed (offline) build without touching anything', () => {
    const root = fakeRoot();
    const r = (ensureElectronNative as Ensure)({ root, target: E45, builder: () => false });
    expect(r.status).toBe('failed');
    expect(fs.existsSync(r.file)).toBe(false);
    expect(fs.readdirSync(path.join(root, 'native'))).toEqual([]);
  });

  it('the real node_modules build is the Node one (ABI of this Node) and loads', () => {
    expect(fs.existsSync(NODE_BUILD)).toBe(true);
    const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:')"], {
      cwd: ROOT,
    });
    expect(r.status).toBe(0);
  });
});
