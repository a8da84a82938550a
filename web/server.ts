// Browser mode: the host's contract over HTTP on 127.0.0.1 (POST /api/<method>), host events
// as Server-Sent Events (/events), and the built renderer. One process per data folder.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH } from '../shared/contract/bridge';
import type { HostEvent } from '../shared/contract/events';
import { clockFromEnv, type Clock } from '../host/clock';
import { acquireDataLock, type DataLock } from '../host/data-lock';
import { createHost, type Host } from '../host/host';
import { SECURITY_HEADERS } from '../host/shell/csp';
import { databaseErrorPage } from '../host/shell/error-page';
import { findRendererDir, readStatic } from '../host/shell/static-files';
import { BRIDGE_SCRIPT } from './bridge-script';
import { checkOrigin, checkToken, requestUrl } from './guard';

export const BODY_LIMIT = 2 * 1024 * 1024;

export interface BrowserHostOptions {
  dataDir: string;
  /** 0 or undefined: a random free port. */
  port?: number;
  token?: string;
  open?: boolean;
  clock?: Clock;
  rendererDir?: string;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
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

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const lock: DataLock = acquireDataLock(opts.dataDir);
  let host: Host | null = null;
  let dbError: Error | null = null;
  try {
    host = createHost({
      dataDir: opts.dataDir,
      mode: 'browser',
      clock: opts.clock ?? clockFromEnv(process.env, false),
    });
  } catch (err) {
    // Shown as a page rather than a crash, so the user learns what is wrong (and where).
    dbError = err instanceof Error ? err : new Error(String(err));
  }
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const rendererDir = findRendererDir(opts.rendererDir);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const originRefusal = checkOrigin(req, port);
    if (originRefusal)
      return refuse(res, originRefusal.status, originRefusal.code, originRefusal.message);
    const url = requestUrl(req);
    if (!url) return refuse(res, 400, 'INVALID_INPUT', 'Bad request target');

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (req.method !== 'POST') return refuse(res, 405, 'FORBIDDEN', 'POST only');
      const t = checkToken(req, token, false);
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
      return sendJson(res, 200, await host.dispatch(method, input));
    }

    if (url.pathname === HTTP_EVENTS_PATH) {
      if (req.method !== 'GET') return refuse(res, 405, 'FORBIDDEN', 'GET only');
      const t = checkToken(req, token, true);
      if (t) return refuse(res, t.status, t.code, t.message);
      if (!host) return refuse(res, 503, 'INTERNAL', 'Database unavailable');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      const write = (e: HostEvent) => res.write(`data: ${JSON.stringify(e)}\n\n`);
      res.write(': connected\n\n');
      for (const e of host.events.latest()) write(e);
      const unsubscribe = host.events.subscribe(write);
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
    if (!host && (url.pathname === '/' || url.pathname === '/index.html')) {
      return send(res, 503, 'text/html; charset=utf-8', databaseErrorPage(dbError, opts.dataDir));
    }
    const f = readStatic(rendererDir, url.pathname);
    return send(res, f.status, f.type, req.method === 'HEAD' ? '' : f.body);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    host?.close();
    lock.release();
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#token=${token}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    token,
    host,
    dbError,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => {
          void (host?.shutdown() ?? Promise.resolve()).finally(() => {
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
