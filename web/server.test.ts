import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../host/testing';
import { DataInUseError, readOwner } from '../host/data-lock';
import { DB_FILE } from '../host/host';
import { startBrowserHost, type BrowserHost } from './server';
import { DEFAULT_PORT, parseBrowserArgs, UsageError } from './args';
import { requestLaunchPage } from './launch';

/** Raw request so Host and Origin can be set freely (fetch would not let us). */
function request(
  port: number,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    hostAddr?: string;
  },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: opts.hostAddr ?? '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

let bh: BrowserHost;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('vagt-browser-');
  bh = await startBrowserHost({ dataDir, port: 0, open: false });
});
afterAll(async () => {
  await bh.close();
});

function api(method: string, headers: Record<string, string> = {}, body = '{}') {
  return request(bh.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      Host: `127.0.0.1:${bh.port}`,
      'Content-Type': 'application/json',
      Authorization: `Bearer ${bh.token}`,
      ...headers,
    },
    body,
  });
}

describe('browser mode host', () => {
  it('listens on 127.0.0.1 only, with an address that carries no secret', async () => {
    expect(bh.url).toBe(`http://127.0.0.1:${bh.port}/`);
    expect(bh.token.length).toBeGreaterThanOrEqual(40);
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (other) {
      await expect(request(bh.port, { path: '/', hostAddr: other.address })).rejects.toThrow(
        /ECONNREFUSED/,
      );
    }
    await expect(request(bh.port, { path: '/', hostAddr: '::1' })).rejects.toThrow();
  });

  it('answers contract calls with the right token', async () => {
    const r = await api('setup.status');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({
      ok: true,
      value: { mode: 'browser', hasDoctors: false },
    });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    const bad = await api('no.such.method');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('rejects calls without the token or with a wrong one', async () => {
    const none = await api('setup.status', { Authorization: '' });
    expect(none.status).toBe(401);
    const wrong = await api('setup.status', { Authorization: `Bearer ${bh.token.slice(0, -2)}xx` });
    expect(wrong.status).toBe(401);
    // A token in the query string is never accepted (URLs end up in logs and history).
    const q = await request(bh.port, {
      method: 'POST',
      path: `/api/setup.status?token=${bh.token}`,
      headers: { Host: `127.0.0.1:${bh.port}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(q.status).toBe(401);
  });

  it('rejects a wrong Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await api('setup.status', { Host: `evil.example:${bh.port}` })).status).toBe(403);
    expect((await api('setup.status', { Host: `127.0.0.1:${bh.port + 1}` })).status).toBe(403);
    expect((await api('setup.status', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('setup.status', { Origin: `http://localhost:${bh.port}` })).status).toBe(200);
    expect((await api('setup.status', { Host: `localhost:${bh.port}` })).status).toBe(200);
  });

  it('limits bodies and wants JSON', async () => {
    expect((await api('rules.import', {}, 'x'.repeat(3 * 1024 * 1024))).status).toBe(413);
    expect((await api('setup.status', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await api('setup.status', {}, '{not json')).status).toBe(400);
  });

  it('serves the bridge script and streams host events to a token holder', async () => {
    const js = await request(bh.port, {
      path: '/vagt-bridge.js',
      headers: { Host: `127.0.0.1:${bh.port}` },
    });
    expect(js.body).toContain("mode: 'browser'");
    expect(
      (await request(bh.port, { path: '/events', headers: { Host: `127.0.0.1:${bh.port}` } }))
        .status,
    ).toBe(401);
    expect(
      (
        await request(bh.port, {
          path: `/events?token=${bh.token}`,
          headers: { Host: `127.0.0.1:${bh.port}` },
        })
      ).status,
    ).toBe(401);
    const got = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: bh.port,
          path: '/events',
          headers: { Host: `127.0.0.1:${bh.port}`, Cookie: `vagt_session_${bh.port}=${bh.token}` },
        },
        (res) => {
          expect(res.headers['content-type']).toMatch(/text\/event-stream/);
          let buf = '';
          res.on('data', (c) => {
            buf += c;
            if (buf.includes('"type":"roster"')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', reject);
      setTimeout(
        () =>
          void api(
            'setup.createFirstSupervisor',
            {},
            JSON.stringify({ name: 'S', authId: 'S1', pin: '1234' }),
          ),
        100,
      );
    });
    expect(got).toContain('data: {"type":"roster"}');
  });

  it('refuses a second host on the same data folder', async () => {
    await expect(startBrowserHost({ dataDir, port: 0, open: false })).rejects.toBeInstanceOf(
      DataInUseError,
    );
  });
});

describe('browser mode sign-in (launch page, one-time code, HttpOnly cookie)', () => {
  function postSession(code: string, origin = 'null') {
    return request(bh.port, {
      method: 'POST',
      path: '/session',
      headers: {
        Host: `127.0.0.1:${bh.port}`,
        Origin: origin,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: `code=${encodeURIComponent(code)}`,
    });
  }
  const codeOf = (file: string) =>
    /name="code" value="([A-Za-z0-9_-]+)"/.exec(fs.readFileSync(file, 'utf8'))![1]!;

  it('writes a private launch page whose code signs in once, for an HttpOnly SameSite=Strict cookie', async () => {
    const file = bh.newLaunchPage();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain(`action="http://127.0.0.1:${bh.port}/session"`);
    expect(html).not.toContain(bh.token);
    const code = codeOf(file);
    const first = await postSession(code);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain(`vagt_session_${bh.port}=${bh.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(first.body).toContain('url=/');
    // Spent: a second use (or a guessed code) gets no cookie.
    const again = await postSession(code);
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await postSession('x'.repeat(43))).status).toBe(403);
    // The cookie opens the API.
    const r = await api('setup.status', {
      Authorization: '',
      Cookie: `vagt_session_${bh.port}=${bh.token}`,
    });
    expect(r.status).toBe(200);
  });

  it('accepts origin "null" only on /session, and a foreign origin nowhere', async () => {
    expect((await postSession(codeOf(bh.newLaunchPage()), 'http://evil.example')).status).toBe(403);
    expect((await api('setup.status', { Origin: 'null' })).status).toBe(403);
  });

  it("gives a second start a fresh launch page for the owner note's key, and nobody else", async () => {
    const owner = readOwner(dataDir)!;
    expect(owner).toMatchObject({ pid: process.pid, mode: 'browser', port: bh.port });
    expect(fs.statSync(path.join(dataDir, 'vagtkonsol.owner.json')).mode & 0o777).toBe(0o600);
    const file = await requestLaunchPage(owner);
    expect((await postSession(codeOf(file))).status).toBe(200);
    await expect(requestLaunchPage({ ...owner, launchKey: 'wrong' })).rejects.toThrow(/401/);
  });

  it('keeps the data folder 0700 and the database and its WAL 0600', () => {
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, DB_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, `${DB_FILE}-wal`)).mode & 0o777).toBe(0o600);
  });
});

describe('browser mode arguments', () => {
  it('parses --data, --port, --no-open and --help; the default port is fixed', () => {
    expect(parseBrowserArgs(['--data', '/tmp/x', '--port', '8123', '--no-open'])).toEqual({
      dataDir: '/tmp/x',
      port: 8123,
      defaultPort: false,
      open: false,
      help: false,
    });
    expect(parseBrowserArgs([]).dataDir).toMatch(/Vagtkonsol$/);
    expect(parseBrowserArgs([])).toMatchObject({ port: DEFAULT_PORT, defaultPort: true });
    expect(parseBrowserArgs(['--help']).help).toBe(true);
    expect(() => parseBrowserArgs(['--port', 'x'])).toThrow(UsageError);
  });

  it('says in Danish which option lacks a value', () => {
    expect(() => parseBrowserArgs(['--data'])).toThrow(/--data mangler en værdi/);
    expect(() => parseBrowserArgs(['--data', '--no-open'])).toThrow(/--data mangler en værdi/);
    expect(() => parseBrowserArgs(['--port='])).toThrow(/--port mangler en værdi/);
    expect(() => parseBrowserArgs(['--bogus'])).toThrow(/Ukendt valgmulighed --bogus/);
  });
});
