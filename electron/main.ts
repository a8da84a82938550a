// Electron shell: one locked-down window over the host. Transport only: every call goes
// through ipcMain.handle(IPC_INVOKE_CHANNEL) into the contract's dispatcher; host events go
// out on IPC_EVENT_CHANNEL. With preload.ts, the only code that sees Electron.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  safeStorage,
  shell,
  type WebContents,
} from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract/bridge';
import { clockFromEnv } from '../host/clock';
import { acquireDataLock, DataInUseError, type DataLock } from '../host/data-lock';
import { createHost, type Host } from '../host/host';
import { CSP, SECURITY_HEADERS } from '../host/shell/csp';
import { databaseErrorPage } from '../host/shell/error-page';
import { findRendererDir, readStatic } from '../host/shell/static-files';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, mainWindowOptions } from '../host/shell/window-options';

// A standard, secure scheme gives the renderer a real origin ('self' in the CSP) without file://.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Same folder as browser mode (~/.config/Vagtkonsol on Linux), whatever package.json's name is.
app.setName('Vagtkonsol');
// Danish as the window's language (issue 16); the console's date fields are its own, dd.mm.åååå.
app.commandLine.appendSwitch('lang', 'da');
app.setPath('userData', path.join(app.getPath('appData'), 'Vagtkonsol'));

let host: Host | null = null;
let lock: DataLock | null = null;
let win: BrowserWindow | null = null;

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world (e.g. the agreement text) open in the system browser.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

// In Electron the preload defines window.vagt; the page's bridge script is then a no-op.
const ELECTRON_BRIDGE_STUB = '/* window.vagt comes from the preload in Electron */\n';

function serveRenderer(dataDir: string, dbError: unknown): void {
  const root = findRendererDir();
  protocol.handle(APP_SCHEME, (req) => {
    const url = new URL(req.url);
    const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    if (url.pathname === '/vagt-bridge.js') {
      return new Response(ELECTRON_BRIDGE_STUB, {
        headers: { ...headers, 'Content-Type': 'text/javascript' },
      });
    }
    if (dbError && (url.pathname === '/' || url.pathname === '/index.html')) {
      return new Response(databaseErrorPage(dbError, dataDir), {
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
      });
    }
    const f = readStatic(root, url.pathname);
    return new Response(new Uint8Array(f.body), {
      status: f.status,
      headers: { ...headers, 'Content-Type': f.type },
    });
  });
}

function lockDown(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

function wireIpc(h: Host): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the host (not a frame or a page navigated elsewhere).
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Not from the app' } };
    }
    return h.dispatch(typeof method === 'string' ? method : '', input);
  });
  h.events.subscribe((ev) => {
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, ev);
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  try {
    lock = acquireDataLock(dataDir);
  } catch (err) {
    if (err instanceof DataInUseError) {
      dialog.showErrorBox(
        'Vagtkonsol kører allerede',
        `Datamappen ${dataDir} bruges af en anden Vagtkonsol (pid ${err.pid}).`,
      );
      app.exit(75);
      return;
    }
    throw err;
  }
  let dbError: unknown = null;
  try {
    host = createHost({
      dataDir,
      mode: 'electron',
      clock: clockFromEnv(process.env, app.isPackaged),
      version: app.getVersion(),
      decryptSyncToken: safeStorage.isEncryptionAvailable()
        ? (c) => safeStorage.decryptString(c)
        : undefined,
      encryptSyncToken: safeStorage.isEncryptionAvailable()
        ? (s) => safeStorage.encryptString(s)
        : undefined,
    });
    wireIpc(host);
  } catch (err) {
    dbError = err;
  }
  lockDown();
  serveRenderer(dataDir, dbError);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      {
        label: 'Vis',
        submenu: [
          { role: 'resetZoom' },
          { role: 'zoomIn' },
          { role: 'zoomOut' },
          { role: 'togglefullscreen' },
        ],
      },
    ]),
  );
  win = new BrowserWindow(
    mainWindowOptions(path.join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged }),
  );
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => {
    win = null;
  });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => harden(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (e) => {
    if (!host && !lock) return;
    // Let the sync loop stop and the database close before the process ends.
    e.preventDefault();
    const h = host;
    host = null;
    void (h?.shutdown() ?? Promise.resolve()).finally(() => {
      lock?.release();
      lock = null;
      app.quit();
    });
  });
  app.whenReady().then(start, (err: unknown) => {
    dialog.showErrorBox('Vagtkonsol kunne ikke starte', String(err));
    app.exit(1);
  });
}
