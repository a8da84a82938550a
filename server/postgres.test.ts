// PostgreSQL with several server processes on one database: the pull cursor under the
// sequence/commit-order race, one item pushed through two servers at once, revision order, an
// exhausted connection pool, versioned migrations and migrate-to from SQLite. Each server here
// has its own connection pool, so to the database they are separate processes (the kill -9
// fault in faults.test.ts uses real processes).
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { addDevice } from './auth';
import { startServer } from './http';
import type { RunningServer } from './http';
import { migrateTo } from './migrate-to';
import { addDoctor } from './reference';
import { openPgStorage, ITEM_WRITE_LOCK, payloadKey } from './store/pg';
import { PG_MIGRATIONS } from './store/pg/schema';
import { openSqliteStorage } from './store/sqlite';
import { StorageTooNewError } from './store/types';
import { describeBackends, freshPgDatabase, testPlace } from './testing/backends';
import { contactItem, nightBatches, pushWithRetry } from './testing/push-client';

type Created = Awaited<ReturnType<typeof addDevice>>;

async function pullAll(url: string, token: string, since?: string) {
  const items: { id: string; rev: number; deviceId: string }[] = [];
  let cursor = since;
  for (;;) {
    const q = `${url}/v1/pull?limit=1000${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`;
    const r = await fetch(q, { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as { items: typeof items; cursor: string; more: boolean };
    items.push(...body.items);
    cursor = body.cursor;
    if (!body.more) return { items, cursor };
  }
}

const push = async (url: string, token: string, items: unknown[]) => {
  const r = await fetch(`${url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ protocol: 1, items }),
  });
  return { status: r.status, retryAfter: r.headers.get('retry-after'), json: await r.json() };
};

describeBackends(
  'several servers on one database',
  () => {
    let url: string;
    let drop: () => Promise<void>;
    let a: RunningServer;
    let b: RunningServer;
    let raw: pg.Client;
    let ws: Created;
    let sup: Created;

    beforeAll(async () => {
      ({ url, drop } = await freshPgDatabase());
      a = await startServer({ databaseUrl: url, port: 0, log: () => {} });
      b = await startServer({ databaseUrl: url, port: 0, log: () => {} });
      ws = await addDevice(a.store, { name: 'WS', role: 'workstation' });
      sup = await addDevice(b.store, { name: 'Leder', role: 'supervisor' });
      raw = new pg.Client({ connectionString: url });
      await raw.connect();
    });
    afterAll(async () => {
      await raw?.end();
      await a?.close();
      await b?.close();
      await drop?.();
    });

    /** Waits until some session waits for an advisory lock (the push is queued behind it). */
    async function someoneWaitsForTheLock(): Promise<void> {
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      try {
        for (let i = 0; i < 500; i++) {
          const { rows } = await probe.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
             WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
          );
          if (Number(rows[0]!.n) > 0) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error('no push ever waited for the item write lock');
      } finally {
        await probe.end();
      }
    }

    const rawInsert = (id: string) =>
      raw.query(
        `WITH pl AS (INSERT INTO item_payloads (key, payload) VALUES ($2, '{"raw":true}')
                     ON CONFLICT (key) DO NOTHING)
         INSERT INTO items (id, type, rev, device_id, payload_key, hash, stored_at)
         VALUES ($1, 'doctor', 1, 'server', $2, 'h', now()) RETURNING seq`,
        [id, payloadKey('{"raw":true}')],
      );

    it('the pull cursor never skips an item whose transaction commits after a higher seq (the commit-order race)', async () => {
      const before = await pullAll(b.url, sup.token);
      // A writer takes its seq and stays uncommitted, as a slow push would.
      await raw.query('BEGIN');
      await raw.query('SELECT pg_advisory_xact_lock($1)', [ITEM_WRITE_LOCK]);
      const slowSeq = (await rawInsert('race-slow')).rows[0]!.seq as string;
      // Meanwhile a push arrives at the other server process. It must not take a seq and commit
      // ahead of the slow writer: it waits for the lock.
      const fast = push(a.url, ws.token, [contactItem(ws.deviceId, 1, 1)]);
      await someoneWaitsForTheLock();
      const during = await pullAll(b.url, sup.token, before.cursor);
      expect(during.items).toEqual([]);
      await raw.query('COMMIT');
      expect((await fast).json.results[0].status).toBe('accepted');
      // Pulling from the cursor taken while the slow writer was open finds both, in seq order.
      const after = await pullAll(b.url, sup.token, during.cursor);
      expect(after.items.map((i) => i.id)).toEqual([
        'race-slow',
        contactItem(ws.deviceId, 1, 1).id,
      ]);
      expect(Number(slowSeq)).toBeGreaterThan(0);
    });

    it('control: without the lock the same interleaving does skip an item (why the lock exists)', async () => {
      const before = await pullAll(b.url, sup.token);
      await raw.query('BEGIN');
      await rawInsert('race-unlocked');
      const r = await push(a.url, ws.token, [contactItem(ws.deviceId, 2, 1)]);
      expect(r.json.results[0].status).toBe('accepted');
      const seen = await pullAll(b.url, sup.token, before.cursor);
      expect(seen.items.map((i) => i.id)).toEqual([contactItem(ws.deviceId, 2, 1).id]);
      await raw.query('COMMIT');
      // The unlocked writer's lower seq is now behind the cursor and never pulled.
      expect((await pullAll(b.url, sup.token, seen.cursor)).items).toEqual([]);
      await raw.query(`DELETE FROM items WHERE id = 'race-unlocked'`);
    });

    it('one item pushed through two servers at once is stored once: accepted once, then duplicate', async () => {
      const batch = Array.from({ length: 200 }, (_, i) => contactItem(ws.deviceId, 1000 + i, 1));
      const [ra, rb] = await Promise.all([
        push(a.url, ws.token, batch),
        push(b.url, ws.token, batch),
      ]);
      for (let i = 0; i < batch.length; i++) {
        const pair = [ra.json.results[i].status, rb.json.results[i].status].sort();
        expect(pair).toEqual(['accepted', 'duplicate']);
      }
      const { rows } = await raw.query<{ n: string }>(
        `SELECT count(*) AS n FROM items WHERE id = ANY($1::text[])`,
        [batch.map((x) => x.id)],
      );
      expect(Number(rows[0]!.n)).toBe(200);
    });

    it('revisions of one record stay ordered when pushed through both servers concurrently', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => 2000 + i);
      // Each server gets every revision, in order; whichever stores one first, the other
      // answers duplicate, and no rev is stored before its predecessor.
      const run = (s: RunningServer) =>
        (async () => {
          for (let rev = 1; rev <= 3; rev++) {
            await push(
              s.url,
              ws.token,
              ids.map((i) => contactItem(ws.deviceId, i, rev)),
            );
          }
        })();
      await Promise.all([run(a), run(b)]);
      const { rows } = await raw.query<{ id: string; rev: number; seq: string }>(
        `SELECT id, rev, seq FROM items WHERE id = ANY($1::text[]) ORDER BY seq`,
        [ids.map((i) => contactItem(ws.deviceId, i, 1).id)],
      );
      expect(rows).toHaveLength(60);
      const lastRev = new Map<string, number>();
      for (const r of rows) {
        expect(r.rev).toBe((lastRev.get(r.id) ?? 0) + 1);
        lastRev.set(r.id, r.rev);
      }
    });

    it('an exhausted connection pool answers 503 with Retry-After; the retried push is stored once', async () => {
      const small = await startServer({
        databaseUrl: url,
        port: 0,
        poolSize: 1,
        poolTimeoutMs: 200,
        log: () => {},
      });
      try {
        await raw.query('BEGIN');
        await raw.query('SELECT pg_advisory_xact_lock($1)', [ITEM_WRITE_LOCK]);
        // The first push holds the pool's only connection, waiting for the lock.
        const first = push(small.url, ws.token, [contactItem(ws.deviceId, 3000, 1)]);
        await someoneWaitsForTheLock();
        const second = await push(small.url, ws.token, [contactItem(ws.deviceId, 3001, 1)]);
        expect(second.status).toBe(503);
        expect(second.retryAfter).toMatch(/^\d+$/);
        expect(second.json.error.code).toBe('UNAVAILABLE');
        await raw.query('COMMIT');
        expect((await first).json.results[0].status).toBe('accepted');
        const stats = await pushWithRetry(() => [small.url], ws.token, [
          [contactItem(ws.deviceId, 3001, 1)],
        ]);
        expect(stats.results.map((r) => r.status)).toEqual(['accepted']);
      } finally {
        await small.close();
      }
    });

    it('pushes from many workstations through both servers lose and double nothing', async () => {
      const stations = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          addDevice(a.store, { name: `WS${i}`, role: 'workstation' }),
        ),
      );
      await Promise.all(
        stations.map((s) =>
          pushWithRetry(() => [a.url, b.url], s.token, nightBatches(s.deviceId, 40, 3, 25)),
        ),
      );
      const all = await pullAll(a.url, sup.token);
      for (const s of stations) {
        const mine = all.items.filter((i) => i.deviceId === s.deviceId);
        expect(mine).toHaveLength(120);
        expect(new Set(mine.map((i) => `${i.id}/${i.rev}`)).size).toBe(120);
      }
    });
  },
  ['postgresql'],
);

describeBackends('storage versions', (backend) => {
  it('refuses a database written by a newer server', async () => {
    const place = await testPlace(backend);
    try {
      if (backend === 'postgresql') {
        await (await openPgStorage({ url: place.databaseUrl! })).close();
        const c = new pg.Client({ connectionString: place.databaseUrl });
        await c.connect();
        await c.query('UPDATE vagt_schema SET version = 99');
        await c.end();
        await expect(openPgStorage({ url: place.databaseUrl! })).rejects.toBeInstanceOf(
          StorageTooNewError,
        );
      } else {
        const s = openSqliteStorage(place.dataDir!);
        await s.close();
        const Database = (await import('better-sqlite3')).default;
        const db = new Database(`${place.dataDir}/sync-server.db`);
        db.pragma('user_version = 99');
        db.close();
        expect(() => openSqliteStorage(place.dataDir!)).toThrow(StorageTooNewError);
      }
    } finally {
      await place.drop();
    }
  });
});

describeBackends(
  'PostgreSQL migration 5 (payloads in their own table, D49)',
  () => {
    it('moves every payload of a version-4 database, unchanged, and pushes then go on', async () => {
      const db = await freshPgDatabase();
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      try {
        // A database as a version-4 server left it, with payloads in items.payload (two items
        // share one payload; one holds Danish letters and an escaped quote).
        await c.query('CREATE TABLE vagt_schema (version integer NOT NULL)');
        for (const m of PG_MIGRATIONS.slice(0, 4)) await c.query(m);
        await c.query('INSERT INTO vagt_schema (version) VALUES (4)');
        const payloads = ['{"a":1}', '{"a":1}', '{"navn":"Ærø Ål \\"ø\\""}'];
        for (const [k, p] of payloads.entries()) {
          await c.query(
            `INSERT INTO items (id, type, rev, device_id, payload, hash, stored_at)
             VALUES ($1, 'doctor', 1, 'server', $2, 'h', now())`,
            [`old-${k}`, p],
          );
        }
        const store = await openPgStorage({ url: db.url });
        try {
          const pulled = await store.items.pull(0, null, 10);
          expect(pulled.map((i) => [i.id, i.payload])).toEqual(
            payloads.map((p, k) => [`old-${k}`, p]),
          );
          // The key migration 5 computed in SQL is the one the server computes.
          const keys = await c.query('SELECT key, payload FROM item_payloads ORDER BY key');
          expect(keys.rows).toHaveLength(2);
          for (const r of keys.rows as { key: string; payload: string }[])
            expect(r.key).toBe(payloadKey(r.payload));
          const ws = await addDevice(store, { name: 'ws', role: 'workstation' });
          const server = await startServer({ storage: store, port: 0 });
          try {
            const item = contactItem(ws.deviceId, 1, 1);
            const r = await pushWithRetry(() => [server.url], ws.token, [[item]]);
            expect(r.results.map((x) => x.status)).toEqual(['accepted']);
            const after = await store.items.pull(0, null, 10);
            expect(after).toHaveLength(4);
            expect(JSON.parse(after.at(-1)!.payload)).toEqual(item.payload);
          } finally {
            await server.close();
          }
        } finally {
          await store.close();
        }
      } finally {
        await c.end();
        await db.drop();
      }
    });
  },
  ['postgresql'],
);

describeBackends(
  'migrate-to',
  () => {
    it('moves a SQLite server into PostgreSQL keeping seqs, devices and tokens', async () => {
      const src = await testPlace('sqlite');
      const dst = await freshPgDatabase();
      try {
        const s1 = await startServer({ dataDir: src.dataDir, port: 0, log: () => {} });
        const w = await addDevice(s1.store, { name: 'WS', role: 'workstation' });
        const sv = await addDevice(s1.store, { name: 'Leder', role: 'supervisor' });
        await addDoctor(s1.store, { name: 'Anna', authId: 'A1', roles: ['doctor'] });
        await pushWithRetry(() => [s1.url], w.token, nightBatches(w.deviceId, 30, 2, 20));
        const half = await pullAll(s1.url, sv.token);
        await s1.close();

        const from = openSqliteStorage(src.dataDir!);
        const to = await openPgStorage({ url: dst.url });
        expect(await migrateTo(from, to)).toEqual({ devices: 2, items: 61 });
        await expect(migrateTo(from, to)).rejects.toThrow(/ikke tom/);
        await from.close();
        await to.close();

        const s2 = await startServer({ databaseUrl: dst.url, port: 0, log: () => {} });
        try {
          // The same tokens work, the old cursor continues, and new pushes follow on.
          expect((await pullAll(s2.url, sv.token)).items).toEqual(half.items);
          const more = await push(s2.url, w.token, [contactItem(w.deviceId, 0, 3)]);
          expect(more.json.results[0].status).toBe('accepted');
          const next = await pullAll(s2.url, sv.token, half.cursor);
          expect(next.items.map((i) => i.rev)).toEqual([3]);
          const load = await fetch(
            `${s2.url}/v1/load?from=2025-01-06T16:00:00.000Z&to=2025-01-06T18:00:00.000Z`,
            { headers: { authorization: `Bearer ${sv.token}` } },
          );
          expect(load.status).toBe(200);
          const body = (await load.json()) as { doctors: { totals: { contacts: number } }[] };
          expect(body.doctors.reduce((n, d) => n + d.totals.contacts, 0)).toBe(30);
        } finally {
          await s2.close();
        }
      } finally {
        await src.drop();
        await dst.drop();
      }
    });
  },
  ['postgresql'],
);
