// D87: acknowledged outbox rows are pruned after a configurable age, after a successful sync;
// a row the server has not acknowledged (pending, conflict, rejected) is never pruned.
import { afterAll, expect, it } from 'vitest';
import { SyncClient } from './client';
import { Outbox } from './outbox';
import { openWorkstationDb, recordContacts } from './testing/fixtures';
import { removeTempDirs, tempDir } from './testing/harness';

const WS = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T12:00:00.000Z');

afterAll(removeTempDirs);

/** A server that accepts every item but refuses the ids in `refuse` (rejected). */
function fakeFetch(refuse: Set<string>) {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/v1/push')) {
      const body = JSON.parse(init!.body as string) as { items: { id: string; rev: number }[] };
      const results = body.items.map((i) =>
        refuse.has(i.id)
          ? { id: i.id, rev: i.rev, status: 'rejected', reason: 'test' }
          : { id: i.id, rev: i.rev, status: 'accepted' },
      );
      return Response.json({ results, serverTime: new Date(T0).toISOString() });
    }
    return Response.json({ items: [], cursor: 'c0', more: false });
  }) as typeof fetch;
}

const statuses = (db: ReturnType<typeof openWorkstationDb>) =>
  Object.fromEntries(
    (
      db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((r) => [r.status, r.n]),
  );

it('prunes acknowledged rows older than the retention after a sync, and nothing else', async () => {
  const db = openWorkstationDb(tempDir('prune'));
  recordContacts(db, WS, 10);
  const ids = (
    db.prepare('SELECT item_id FROM outbox ORDER BY seq').all() as { item_id: string }[]
  ).map((r) => r.item_id);
  let now = T0;
  const client = new SyncClient({
    db,
    serverUrl: 'http://sync.test/',
    token: 't',
    fetch: fakeFetch(new Set(ids.slice(0, 2))),
    now: () => now,
    outboxRetentionMs: 7 * DAY,
  });
  await client.syncNow();
  expect(statuses(db)).toEqual({ done: 8, rejected: 2 });

  // Six days on: still inside the retention, nothing goes.
  now = T0 + 6 * DAY;
  await client.syncNow();
  expect(statuses(db)).toEqual({ done: 8, rejected: 2 });

  // Eight days on, with new work waiting that the server cannot take right now: the sync fails,
  // and nothing is pruned on a failed sync.
  recordContacts(db, WS, 3, 100);
  now = T0 + 8 * DAY;
  const down = new SyncClient({
    db,
    serverUrl: 'http://sync.test/',
    token: 't',
    fetch: (async () => new Response('', { status: 503 })) as typeof fetch,
    now: () => now,
    outboxRetentionMs: 7 * DAY,
  });
  await down.syncNow();
  expect(statuses(db)).toEqual({ done: 8, rejected: 2, pending: 3 });

  // Back online: the 8 old acknowledged rows go, the new ones (acknowledged now) and the
  // rejected ones stay.
  await client.syncNow();
  expect(statuses(db)).toEqual({ done: 3, rejected: 2 });
});

it('never prunes a row the server has not acknowledged, whatever its dates', () => {
  const db = openWorkstationDb(tempDir('prune2'));
  recordContacts(db, WS, 4);
  // Rows that are pending, in conflict or rejected, even with an (impossible) old done_at.
  db.prepare("UPDATE outbox SET done_at = '2000-01-01T00:00:00.000Z'").run();
  db.prepare(
    "UPDATE outbox SET status = 'conflict' WHERE seq = (SELECT min(seq) FROM outbox)",
  ).run();
  db.prepare(
    "UPDATE outbox SET status = 'rejected' WHERE seq = (SELECT max(seq) FROM outbox)",
  ).run();
  const outbox = new Outbox(db);
  expect(outbox.pruneAcknowledged('2030-01-01T00:00:00.000Z')).toBe(0);
  expect(statuses(db)).toEqual({ pending: 2, conflict: 1, rejected: 1 });
  db.prepare("UPDATE outbox SET status = 'done' WHERE status = 'pending'").run();
  expect(outbox.pruneAcknowledged('2030-01-01T00:00:00.000Z')).toBe(2);
  expect(outbox.pruneAcknowledged('2030-01-01T00:00:00.000Z', 1)).toBe(0);
  expect(statuses(db)).toEqual({ conflict: 1, rejected: 1 });
});
