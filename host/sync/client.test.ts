// Client behaviour against a scripted fetch: batching limits, halving on 400/413, one loop at
// a time, debounced triggers, clock skew, and pull applied with its cursor atomically.
import { afterAll, describe, expect, it } from 'vitest';
import { SyncClient } from './client';
import type { PulledItem } from './client';
import { makeContact, openWorkstationDb, outboxCounts, recordContacts } from './testing/fixtures';
import { fastTimers, removeTempDirs, tempDir, waitFor } from './testing/harness';

const WS = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

interface Call {
  method: string;
  url: string;
  body: { items: { id: string; rev: number }[] } | null;
  bytes: number;
}

/** A fake server: accepts everything, records calls; `hook` may replace an answer. */
function fakeFetch(hook?: (call: Call, n: number) => Response | undefined, serverOffsetMs = 0) {
  const calls: Call[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    const bytes = typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0;
    const call = { method: init?.method ?? 'GET', url, body, bytes };
    calls.push(call);
    const replaced = hook?.(call, calls.length - 1);
    if (replaced) return replaced;
    const serverTime = new Date(Date.now() + serverOffsetMs).toISOString();
    if (url.includes('/v1/push')) {
      const results = body.items.map((i: { id: string; rev: number }) => ({
        id: i.id,
        rev: i.rev,
        status: 'accepted',
      }));
      return Response.json({ results, serverTime });
    }
    return Response.json({ items: [], cursor: 'c0', more: false });
  }) as typeof fetch;
  return { fn, calls };
}

afterAll(removeTempDirs);

describe('SyncClient', () => {
  it('pushes oldest first in batches of at most 1000 items and 1 MiB', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 2500);
    // A few big items so the byte limit also splits a batch.
    const insert = db.prepare(
      "INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES (?, 'contact', 1, ?, 'x')",
    );
    for (let i = 0; i < 3; i++) {
      const c = makeContact(WS, 5000 + i, 1, { note: 'n'.repeat(9000), reason: 'r'.repeat(2000) });
      insert.run(c.id, JSON.stringify({ ...c, note: c.note.repeat(50) }));
    }
    const { fn, calls } = fakeFetch();
    const client = new SyncClient({ db, serverUrl: 'http://sync.test/', token: 't', fetch: fn });
    await client.syncNow();
    const pushes = calls.filter((c) => c.method === 'POST');
    const sizes = pushes.map((c) => c.body!.items.length);
    // 500 small + one ~450 KB item fill the third body; the other two big ones go together.
    expect(sizes).toEqual([1000, 1000, 501, 2]);
    expect(Math.max(...pushes.map((c) => c.bytes))).toBeLessThanOrEqual(1024 * 1024);
    expect(pushes[2]!.bytes + pushes[3]!.bytes / 2).toBeGreaterThan(1024 * 1024);
    const order = pushes.flatMap((c) => c.body!.items.map((i) => i.id));
    const seqOrder = (
      db.prepare('SELECT item_id FROM outbox ORDER BY seq').all() as { item_id: string }[]
    ).map((r) => r.item_id);
    expect(order).toEqual(seqOrder);
    expect(outboxCounts(db)).toEqual({ done: 2503 });
    expect(client.status()).toMatchObject({ online: true, waiting: 0, conflicts: 0 });
    expect(client.status().lastSuccessAt).not.toBeNull();
  });

  it('halves a batch the server refuses with 400 until the bad item is alone, then keeps it', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 10);
    const bad = (
      db.prepare('SELECT item_id FROM outbox WHERE seq = 7').get() as { item_id: string }
    ).item_id;
    const { fn } = fakeFetch((call) =>
      call.body?.items.some((i) => i.id === bad)
        ? Response.json(
            { error: { code: 'BAD_REQUEST', message: 'items.6.id: bad' } },
            { status: 400 },
          )
        : undefined,
    );
    const client = new SyncClient({ db, serverUrl: 'http://sync.test', token: 't', fetch: fn });
    await client.syncNow();
    expect(outboxCounts(db)).toEqual({ done: 9, rejected: 1 });
    const kept = db.prepare("SELECT seq, last_error FROM outbox WHERE status = 'rejected'").get();
    expect(kept).toEqual({ seq: 7, last_error: expect.stringContaining('400') });
    expect(client.status()).toMatchObject({ waiting: 0, conflicts: 1 });
  });

  it('runs one loop at a time and coalesces triggers', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 5);
    let inFlight = 0;
    let maxInFlight = 0;
    const { fn, calls } = fakeFetch();
    const slow = (async (input: string | URL | Request, init?: RequestInit) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      try {
        return await fn(input, init);
      } finally {
        inFlight--;
      }
    }) as typeof fetch;
    const client = new SyncClient({ db, serverUrl: 'http://sync.test', token: 't', fetch: slow });
    await Promise.all([client.syncNow(), client.syncNow(), client.syncNow(), client.syncNow()]);
    expect(maxInFlight).toBe(1);
    // The first run pushes everything; the coalesced re-run finds nothing left to push.
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('debounces notifyChange and syncs every interval', async () => {
    const db = openWorkstationDb(tempDir('c'));
    const { fn, calls } = fakeFetch();
    const timers = fastTimers();
    const client = new SyncClient({
      db,
      serverUrl: 'http://sync.test',
      token: 't',
      fetch: fn,
      setTimer: timers.setTimer,
      applyPulled: () => {},
    });
    client.start();
    await waitFor(() => calls.length >= 1);
    for (let i = 0; i < 10; i++) {
      recordContacts(db, WS, 1, i);
      client.notifyChange();
    }
    await waitFor(() => client.status().waiting === 0, 5000);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(timers.delays).toContain(1000); // the debounce
    expect(timers.delays).toContain(60_000); // the periodic sync
    await client.stop();
  });

  it('syncs at once when the network comes back, instead of waiting out the backoff', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 3);
    let down = true;
    const { fn } = fakeFetch(() => (down ? Response.error() : undefined));
    const delays: number[] = [];
    // Timers that never fire: only notifyNetwork can make the next attempt happen.
    const client = new SyncClient({
      db,
      serverUrl: 'http://sync.test',
      token: 't',
      fetch: fn,
      setTimer: (_fn, ms) => (delays.push(ms), () => {}),
    });
    client.start();
    await waitFor(() => delays.length === 1);
    expect(client.status()).toMatchObject({ online: false, waiting: 3 });
    expect(delays[0]).toBeGreaterThanOrEqual(1000);
    client.notifyNetwork(false);
    down = false;
    client.notifyNetwork(true);
    await waitFor(() => client.status().waiting === 0, 5000);
    expect(client.status().online).toBe(true);
    await client.stop();
  });

  it('keeps everything queued and says why on 401', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 2);
    const { fn } = fakeFetch(() =>
      Response.json({ error: { code: 'UNAUTHORIZED', message: 'revoked' } }, { status: 401 }),
    );
    const client = new SyncClient({ db, serverUrl: 'http://sync.test', token: 't', fetch: fn });
    await client.syncNow();
    expect(client.status()).toMatchObject({
      waiting: 2,
      lastError: expect.stringContaining('401'),
    });
    expect(outboxCounts(db)).toEqual({ pending: 2 });
    // A wrong URL answering 400/404 pages is not our server: nothing is rejected.
    for (const status of [400, 404]) {
      const page = fakeFetch(() => new Response('<html>nope</html>', { status }));
      const other = new SyncClient({ db, serverUrl: 'http://x.test', token: 't', fetch: page.fn });
      await other.syncNow();
      expect(outboxCounts(db)).toEqual({ pending: 2 });
    }
  });

  it('reports clock skew over 2 minutes', async () => {
    const db = openWorkstationDb(tempDir('c'));
    recordContacts(db, WS, 1);
    const { fn } = fakeFetch(undefined, 5 * 60_000);
    const client = new SyncClient({ db, serverUrl: 'http://sync.test', token: 't', fetch: fn });
    await client.syncNow();
    const s = client.status();
    expect(s.clockWarning).toBe(true);
    expect(Math.abs(s.clockSkewMs! - 300_000)).toBeLessThan(1000);
  });

  it('applies pulled pages with their cursor in one transaction, resuming after a failure', async () => {
    const db = openWorkstationDb(tempDir('c'));
    db.exec('CREATE TABLE roster (id TEXT PRIMARY KEY, name TEXT, pin_hash TEXT)');
    const pinHash = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + 'A'.repeat(43) + '=';
    const doctor = (n: number) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      type: 'doctor',
      rev: 1,
      deviceId: 'server',
      payload: {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        name: `Læge ${n}`,
        authId: `X${n}`,
        roles: ['doctor'],
        active: true,
        demo: false,
        pinHash,
      },
    });
    let failSecond = true;
    const { fn, calls } = fakeFetch((call) => {
      if (!call.url.includes('/v1/pull')) return undefined;
      const since = new URL(call.url).searchParams.get('since');
      if (since === null)
        return Response.json({ items: [doctor(1), doctor(2)], cursor: 'p1', more: true });
      if (since === 'p1') {
        if (failSecond) {
          failSecond = false;
          return new Response('oops', { status: 503 });
        }
        return Response.json({ items: [doctor(3)], cursor: 'p2', more: false });
      }
      return Response.json({ items: [], cursor: since, more: false });
    });
    const applied: string[] = [];
    const upsert = db.prepare(
      'INSERT INTO roster VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name',
    );
    const client = new SyncClient({
      db,
      serverUrl: 'http://sync.test',
      token: 't',
      fetch: fn,
      applyPulled: (items: PulledItem[], cursor) => {
        applied.push(cursor);
        for (const it of items)
          if (it.type === 'doctor') upsert.run(it.payload.id, it.payload.name, it.payload.pinHash);
      },
    });
    await client.syncNow();
    expect(client.status().online).toBe(false);
    expect(applied).toEqual(['p1']);
    await client.syncNow();
    expect(applied).toEqual(['p1', 'p2']);
    expect(calls.filter((c) => c.url.includes('since=p1'))).toHaveLength(2);
    expect((db.prepare('SELECT count(*) AS n FROM roster').get() as { n: number }).n).toBe(3);
    expect(db.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get()).toEqual({
      value: 'p2',
    });
  });
});
