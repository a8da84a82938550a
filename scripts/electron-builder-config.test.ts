// electron-builder.yml passes electron-builder's own schema and keeps the settings packaging
// depends on (targets, only *.node outside the asar, no rebuild of node_modules, the Electron
// build shipped as resources/native, default deb dependencies, fuse hook).
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  it('is valid and pins the packaging settings', async () => {
    const { getConfig, validateConfiguration } =
      require('app-builder-lib/out/util/config/config') as {
        getConfig(dir: string, file: string, extra: null): Promise<Record<string, unknown>>;
        validateConfiguration(cfg: unknown, log: unknown): Promise<void>;
      };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const root = path.join(__dirname, '..');
    type Target = { target: string[] };
    const cfg = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as Record<
      string,
      unknown
    > & {
      linux: Target;
      win: Target;
      mac: Target;
    };
    await validateConfiguration(cfg, new DebugLogger(false));
    expect(cfg.appId).toBe('dk.vagtkonsol.app');
    // getConfig normalises `files` into [{ filter: [...] }].
    const files = JSON.stringify(cfg.files);
    expect(files).toContain('"dist/**"');
    expect(files).toContain('"migrations/*.sql"');
    expect(cfg.asarUnpack).toEqual(['**/*.node']);
    // electron-builder must never rebuild node_modules/better-sqlite3 for Electron in place.
    expect(cfg.npmRebuild).toBe(false);
    expect(cfg.extraResources).toEqual([
      { from: 'native/current', to: 'native', filter: ['*.node'] },
    ]);
    expect(files).toContain('"!node_modules/better-sqlite3/build/**"');
    // electron-builder's default deb dependencies stay (an empty list would drop them).
    expect((cfg as { deb?: { depends?: unknown } }).deb?.depends).toBeUndefined();
    expect(cfg.afterPack).toBe('scripts/after-pack.cjs');
    expect(cfg.linux.target).toEqual(['AppImage', 'deb']);
    expect(cfg.win.target).toEqual(['nsis']);
    expect(cfg.mac.target).toEqual(['dmg']);
  });
});
