// Who may talk to the browser-mode host: only this machine (loopback), only pages of this very
// origin (Host and Origin checks stop DNS rebinding and cross-site requests), and only with
// this launch's token (another local user's process cannot read it).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Refusal = { status: number; code: 'FORBIDDEN'; message: string } | null;

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkOrigin(req: IncomingMessage, port: number): Refusal {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
    return { status: 403, code: 'FORBIDDEN', message: 'Only this computer may connect' };
  }
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).includes(host)) {
    return { status: 403, code: 'FORBIDDEN', message: 'Wrong Host header' };
  }
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    !allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`)
  ) {
    return { status: 403, code: 'FORBIDDEN', message: 'Wrong Origin' };
  }
  return null;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Bearer token on every call; `?token=` only where EventSource cannot set headers. */
export function checkToken(req: IncomingMessage, token: string, allowQuery: boolean): Refusal {
  const auth = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth);
  if (m && sameToken(m[1]!, token)) return null;
  if (allowQuery) {
    const q = requestUrl(req)?.searchParams.get('token');
    if (q && sameToken(q, token)) return null;
  }
  return { status: 401, code: 'FORBIDDEN', message: 'Missing or wrong launch token' };
}

/** The request target as a URL, or null when it is not an origin-form path ("/…"). */
export function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return null;
  try {
    // Prefixed, not resolved against a base: "//x" must stay a path, not become a host.
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}
