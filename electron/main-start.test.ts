// main.ts's start-up paths with a stand-in 'electron': a failure during start shows a dialog
// and exits (no windowless process holding the single-instance lock), a data folder held by
// another process is refused with a clear message, and a packaged app drops every VAGT_*
// development override before anything reads it.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataLock } from '../host/data-lock';
import { tempDir } from '../host/testing';

const fake = vi.hoisted(() => {
  const state = {
    appData: '',
    packaged: false,
    failWindow: false,
    exits: [] as number[],
    errorBoxes: [] as string[][],
    windows: 0,
    done: null as null | Promise<unknown>,
  };
  const reset = () => {
    state.exits = [];
    state.errorBoxes = [];
    state.windows = 0;
  };
  const paths = new Map<string, string>();
  class BrowserWindow {
    webContents = { send: () => {}, on: () => {}, reload: () => {} };
    constructor() {
      if (state.failWindow) throw new Error('GPU process could not start');
      state.windows += 1;
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      setName: () => {},
      commandLine: { appendSwitch: () => {} },
      setPath: (k: string, v: string) => paths.set(k, v),
      getPath: (k: string) => (k === 'appData' ? state.appData : paths.get(k)!),
      requestSingleInstanceLock: () => true,
      on: () => {},
      whenReady: () => {
        const p = Promise.resolve();
        // Resolves after start() and its catch have run.
        state.done = p.then(() => new Promise((r) => setTimeout(r, 200)));
        return p;
      },
      isReady: () => true,
      get isPackaged() {
        return state.packaged;
      },
      getAppPath: () => process.cwd(),
      getVersion: () => '0.1.0',
      quit: () => {},
      exit: (code: number) => state.exits.push(code),
    },
    BrowserWindow,
    dialog: { showErrorBox: (t: string, m: string) => state.errorBoxes.push([t, m]) },
    ipcMain: { handle: () => {} },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    safeStorage: { isEncryptionAvailable: () => false },
  };
  return { state, electron, reset };
});

vi.mock('electron', () => fake.electron);
const { state } = fake;

async function startMain(): Promise<void> {
  fake.reset();
  vi.resetModules();
  await import('./main');
  await state.done;
}

afterEach(() => {
  state.failWindow = false;
  state.packaged = false;
});

describe('Electron start-up', () => {
  it('a failure during start shows a dialog and exits, releasing the data lock', async () => {
    state.appData = tempDir('vagt-el-fail-');
    state.failWindow = true;
    await startMain();
    expect(state.errorBoxes).toHaveLength(1);
    expect(state.errorBoxes[0]![0]).toBe('Vagtkonsol kunne ikke starte');
    expect(state.errorBoxes[0]![1]).toMatch(
      /GPU process could not start[\s\S]*Logfil: .*vagtkonsol\.log/,
    );
    expect(state.exits).toEqual([1]);
    // Nothing left holding the folder.
    acquireDataLock(path.join(state.appData, 'Vagtkonsol')).release();
  });

  it('refuses a data folder held by another Vagtkonsol, with a Danish message and exit 75', async () => {
    state.appData = tempDir('vagt-el-busy-');
    const held = acquireDataLock(path.join(state.appData, 'Vagtkonsol'));
    held.setOwner({ mode: 'browser', port: 41717, launchKey: 'k' });
    try {
      await startMain();
      expect(state.exits).toEqual([75]);
      expect(state.errorBoxes[0]![0]).toBe('Vagtkonsol kører allerede');
      expect(state.errorBoxes[0]![1]).toMatch(/browsertilstand \(http:\/\/127\.0\.0\.1:41717\/\)/);
      expect(state.windows).toBe(0);
    } finally {
      held.release();
    }
  });

  it('a packaged app ignores VAGT_RENDERER_DIR, VAGT_MIGRATIONS_DIR and every VAGT_* override', async () => {
    state.appData = tempDir('vagt-el-sealed-');
    state.packaged = true;
    const saved = { ...process.env };
    process.env.VAGT_RENDERER_DIR = '/tmp/evil-renderer';
    process.env.VAGT_MIGRATIONS_DIR = '/tmp/evil-sql';
    process.env.VAGT_TEST_CLOCK = '2020-01-01T00:00:00.000Z';
    try {
      await startMain();
      expect(process.env.VAGT_RENDERER_DIR).toBeUndefined();
      expect(process.env.VAGT_MIGRATIONS_DIR).toBeUndefined();
      expect(process.env.VAGT_TEST_CLOCK).toBeUndefined();
    } finally {
      process.env = saved;
    }
  });
});
