// Browser mode: the host's contract over HTTP on 127.0.0.1 (POST /api/<method>), host events
// as Server-Sent Events (/events), and the built renderer. One process per data folder.
// Getting in: the host writes a launch page (0600, in the 0700 data folder) holding a one-time
// code; the browser opens that file, which posts the code to /session for an HttpOnly,
// SameSite=Strict cookie. A second start asks for a new code with the launch key of the
// owner note (POST /launch-code). No secret is on a command line, in a URL or on stdout.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../shared/contract/bridge';
import type { HostEvent } from '../shared/contract/events';
import { clockFromEnv, type Clock } from '../host/clock';
import { acquireDataLock, type DataLock } from '../host/data-lock';
import { runRecovery } from '../host/db/recover';
import { createHost, DB_FILE, type Host } from '../host/host';
import { createLogger } from '../host/log';
import { SECURITY_HEADERS } from '../host/shell/csp';
import {
  databaseErrorPage,
  RECOVERY_EMPTY_PATH,
  RECOVERY_RESTORE_PATH,
  RECOVERY_SCRIPT,
  RECOVERY_SCRIPT_PATH,
} from '../host/shell/error-page';
import { findRendererDir, readStatic } from '../host/shell/static-files';
import { BRIDGE_SCRIPT } from './bridge-script';
import { checkOrigin, checkToken, requestUrl, sameSecret, sessionCookie } from './guard';
import { LAUNCH_CODE_TTL_MS, writeLaunchPage } from './launch';

export const BODY_LIMIT = 2 * 1024 * 1024;

export interface BrowserHostOptions {
  dataDir: string;
  /** 0 or undefined: a random free port. */
  port?: number;
  /** When `port` is taken, fall back to a random free port (the default port does). */
  portFallback?: boolean;
  token?: string;
  open?: boolean;
  clock?: Clock;
  rendererDir?: string;
}

export interface BrowserHost {
  /** The console's address (no secret in it). */
  readonly url: string;
  readonly port: number;
  /** The session secret (the cookie's value; Bearer for programs). Never printed. */
  readonly token: string;
  /** The launch page (file) that signs a browser in once; rewritten by newLaunchPage(). */
  readonly launchFile: string;
  /** Writes a fresh launch page with a new one-time code and returns its path. */
  newLaunchPage(): string;
  /** null when the database could not be opened (the page then shows why). */
  readonly host: Host | null;
  readonly dbError: Error | null;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': 'no-store',
    ...extra,
  };
  // A refused request's unread body would be parsed as the next request on a kept-alive
  // connection: drain it and close the connection instead.
  if (!res.req.complete) {
    headers.Connection = 'close';
    res.req.resume();
  }
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** Invalid UTF-8 is refused (400), never silently replaced (R-REC-1). */
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** A broken %-escape (`/api/%zz`) is a bad request, not an internal error. */
function decodeMethod(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  // Only token holders get here. An oversized body is drained (not reset mid-upload, which
  // the client would see as a network error instead of 413), up to a hard cap.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > BODY_LIMIT;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > BODY_LIMIT) tooLarge = true;
      if (size > 16 * BODY_LIMIT) req.destroy();
      else if (!tooLarge) chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
      if (body.length > 4096) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

const SIGNED_IN_PAGE = `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Vagtkonsol</title></head><body><p>Vagtkonsol åbnes …</p></body></html>`;
const SPENT_PAGE = `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vagtkonsol</title></head><body><main role="alert"><h1>Åbningssiden er brugt</h1><p>Hver åbningsside virker én gang og kort tid. Start Vagtkonsol igen (<code>npm start</code>) for at åbne et nyt vindue.</p></main></body></html>`;

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const lock: DataLock = acquireDataLock(opts.dataDir);
  const logger = createLogger(opts.dataDir);
  const clock = opts.clock ?? clockFromEnv(process.env, false);
  let host: Host | null = null;
  let dbError: Error | null = null;
  const openHost = () => {
    try {
      host = createHost({ dataDir: opts.dataDir, mode: 'browser', clock, logger });
      dbError = null;
    } catch (err) {
      // Shown as a page rather than a crash, so the user learns what is wrong (and where).
      dbError = err instanceof Error ? err : new Error(String(err));
      logger.error('database could not be opened', dbError);
    }
  };
  openHost();
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const launchKey = randomBytes(32).toString('base64url');
  // One-time codes: each signs one browser in, once, within LAUNCH_CODE_TTL_MS.
  const codes = new Map<string, number>();
  const rendererDir = findRendererDir(opts.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;
  const newCode = () => {
    const code = randomBytes(32).toString('base64url');
    codes.set(code, clock.now() + LAUNCH_CODE_TTL_MS);
    return code;
  };
  const newLaunchPage = () => writeLaunchPage(opts.dataDir, port, newCode());

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const isSession = url?.pathname === '/session' && req.method === 'POST';
    const originRefusal = checkOrigin(req, port, isSession);
    if (originRefusal)
      return refuse(res, originRefusal.status, originRefusal.code, originRefusal.message);
    if (!url) return refuse(res, 400, 'INVALID_INPUT', 'Bad request target');

    if (isSession) {
      const code = (await readForm(req)).get('code') ?? '';
      const until = [...codes.entries()].find(([c]) => sameSecret(code, c));
      if (until) codes.delete(until[0]);
      if (!until || until[1] < clock.now()) {
        logger.info('a launch page was used twice or too late');
        return send(res, 403, 'text/html; charset=utf-8', SPENT_PAGE);
      }
      logger.info('a browser window signed in');
      return send(res, 200, 'text/html; charset=utf-8', SIGNED_IN_PAGE, {
        'Set-Cookie': sessionCookie(port, token),
      });
    }

    if (url.pathname === '/launch-code') {
      // A second `npm start` asks for a code with the owner note's key (no browser involved).
      if (req.method !== 'POST' || req.headers.origin !== undefined)
        return refuse(res, 403, 'FORBIDDEN', 'Not for pages');
      const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
      if (!m || !sameSecret(m[1]!, launchKey))
        return refuse(res, 401, 'FORBIDDEN', 'Missing or wrong launch key');
      return sendJson(res, 200, { ok: true, launchFile: newLaunchPage() });
    }

    if (url.pathname === RECOVERY_RESTORE_PATH || url.pathname === RECOVERY_EMPTY_PATH) {
      if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'POST only');
      const t = checkToken(req, token, port);
      if (t) return refuse(res, t.status, t.code, t.message);
      if (host) return sendJson(res, 409, { ok: false, message: 'Databasen er allerede åben.' });
      const r = runRecovery(
        url.pathname === RECOVERY_RESTORE_PATH ? 'restore' : 'start-empty',
        path.join(opts.dataDir, DB_FILE),
        path.join(opts.dataDir, 'backups'),
        clock.now(),
      );
      logger.info(`recovery ${url.pathname}: ${r.ok ? 'done' : 'failed'}`);
      if (r.ok) openHost();
      return sendJson(res, r.ok && host ? 200 : 500, {
        ok: r.ok && host !== null,
        message: host ? r.message : ((dbError as Error | null)?.message ?? r.message),
      });
    }

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'POST only');
      const t = checkToken(req, token, port);
      if (t) return refuse(res, t.status, t.code, t.message);
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return refuse(res, 415, 'INVALID_INPUT', 'Content-Type must be application/json');
      }
      if (!host) return refuse(res, 503, 'INTERNAL', dbError?.message ?? 'Database unavailable');
      const body = await readBody(req);
      if (body === 'too-large') return refuse(res, 413, 'INVALID_INPUT', 'Body too large');
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(utf8Strict.decode(body));
      } catch {
        return refuse(res, 400, 'INVALID_INPUT', 'Body is not JSON');
      }
      const method = decodeMethod(url.pathname.slice(HTTP_API_PREFIX.length));
      if (method === null) return refuse(res, 400, 'UNKNOWN_METHOD', 'Bad method name');
      const h: Host = host;
      return sendJson(res, 200, await h.dispatch(method, input));
    }

    if (url.pathname === HTTP_EVENTS_PATH) {
      if (req.method !== 'GET') return refuse(res, 405, 'FORBIDDEN', 'GET only');
      const t = checkToken(req, token, port);
      if (t) return refuse(res, t.status, t.code, t.message);
      if (!host) return refuse(res, 503, 'INTERNAL', 'Database unavailable');
      const h: Host = host;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      const write = (e: HostEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
      res.write(': connected\n\n');
      for (const e of h.events.latest()) write(e);
      const unsubscribe = h.events.subscribe(write);
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      streams.add(res);
      req.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        streams.delete(res);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, 'FORBIDDEN', 'Method not allowed');
    if (url.pathname === '/vagt-bridge.js')
      return send(res, 200, 'text/javascript; charset=utf-8', BRIDGE_SCRIPT);
    if (url.pathname === RECOVERY_SCRIPT_PATH)
      return send(res, 200, 'text/javascript; charset=utf-8', RECOVERY_SCRIPT);
    if (!host && (url.pathname === '/' || url.pathname === '/index.html')) {
      return send(
        res,
        503,
        'text/html; charset=utf-8',
        databaseErrorPage(dbError, opts.dataDir, { logFile: logger.file }),
      );
    }
    const f = readStatic(rendererDir, url.pathname);
    return send(res, f.status, f.type, req.method === 'HEAD' ? '' : f.body);
  }

  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    try {
      await listen(opts.port ?? 0);
    } catch (err) {
      if (!opts.portFallback || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await listen(0);
    }
  } catch (err) {
    (host as Host | null)?.close();
    lock.release();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  let launchFile: string;
  try {
    launchFile = newLaunchPage();
  } catch (err) {
    // E.g. a full disk: without a launch page nobody can sign in, so stop and say why.
    server.close();
    (host as Host | null)?.close();
    lock.release();
    throw err;
  }
  lock.setOwner({ mode: 'browser', port, launchKey });
  logger.info(`browser mode started on port ${port}`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    token,
    launchFile,
    newLaunchPage,
    get host() {
      return host;
    },
    get dbError() {
      return dbError;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => {
          void ((host as Host | null)?.shutdown() ?? Promise.resolve()).finally(() => {
            lock.release();
            resolve();
          });
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
