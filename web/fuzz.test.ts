// Browser-mode transport fuzz: random paths, methods, headers and bodies from this machine.
// Every request gets a well-formed answer (no 5xx, no dropped connection) and writes nothing.
import fc from 'fast-check';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TABLES, tempDir } from '../host/testing';
import { startBrowserHost, type BrowserHost } from './server';

let bh: BrowserHost;

beforeAll(async () => {
  bh = await startBrowserHost({ dataDir: tempDir('vagt-http-fuzz-'), port: 0, open: false });
});
afterAll(async () => {
  await bh.close();
});

function send(method: string, path: string, headers: Record<string, string>, body: string | null) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bh.port, method, path, headers }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

const counts = () =>
  ALL_TABLES.map(
    (t) => (bh.host!.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
  );

describe('browser mode transport fuzz', () => {
  it(
    'answers 1 000 random requests without 5xx and without writing',
    { timeout: 120_000 },
    async () => {
      const before = counts();
      const auth = fc.constantFrom<Record<string, string>>(
        {},
        { Authorization: `Bearer ${bh.token}` },
        { Authorization: 'Bearer x' },
        { Authorization: bh.token },
      );
      const host = fc.constantFrom(
        `127.0.0.1:${bh.port}`,
        `localhost:${bh.port}`,
        'evil.example',
        '',
        `127.0.0.1:${bh.port}0`,
      );
      const origin = fc.option(
        fc.constantFrom(`http://127.0.0.1:${bh.port}`, 'null', 'http://evil.example'),
        { nil: undefined },
      );
      const path = fc.oneof(
        fc.constantFrom(
          '/api/setup.status',
          '/api/setup.loadDemo',
          '/api/contact.start',
          '/api/',
          '/api/%zz',
          '/events',
          '/',
          '/vagt-bridge.js',
          '/../../etc/passwd',
          '/%2e%2e/%2e%2e/etc/passwd',
        ),
        fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
        fc.string().map((s) => `/api/${encodeURIComponent(s)}`),
      );
      const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH');
      const body = fc.option(
        fc.oneof(fc.json(), fc.string(), fc.constant('{"__proto__":{"x":1}}')),
        { nil: null },
      );
      const ctype = fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        '',
      );
      await fc.assert(
        fc.asyncProperty(
          method,
          path,
          auth,
          host,
          origin,
          body,
          ctype,
          async (m, p, a, h, o, b, ct) => {
            // A valid token, host and JSON body on a real method could legitimately write: keep those out.
            const headers: Record<string, string> = { ...a, Host: h, 'Content-Type': ct };
            if (o !== undefined) headers.Origin = o;
            if (p === '/events' && m === 'GET') return; // a stream stays open by design
            const looksValid =
              m === 'POST' &&
              a.Authorization === `Bearer ${bh.token}` &&
              h.endsWith(`:${bh.port}`) &&
              ct === 'application/json';
            if (
              looksValid &&
              /^\/api\/(setup\.(loadDemo|createFirstSupervisor)|contact|shift|roster|rules|auth)/.test(
                p,
              )
            )
              return;
            const r = await send(m, p, headers, m === 'GET' || m === 'HEAD' ? null : b);
            expect(r.status).toBeGreaterThanOrEqual(200);
            expect(r.status).toBeLessThan(500);
          },
        ),
        { numRuns: 1000, seed: 77 },
      );
      expect(counts()).toEqual(before);
    },
  );

  it(
    'valid token, Host and Origin: exact outcomes per request class (issue 17 §1)',
    {
      timeout: 120_000,
    },
    async () => {
      const before = counts();
      const good = {
        Host: `127.0.0.1:${bh.port}`,
        Origin: `http://127.0.0.1:${bh.port}`,
        'Content-Type': 'application/json',
      };
      const bearer = { Authorization: `Bearer ${bh.token}` };
      // Read-only or refusing calls only, so a 200 cannot write.
      const readOnly = ['setup.status', 'auth.session', 'contact.current', 'rules.list'];
      const cls = fc.oneof(
        fc.record({ kind: fc.constant('method' as const), name: fc.constantFrom(...readOnly) }),
        fc.record({
          kind: fc.constant('unknown' as const),
          name: fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}$/),
        }),
        fc.record({
          kind: fc.constant('bad-escape' as const),
          name: fc.constantFrom('%zz', '%', 'a%2', '%E0%A4%A', '%ff%fe'),
        }),
        fc.record({ kind: fc.constant('bad-utf8' as const), name: fc.constantFrom(...readOnly) }),
        fc.record({ kind: fc.constant('no-token' as const), name: fc.constantFrom(...readOnly) }),
      );
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(cls, async (c) => {
          seen.set(c.kind, (seen.get(c.kind) ?? 0) + 1);
          const path = `/api/${c.name}`;
          if (c.kind === 'no-token') {
            const r = await send('POST', path, good, '{}');
            expect([401, 403]).toContain(r.status);
            return;
          }
          if (c.kind === 'bad-utf8') {
            const r = await sendBytes(
              path,
              { ...good, ...bearer },
              Buffer.from([0x7b, 0xff, 0x7d]),
            );
            expect(r.status).toBe(400);
            return;
          }
          const r = await send('POST', path, { ...good, ...bearer }, '{}');
          if (c.kind === 'bad-escape') {
            expect(r.status).toBe(400);
            return;
          }
          expect(r.status).toBe(200);
          const reply = JSON.parse(r.body) as { ok: boolean; error?: { code: string } };
          if (c.kind === 'unknown') expect(reply.error?.code).toBe('UNKNOWN_METHOD');
          else expect(reply).toEqual(await bh.host!.dispatch(c.name, {}));
        }),
        { numRuns: 600, seed: 1217 },
      );
      for (const k of ['method', 'unknown', 'bad-escape', 'bad-utf8', 'no-token'])
        expect(seen.get(k) ?? 0).toBeGreaterThan(50);
      expect(counts()).toEqual(before);
    },
  );
});

function sendBytes(path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: bh.port, method: 'POST', path, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
