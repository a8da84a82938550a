// Who may talk to the browser-mode host: only this machine (loopback), only pages of this very
// origin (Host and Origin checks stop DNS rebinding and cross-site requests), and only with
// this launch's session: an HttpOnly, SameSite=Strict cookie that the page got by exchanging
// a one-time launch code (POST /session), or the same secret as a Bearer header for programs.
// The secret is never on a command line, in a URL, on stdout or in the log.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Refusal = { status: number; code: 'FORBIDDEN'; message: string } | null;

const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * `allowNullOrigin`: only for POST /session, which the launch page (a local file, origin
 * "null") posts its one-time code to; everything else needs this origin or none.
 */
export function checkOrigin(req: IncomingMessage, port: number, allowNullOrigin = false): Refusal {
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
    !(allowNullOrigin && origin === 'null') &&
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

/** The session cookie's name; per port, since cookies are shared by every port of a host. */
export function sessionCookieName(port: number): string {
  return `vagt_session_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** The session cookie (pages) or a Bearer header (programs and tests) on every call. */
export function checkToken(req: IncomingMessage, token: string, port: number): Refusal {
  const auth = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]+)$/.exec(auth);
  if (m && sameToken(m[1]!, token)) return null;
  const c = cookieValue(req, sessionCookieName(port));
  if (c && sameToken(c, token)) return null;
  return { status: 401, code: 'FORBIDDEN', message: 'Missing or wrong session' };
}

/** Constant-time comparison for the launch code and launch key. */
export function sameSecret(given: string, secret: string): boolean {
  return sameToken(given, secret);
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
