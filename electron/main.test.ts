// The Electron shell without Electron's binary: 'electron' is replaced by a recording fake, so
// the test pins what main.ts does — window options, navigation/window/permission denial, CSP on
// every response, IPC only from the app's own page, data lock and clean shutdown, the Danish
// menu with Reload, reloading a crashed or hung page, and a second launch finding a window.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../shared/contract/bridge';
import { CSP } from '../host/shell/csp';
import { acquireDataLock, readOwner } from '../host/data-lock';
import { tempDir } from '../host/testing';

const fake = vi.hoisted(() => {
  const state = {
    paths: new Map<string, string>(),
    appEvents: new Map<string, (...a: unknown[]) => void>(),
    ipc: new Map<string, (...a: unknown[]) => unknown>(),
    windows: [] as Array<{
      opts: Record<string, unknown>;
      url?: string;
      win: {
        events: Map<string, (...a: unknown[]) => void>;
        destroyed: boolean;
        reloads: number;
        focused: number;
      };
    }>,
    schemes: [] as unknown[],
    protocolHandler: null as null | ((req: { url: string }) => Response),
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
    headers: null as
      null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    quit: 0,
    exits: [] as number[],
    errorBoxes: [] as string[][],
    menu: null as unknown,
    ready: null as null | Promise<void>,
    switches: new Map<string, string>(),
  };
  type Handler = (...a: unknown[]) => void;
  class BrowserWindow {
    events = new Map<string, Handler>();
    destroyed = false;
    reloads = 0;
    focused = 0;
    webContents = {
      send: () => {},
      on: (ev: string, fn: Handler) => this.events.set(`wc:${ev}`, fn),
      reload: () => (this.reloads += 1),
    };
    constructor(opts: Record<string, unknown>) {
      state.windows.push({ opts, win: this } as never);
    }
    once(ev: string, fn: Handler) {
      this.events.set(ev, fn);
    }
    on(ev: string, fn: Handler) {
      this.events.set(ev, fn);
    }
    show() {}
    focus() {
      this.focused += 1;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    isDestroyed() {
      return this.destroyed;
    }
    loadURL(url: string) {
      state.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      setName: () => {},
      commandLine: { appendSwitch: (k: string, v: string) => state.switches.set(k, v) },
      setPath: (k: string, v: string) => state.paths.set(k, v),
      getPath: (k: string) => state.paths.get(k)!,
      requestSingleInstanceLock: () => true,
      on: (ev: string, fn: (...a: unknown[]) => void) => state.appEvents.set(ev, fn),
      whenReady: () => (state.ready = Promise.resolve()),
      isReady: () => true,
      isPackaged: false,
      getAppPath: () => process.cwd(),
      getVersion: () => '0.1.0',
      quit: () => (state.quit += 1),
      exit: (code: number) => state.exits.push(code),
    },
    BrowserWindow,
    dialog: { showErrorBox: (t: string, m: string) => state.errorBoxes.push([t, m]) },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => state.ipc.set(ch, fn) },
    Menu: {
      setApplicationMenu: (m: unknown) => (state.menu = m),
      buildFromTemplate: (t: unknown) => t,
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown) => state.schemes.push(s),
      handle: (_s: string, fn: (req: { url: string }) => Response) => (state.protocolHandler = fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof state.permissionRequest) =>
          (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof state.permissionCheck) =>
          (state.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: typeof state.headers) => (state.headers = fn) },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    safeStorage: { isEncryptionAvailable: () => false, decryptString: () => '' },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;
let appData = '';

beforeAll(async () => {
  appData = tempDir('vagt-electron-');
  state.paths.set('appData', appData);
  await import('./main');
  await state.ready;
  // start() runs after whenReady; let it finish loading the window.
  for (let i = 0; i < 50 && !state.windows[0]?.url; i++)
    await new Promise((r) => setTimeout(r, 20));
});

describe('Electron shell (main.ts)', () => {
  it('keeps its data in userData/Vagtkonsol, locked to this process, private to the user', () => {
    const dataDir = path.join(appData, 'Vagtkonsol');
    expect(state.paths.get('userData')).toBe(dataDir);
    expect(fs.existsSync(path.join(dataDir, 'vagtkonsol.db'))).toBe(true);
    expect(readOwner(dataDir)).toMatchObject({ pid: process.pid, mode: 'electron' });
    expect(() => acquireDataLock(dataDir)).toThrow(/in use/);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, 'vagtkonsol.db')).mode & 0o777).toBe(0o600);
  });

  it('starts the window with Danish as its language (issue 16)', () => {
    expect(state.switches.get('lang')).toBe('da');
  });

  it('opens one locked-down window on the app:// origin', () => {
    expect(state.windows).toHaveLength(1);
    const w = state.windows[0]!;
    expect(w.url).toBe('app://vagt/index.html');
    expect(w.opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(String((w.opts.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(state.schemes).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
  });

  it('denies permissions, navigation away and new windows', () => {
    let granted: boolean | null = null;
    state.permissionRequest!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(state.permissionCheck!()).toBe(false);
    const on = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    state.appEvents.get('web-contents-created')!(
      {},
      {
        on: (ev: string, fn: (e: { preventDefault(): void }, url?: string) => void) =>
          on.set(ev, fn),
        setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      },
    );
    const prevented = (ev: string, url?: string) => {
      let p = false;
      on.get(ev)!({ preventDefault: () => (p = true) }, url);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented('will-navigate', 'app://vagt/shift')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('adds the CSP to every response and serves the renderer with security headers', async () => {
    let out: { responseHeaders: Record<string, string[]> } | null = null;
    state.headers!({ responseHeaders: {} }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CSP]);
    const stub = state.protocolHandler!({ url: 'app://vagt/vagt-bridge.js' });
    expect(stub.headers.get('content-security-policy')).toBe(CSP);
    expect(await stub.text()).toMatch(/preload/);
    expect(state.protocolHandler!({ url: 'app://other/index.html' }).status).toBe(404);
  });

  it('answers IPC through the dispatcher, only from the app page', async () => {
    const handle = state.ipc.get(IPC_INVOKE_CHANNEL)!;
    const frame = { url: 'app://vagt/index.html' };
    const ok = (await handle(
      { senderFrame: frame, sender: { mainFrame: frame } },
      'setup.status',
      {},
    )) as {
      ok: boolean;
      value: { mode: string };
    };
    expect(ok).toMatchObject({ ok: true, value: { mode: 'electron' } });
    const bad = await handle(
      { senderFrame: { url: 'app://vagt/index.html' }, sender: { mainFrame: frame } },
      'setup.status',
      {},
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const foreign = { url: 'https://example.org/' };
    expect(
      await handle({ senderFrame: foreign, sender: { mainFrame: foreign } }, 'setup.status', {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await handle({ senderFrame: frame, sender: { mainFrame: frame } }, 'setup.loadDemo', {
        x: 1,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('has a Danish menu with a Reload item that reloads the console', () => {
    const menu = state.menu as Array<{ label?: string; submenu?: Array<Record<string, unknown>> }>;
    expect(menu.map((m) => m.label)).toEqual(['Filer', 'Rediger', 'Vis']);
    const reload = menu[0]!.submenu!.find((i) => i.label === 'Genindlæs konsollen')!;
    expect(reload.accelerator).toBe('CmdOrCtrl+R');
    const w = state.windows[0]!.win;
    (reload.click as () => void)();
    expect(w.reloads).toBe(1);
  });

  it('reloads a crashed or hung console, not a cleanly closed one', () => {
    const w = state.windows[0]!.win;
    const before = w.reloads;
    w.events.get('wc:render-process-gone')!({}, { reason: 'crashed' });
    w.events.get('wc:render-process-gone')!({}, { reason: 'clean-exit' });
    w.events.get('unresponsive')!();
    expect(w.reloads - before).toBe(2);
  });

  it('a second launch focuses the window, or makes a new one when it was closed', () => {
    const w = state.windows[0]!.win;
    state.appEvents.get('second-instance')!();
    expect(w.focused).toBe(1);
    expect(state.windows).toHaveLength(1);
    w.destroyed = true;
    w.events.get('closed')!();
    state.appEvents.get('second-instance')!();
    expect(state.windows).toHaveLength(2);
    expect(state.windows[1]!.url).toBe('app://vagt/index.html');
  });

  it('closes the database and releases the data lock on quit', async () => {
    let prevented = false;
    state.appEvents.get('will-quit')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    for (let i = 0; i < 50 && state.quit === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(state.quit).toBe(1);
    const dataDir = path.join(appData, 'Vagtkonsol');
    expect(readOwner(dataDir)).toBeNull();
    acquireDataLock(dataDir).release();
    expect(state.exits).toEqual([]);
  });
});
