// The phone link's HTTP door (R-PHONE-1, docs/phone-link.md): POST /v1/phone/events on
// 127.0.0.1 only, the workstation's key in the Authorization header (never in the URL), JSON up
// to 16 KiB, a token-bucket rate limit. Every event is validated by the one zod schema; a bad
// one is refused and logged, and nothing a caller sends can crash the host.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { phoneEventSchema, type PhoneReply } from '../../shared/phone/events';
import type { HostContext } from '../context';
import { applyPhoneEvent, refuse } from './apply';

export const PHONE_PATH = '/v1/phone/events';
export const MAX_BODY_BYTES = 16 * 1024;

export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size (the burst allowed). */
  burst: number;
}
export const DEFAULT_RATE: RateLimit = { perSecond: 20, burst: 40 };

export interface PhoneServer {
  readonly port: number;
  readonly url: string;
  /** Requests turned away by the rate limit (not logged one by one). */
  rateLimited(): number;
  close(): Promise<void>;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function send(res: http.ServerResponse, status: number, body: unknown, extra = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function statusOf(r: PhoneReply): number {
  return r.status === 'refused' ? 409 : r.status === 'created' ? 201 : 200;
}

export function startPhoneServer(
  ctx: HostContext,
  opts: { port: number; key: () => string; rate?: RateLimit },
): Promise<PhoneServer> {
  const rate = opts.rate ?? DEFAULT_RATE;
  let tokens = rate.burst;
  let last = Date.now();
  let limited = 0;
  const take = (): boolean => {
    const t = Date.now();
    tokens = Math.min(rate.burst, tokens + ((t - last) / 1000) * rate.perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      console.error('[phone] request failed:', err);
      send(res, 500, { status: 'error' });
    }
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.on('error', () => res.destroy());
    if (!take()) {
      limited++;
      req.resume();
      send(res, 429, { status: 'rate-limited' }, { 'Retry-After': '1' });
      return;
    }
    // A query string could carry a key or personal data into logs: only the bare path is served.
    if (req.url !== PHONE_PATH) {
      req.resume();
      send(res, 404, { status: 'not-found' });
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      send(res, 405, { status: 'method-not-allowed' }, { Allow: 'POST' });
      return;
    }
    // A web page may reach loopback; a connector never sends Origin. Refuse browsers outright.
    if (req.headers.origin !== undefined) {
      req.resume();
      send(res, 403, { status: 'forbidden' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(auth);
    if (!m || !timingSafeEqual(digest(m[1]!), digest(opts.key()))) {
      req.resume();
      send(res, 401, refuse(ctx, 'UNAUTHORIZED', null));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > MAX_BODY_BYTES) {
      send(res, 413, refuse(ctx, 'TOO_LARGE', null), { Connection: 'close' });
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        send(res, 413, refuse(ctx, 'TOO_LARGE', null), { Connection: 'close' });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (over) return;
      try {
        let json: unknown;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          send(res, 400, refuse(ctx, 'MALFORMED', null));
          return;
        }
        const parsed = phoneEventSchema.safeParse(json);
        if (!parsed.success) {
          const ev = json && typeof json === 'object' ? (json as Record<string, unknown>) : null;
          send(res, 400, refuse(ctx, 'MALFORMED', ev));
          return;
        }
        const reply = applyPhoneEvent(ctx, parsed.data);
        send(res, statusOf(reply), reply);
      } catch (err) {
        console.error('[phone] event failed:', err);
        send(res, 500, { status: 'error' });
      }
    });
  }

  server.requestTimeout = 5_000;
  server.headersTimeout = 5_000;
  server.maxHeadersCount = 50;
  server.on('clientError', (_err, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (err) => console.error('[phone] server error:', err));
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}${PHONE_PATH}`,
        rateLimited: () => limited,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
