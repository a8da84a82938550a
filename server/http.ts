// The sync server's HTTP layer (Node http, no framework): auth, body limits, routing, errors,
// and the request log. Endpoints follow docs/sync-protocol.md exactly.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import {
  loadQuerySchema,
  MAX_PUSH_BYTES,
  MAX_PUSH_ITEMS,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pushRequestSchema,
} from '../shared/sync/protocol';
import type { Contact } from '../shared/contract/models';
import { deviceForToken } from './auth';
import { ClaimRouteError, claimsRoute } from './claims-http';
import type { Device } from './auth';
import { computeLoad, hourRange } from './load';
import { auditAnswer, AuditQueryError } from './audit-route';
import { rosterChangeAnswer, RosterChangeError } from './roster-route';
import { jsonLineLogger } from './log';
import type { RequestLogger } from './log';
import { BadCursorError, createPull } from './pull';
import { createPush } from './push';
import { doctorNames } from './reference';
import { openStorage } from './store/open';
import type { Storage } from './store/types';
import { StorageUnavailableError } from './store/types';

export interface ServerOptions {
  /** The SQLite data folder (the default backend). */
  dataDir?: string;
  /** A postgresql:// URL: use PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
  /** PostgreSQL connections in this process's pool. */
  poolSize?: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  poolTimeoutMs?: number;
  /** An already opened storage (tests, several servers on one database in one process). */
  storage?: Storage;
  /** Simultaneous connections this process accepts; more are refused at once. */
  maxConnections?: number;
  /** Time for a request's headers (default HEADERS_TIMEOUT_MS) and whole request. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  port?: number;
  host?: string;
  allowRemote?: boolean;
  log?: RequestLogger;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  store: Storage;
  close(): Promise<void>;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const MAX_LOAD_RANGE_MS = 93 * 86_400_000;
/** Seconds a client is told to wait while the database is away. */
export const RETRY_AFTER_S = 2;
/** Slowloris bounds: all headers within 10 s, a whole request (a 1 MiB push on a slow line) within 60 s. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 60_000;
export const MAX_CONNECTIONS = 512;

/** An ISO instant that names a real moment: Date.parse rolls 2025-02-30 over to 2 March. */
export function realInstant(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
  return (
    probe.getUTCFullYear() === y &&
    probe.getUTCMonth() === mo - 1 &&
    probe.getUTCDate() === d &&
    probe.getUTCHours() === h &&
    probe.getUTCMinutes() === mi &&
    Number.isFinite(Date.parse(text))
  );
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(h) : null;
  return m ? m[1]! : null;
}

/** Reads the body up to MAX_PUSH_BYTES; beyond that it is drained and answered with 413. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // An oversized body is still drained before answering, so the client reads the 413
    // instead of a connection reset in the middle of its upload.
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > MAX_PUSH_BYTES;
    req.on('data', (chunk: Buffer) => {
      if (over) {
        // Draining has a bound too: past 16 MiB the sender is not a sync client.
        size += chunk.length;
        if (size > 16 * MAX_PUSH_BYTES) req.socket.destroy();
        return;
      }
      size += chunk.length;
      if (size > MAX_PUSH_BYTES) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      over
        ? reject(new HttpError(413, 'TOO_LARGE', `body over ${MAX_PUSH_BYTES} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    throw new Error(`refusing to bind non-loopback address ${host} without --allow-remote`);
  }
  const owned = !opts.storage;
  const store = opts.storage ?? (await openStorage(opts));
  const push = createPush(store);
  const pull = createPull(store);
  const log = opts.log ?? jsonLineLogger();

  async function route(req: IncomingMessage, url: URL, device: Device | null): Promise<string> {
    const path = url.pathname;
    if (path === '/v1/health') {
      if (req.method !== 'GET') throw new HttpError(405, 'METHOD', 'use GET');
      return JSON.stringify({ ok: true, protocol: PROTOCOL_VERSION, version: VERSION });
    }
    if (!device) throw new HttpError(401, 'UNAUTHORIZED', 'missing, unknown or revoked token');
    if (path === '/v1/push') {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD', 'use POST');
      const raw = await readBody(req);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'body is not JSON');
      }
      const items = (json as { items?: unknown })?.items;
      if (Array.isArray(items) && items.length > MAX_PUSH_ITEMS) {
        throw new HttpError(413, 'TOO_MANY_ITEMS', `more than ${MAX_PUSH_ITEMS} items`);
      }
      const parsed = pushRequestSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, 'BAD_REQUEST', `${issue?.path.join('.')}: ${issue?.message}`);
      }
      const results = await push(device, parsed.data.items);
      return JSON.stringify({ results, serverTime: new Date().toISOString() });
    }
    if (path === '/v1/pull') {
      if (req.method !== 'GET') throw new HttpError(405, 'METHOD', 'use GET');
      const q = pullQuerySchema.safeParse({
        since: url.searchParams.get('since') ?? undefined,
        limit: url.searchParams.get('limit') ?? undefined,
      });
      if (!q.success) throw new HttpError(400, 'BAD_REQUEST', 'bad since or limit');
      try {
        return await pull(device, q.data.since, q.data.limit);
      } catch (e) {
        if (e instanceof BadCursorError) throw new HttpError(400, 'BAD_CURSOR', e.message);
        throw e;
      }
    }
    if (path === '/v1/load') {
      if (req.method !== 'GET') throw new HttpError(405, 'METHOD', 'use GET');
      if (device.role !== 'supervisor') throw new HttpError(403, 'FORBIDDEN', 'supervisors only');
      const q = loadQuerySchema.safeParse({
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
      });
      if (
        !q.success ||
        !realInstant(q.data.from) ||
        !realInstant(q.data.to) ||
        Date.parse(q.data.from) > Date.parse(q.data.to)
      ) {
        throw new HttpError(400, 'BAD_REQUEST', 'from and to must be ISO instants, from ≤ to');
      }
      // The report is built in memory: a bounded range keeps one request from taking the server.
      if (Date.parse(q.data.to) - Date.parse(q.data.from) > MAX_LOAD_RANGE_MS) {
        throw new HttpError(400, 'BAD_REQUEST', 'range longer than 93 days');
      }
      // A contact answered up to a day before the range may still talk (or video) into it.
      const { fromMs, toMs } = hourRange(q.data.from, q.data.to);
      const since = new Date(fromMs - 86_400_000).toISOString();
      const rows = await store.load.contactsAnswered(since, new Date(toMs).toISOString());
      const contacts = rows.map((p) => JSON.parse(p) as Contact);
      return JSON.stringify(
        computeLoad(contacts, await doctorNames(store), q.data.from, q.data.to),
      );
    }
    // Claims (R-CLAIM-5): server/claims-http.ts.
    const claims = await claimsRoute(store, req.method, path, () => readBody(req), device).catch(
      (e: unknown) => {
        if (e instanceof ClaimRouteError) throw new HttpError(e.status, e.code, e.message);
        throw e;
      },
    );
    if (claims !== null) return claims;
    if (path === '/v1/roster') {
      if (req.method !== 'POST') throw new HttpError(405, 'METHOD', 'use POST');
      if (device.role !== 'supervisor') throw new HttpError(403, 'FORBIDDEN', 'supervisors only');
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readBody(req)));
      } catch {
        throw new HttpError(400, 'BAD_REQUEST', 'body is not JSON');
      }
      try {
        return JSON.stringify(await rosterChangeAnswer(store, device, json));
      } catch (e) {
        if (e instanceof RosterChangeError) throw new HttpError(400, e.code, e.message);
        throw e;
      }
    }
    if (path === '/v1/audit') {
      if (req.method !== 'GET') throw new HttpError(405, 'METHOD', 'use GET');
      if (device.role !== 'supervisor') throw new HttpError(403, 'FORBIDDEN', 'supervisors only');
      try {
        return JSON.stringify(
          await auditAnswer(store, url.searchParams.get('from'), url.searchParams.get('to')),
        );
      } catch (e) {
        if (e instanceof AuditQueryError) throw new HttpError(400, 'BAD_REQUEST', e.message);
        throw e;
      }
    }
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  }

  // Timeouts are checked every second (Node's default is every 30 s).
  const server: Server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
    const started = performance.now();
    let path = '/';
    let device: Device | null = null;
    const finish = (status: number, body: string, error?: string) => {
      send(res, status, body);
      const entry = {
        method: req.method ?? '?',
        path,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        deviceId: device?.id ?? null,
      };
      log(error ? { ...entry, error } : entry);
    };
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://x');
        path = url.pathname;
        device = await deviceForToken(store, bearer(req));
        finish(200, await route(req, url, device));
      } catch (e) {
        if (e instanceof StorageUnavailableError) {
          // The database is restarting, failing over or every pooled connection is busy: the
          // client keeps its items and retries; nothing was stored by this request.
          res.setHeader('retry-after', String(RETRY_AFTER_S));
          finish(503, errorBody('UNAVAILABLE', 'database unavailable, retry later'), e.message);
        } else if (e instanceof HttpError) {
          if (e.status === 413 || e.status === 401) res.setHeader('connection', 'close');
          finish(e.status, errorBody(e.code, e.message));
        } else {
          // The message of an internal error may name a column or constraint, never a payload.
          finish(500, errorBody('INTERNAL', 'internal error'), (e as Error).message);
        }
      }
    })();
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(
    server.headersTimeout,
    opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  );
  server.keepAliveTimeout = 5_000;
  server.maxConnections = opts.maxConnections ?? MAX_CONNECTIONS;
  const release = () => (owned ? store.close() : Promise.resolve());

  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      void release().finally(() => reject(e));
    });
    server.listen(opts.port ?? 8787, host, () => {
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        port,
        host,
        store,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => void release().then(done, done));
            server.closeAllConnections();
          }),
      });
    });
  });
}
