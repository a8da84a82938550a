// Which better-sqlite3 build the host loads, decided with a simulated runtime: Node uses
// node_modules' own; Electron uses native/<key> in a checkout or resources/native when
// packaged; a missing Electron build is an installation problem (kind native-module).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { DatabaseOpenError } from './errors';
import { NATIVE_FILE, nativeBindingFor, nativeKey, type NativeRuntime } from './native';
import { openDatabase } from './open';

const NODE: NativeRuntime = { modules: '115', platform: 'linux', arch: 'x64' };
const ELECTRON: NativeRuntime = {
  electron: '45.4.1',
  modules: '150',
  platform: 'linux',
  arch: 'x64',
};

describe('native module selection', () => {
  it('plain Node keeps better-sqlite3 default build (no nativeBinding)', () => {
    expect(nativeBindingFor(NODE, { appRoot: '/nowhere', packaged: false })).toBeUndefined();
  });

  it('Electron in a checkout loads native/<electron-version-abi-platform-arch>', () => {
    const root = tempDir();
    const dir = path.join(root, 'native', 'electron-45.4.1-abi150-linux-x64');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, NATIVE_FILE), '');
    expect(nativeKey(ELECTRON)).toBe('electron-45.4.1-abi150-linux-x64');
    expect(nativeBindingFor(ELECTRON, { appRoot: root, packaged: false })).toBe(
      path.join(dir, NATIVE_FILE),
    );
    // Another Electron (new ABI) does not pick up the old build.
    expect(() =>
      nativeBindingFor(
        { ...ELECTRON, electron: '46.0.0', modules: '151' },
        { appRoot: root, packaged: false },
      ),
    ).toThrow(/npm run setup/);
  });

  it('a packaged Electron app loads resources/native, and says "reinstall" when it is missing', () => {
    const res = tempDir();
    let err: unknown;
    try {
      nativeBindingFor(ELECTRON, { appRoot: '/app.asar', resourcesPath: res, packaged: true });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect((err as DatabaseOpenError).kind).toBe('native-module');
    expect((err as DatabaseOpenError).message).toMatch(/Reinstall/);
    fs.mkdirSync(path.join(res, 'native'));
    fs.writeFileSync(path.join(res, 'native', NATIVE_FILE), '');
    expect(
      nativeBindingFor(ELECTRON, { appRoot: '/app.asar', resourcesPath: res, packaged: true }),
    ).toBe(path.join(res, 'native', NATIVE_FILE));
  });

  it('a module built for another ABI is an installation problem, not a damaged database', () => {
    const dir = tempDir();
    // Not a loadable shared object: dlopen fails as it does for a wrong ABI.
    const bogus = path.join(dir, NATIVE_FILE);
    fs.writeFileSync(bogus, 'not an ELF file');
    let err: unknown;
    try {
      openDatabase(path.join(dir, 'v.db'), { nativeBinding: bogus });
    } catch (e) {
      err = e;
    }
    expect((err as DatabaseOpenError).kind).toBe('native-module');
  });
});
