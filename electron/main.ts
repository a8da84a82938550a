// Electron shell: one locked-down window over the host. Transport only: every call goes
// through ipcMain.handle(IPC_INVOKE_CHANNEL) into the contract's dispatcher; host events go
// out on IPC_EVENT_CHANNEL. With preload.ts, the only code that sees Electron.
// Never a zombie: a failed start shows a dialog and quits; a second launch focuses or
// recreates the window; a crashed or hung page is reloaded.
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
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/contract/bridge';
import { clockFromEnv } from '../host/clock';
import { acquireDataLock, DataInUseError, type DataLock } from '../host/data-lock';
import { currentRuntime, nativeBindingFor } from '../host/db/native';
import { runRecovery } from '../host/db/recover';
import { createHost, DB_FILE, type Host } from '../host/host';
import { createLogger, type Logger } from '../host/log';
import { privateUmask } from '../host/private-files';
import { CSP, SECURITY_HEADERS } from '../host/shell/csp';
import {
  databaseErrorPage,
  RECOVERY_EMPTY_PATH,
  RECOVERY_RESTORE_PATH,
  RECOVERY_SCRIPT,
  RECOVERY_SCRIPT_PATH,
} from '../host/shell/error-page';
import { appMenuTemplate, type MenuItemSpec } from '../host/shell/menu';
import { sealEnvironment } from '../host/shell/seal';
import { findRendererDir, readStatic } from '../host/shell/static-files';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, mainWindowOptions } from '../host/shell/window-options';

// Before anything reads the environment: a packaged app takes no development override.
sealEnvironment(process.env, app.isPackaged);
privateUmask();

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
let dbError: unknown = null;
let logger: Logger | null = null;
let ipcWired = false;
let nativeBinding: string | undefined;

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

function dataDir(): string {
  return app.getPath('userData');
}

/** Opens the host (or records why not); wires IPC the first time it opens. */
function openHost(): void {
  try {
    host = createHost({
      dataDir: dataDir(),
      mode: 'electron',
      clock: clockFromEnv(process.env, app.isPackaged),
      version: app.getVersion(),
      nativeBinding,
      logger: logger ?? undefined,
      // Packaged: the migrations inside the app, never one found from the working directory.
      migrationsDir: app.isPackaged ? path.join(app.getAppPath(), 'migrations') : undefined,
      decryptSyncToken: safeStorage.isEncryptionAvailable()
        ? (c) => safeStorage.decryptString(c)
        : undefined,
      encryptSyncToken: safeStorage.isEncryptionAvailable()
        ? (s) => safeStorage.encryptString(s)
        : undefined,
    });
    dbError = null;
    host.events.subscribe((ev) => {
      if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, ev);
    });
    if (!ipcWired) {
      ipcWired = true;
      wireIpc();
    }
  } catch (err) {
    dbError = err;
    logger?.error('database could not be opened', err);
  }
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function serveRenderer(): void {
  const root = findRendererDir(app.isPackaged ? path.join(__dirname, '..', 'renderer') : undefined);
  protocol.handle(APP_SCHEME, (req) => {
    const url = new URL(req.url);
    const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    if (url.pathname === RECOVERY_RESTORE_PATH || url.pathname === RECOVERY_EMPTY_PATH) {
      if (req.method !== 'POST' || host)
        return json({ ok: false, message: 'Ikke muligt nu.' }, 409);
      const r = runRecovery(
        url.pathname === RECOVERY_RESTORE_PATH ? 'restore' : 'start-empty',
        path.join(dataDir(), DB_FILE),
        path.join(dataDir(), 'backups'),
        Date.now(),
        nativeBinding,
      );
      logger?.info(`recovery ${url.pathname}: ${r.ok ? 'done' : 'failed'}`);
      if (r.ok) openHost();
      return json({ ok: r.ok && host !== null, message: r.message }, r.ok && host ? 200 : 500);
    }
    if (url.pathname === '/vagt-bridge.js') {
      return new Response(ELECTRON_BRIDGE_STUB, {
        headers: { ...headers, 'Content-Type': 'text/javascript' },
      });
    }
    if (url.pathname === RECOVERY_SCRIPT_PATH) {
      return new Response(RECOVERY_SCRIPT, {
        headers: { ...headers, 'Content-Type': 'text/javascript' },
      });
    }
    if (dbError && (url.pathname === '/' || url.pathname === '/index.html')) {
      return new Response(databaseErrorPage(dbError, dataDir(), { logFile: logger?.file }), {
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

function wireIpc(): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the host (not a frame or a page navigated elsewhere).
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Not from the app' } };
    }
    if (!host) return { ok: false, error: { code: 'INTERNAL', message: 'Database unavailable' } };
    return host.dispatch(typeof method === 'string' ? method : '', input);
  });
}

function toElectronMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((i) => {
    const out: MenuItemConstructorOptions = {};
    if (i.label) out.label = i.label;
    if (i.role) out.role = i.role as MenuItemConstructorOptions['role'];
    if (i.accelerator) out.accelerator = i.accelerator;
    if (i.type) out.type = i.type;
    if (i.submenu) out.submenu = toElectronMenu(i.submenu);
    if (i.command === 'reload') out.click = () => reloadConsole('menu');
    return out;
  });
}

/** Reloads the console; drafts live in the host (autosave), so nothing typed is lost. */
function reloadConsole(why: string): void {
  logger?.info(`console reloaded (${why})`);
  if (win && !win.isDestroyed()) win.webContents.reload();
  else createWindow();
}

function createWindow(): void {
  const w = new BrowserWindow(
    mainWindowOptions(path.join(__dirname, 'preload.cjs'), { devTools: !app.isPackaged }),
  );
  win = w;
  w.once('ready-to-show', () => w.show());
  w.on('closed', () => {
    if (win === w) win = null;
  });
  w.on('unresponsive', () => reloadConsole('unresponsive'));
  // Windows ends the session (log-off, shut-down) without a normal quit: close the database
  // and release the lock now. (The lock is the OS's, so even a hard stop leaves none behind.)
  w.on('session-end', () => closeNow());
  w.webContents.on('render-process-gone', (_e, details) => {
    if (details.reason !== 'clean-exit') reloadConsole(`render process ${details.reason}`);
  });
  void w.loadURL(`${APP_ORIGIN}/index.html`).catch((err: unknown) => {
    logger?.error('window failed to load', err);
  });
}

/** A second launch (or macOS dock click): show the window we have, or make a new one. */
function showWindow(): void {
  if (!win || win.isDestroyed()) {
    createWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Closes at once, without awaiting the sync loop: the session is ending now. */
function closeNow(): void {
  const h = host;
  host = null;
  try {
    h?.close();
  } finally {
    lock?.release();
    lock = null;
  }
}

async function start(): Promise<void> {
  const dir = dataDir();
  logger = createLogger(dir);
  logger.info(`Electron shell ${app.getVersion()} starting`);
  try {
    nativeBinding = nativeBindingFor(currentRuntime(), {
      appRoot: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      packaged: app.isPackaged,
    });
    lock = acquireDataLock(dir, { nativeBinding });
    lock.setOwner({ mode: 'electron' });
  } catch (err) {
    if (err instanceof DataInUseError) {
      dialog.showErrorBox(
        'Vagtkonsol kører allerede',
        err.owner?.mode === 'browser'
          ? `Datamappen ${dir} bruges af Vagtkonsol i browsertilstand (http://127.0.0.1:${err.owner.port}/). Luk den først, eller brug den.`
          : `Datamappen ${dir} bruges af en anden Vagtkonsol${err.pid ? ` (pid ${err.pid})` : ''}.`,
      );
      app.exit(75);
      return;
    }
    // The native module or the folder itself fails: show why on the error page, no lock.
    dbError = err;
    logger.error('data lock could not be taken', err);
  }
  if (lock) openHost();
  lockDown();
  serveRenderer();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(toElectronMenu(appMenuTemplate(process.platform))),
  );
  createWindow();
}

function failedStart(err: unknown): void {
  logger?.error('start failed', err);
  try {
    closeNow();
  } catch {
    // Quitting anyway.
  }
  dialog.showErrorBox(
    'Vagtkonsol kunne ikke starte',
    `${err instanceof Error ? err.message : String(err)}${logger ? `\n\nLogfil: ${logger.file}` : ''}`,
  );
  // exit, not quit: no will-quit handler may keep a windowless process (and its locks) alive.
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady()) showWindow();
  });
  app.on('activate', () => {
    if (app.isReady()) showWindow();
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
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => failedStart(err));
}
