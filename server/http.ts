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
import type { Device } from './auth';
import { openServerDb } from './db';
import type { Db } from './db';
import { computeLoad, hourRange } from './load';
import { jsonLineLogger } from './log';
import type { RequestLogger } from './log';
import { BadCursorError, createPull } from './pull';
import { createPush } from './push';
import { doctorNames } from './reference';

export interface ServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  allowRemote?: boolean;
  log?: RequestLogger;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  db: Db;
  close(): Promise<void>;
}

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const MAX_LOAD_RANGE_MS = 93 * 86_400_000;

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

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !opts.allowRemote) {
    return Promise.reject(
      new Error(`refusing to bind non-loopback address ${host} without --allow-remote`),
    );
  }
  const db = openServerDb(opts.dataDir);
  const push = createPush(db);
  const pull = createPull(db);
  const log = opts.log ?? jsonLineLogger();
  const contactsFrom = db.prepare(
    `SELECT i.payload FROM contacts_latest c JOIN items i ON i.seq = c.seq
     WHERE c.answered_at >= ? AND c.answered_at < ? AND c.status != 'voided'`,
  );

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
      const results = push(device, parsed.data.items);
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
        return pull(device, q.data.since, q.data.limit);
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
      if (!q.success || q.data.from > q.data.to) {
        throw new HttpError(400, 'BAD_REQUEST', 'from and to must be ISO instants, from ≤ to');
      }
      // The report is built in memory: a bounded range keeps one request from taking the server.
      if (Date.parse(q.data.to) - Date.parse(q.data.from) > MAX_LOAD_RANGE_MS) {
        throw new HttpError(400, 'BAD_REQUEST', 'range longer than 93 days');
      }
      // A contact answered up to a day before the range may still talk (or video) into it.
      const { fromMs, toMs } = hourRange(q.data.from, q.data.to);
      const since = new Date(fromMs - 86_400_000).toISOString();
      const rows = contactsFrom.all(since, new Date(toMs).toISOString()) as { payload: string }[];
      const contacts = rows.map((r) => JSON.parse(r.payload) as Contact);
      return JSON.stringify(computeLoad(contacts, doctorNames(db), q.data.from, q.data.to));
    }
    throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
  }

  const server: Server = createServer((req, res) => {
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
        device = deviceForToken(db, bearer(req));
        finish(200, await route(req, url, device));
      } catch (e) {
        if (e instanceof HttpError) {
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

  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      db.close();
      reject(e);
    });
    server.listen(opts.port ?? 8787, host, () => {
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}`,
        port,
        host,
        db,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              db.close();
              done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
