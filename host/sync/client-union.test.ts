// Two workstations and a supervisor each record 10 000 contacts offline, then sync through a
// proxy that fails 30 % of requests at random (5xx, 429, resets, lost answers, refusals).
// At the end the server and the supervisor hold exactly the union: nothing lost or doubled.
import { afterAll, beforeAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SyncClient } from './client';
import type { PulledItem } from './client';
import { startFaultProxy } from './testing/fault-proxy';
import type { Fault } from './testing/fault-proxy';
import { openWorkstationDb, outboxCounts, recordContacts } from './testing/fixtures';
import { fastTimers, removeTempDirs, tempDir, waitFor } from './testing/harness';
import { addDevice, startServerProcess } from './testing/server-process';
import type { ServerProcess } from './testing/server-process';

const PER_DEVICE = 10_000;
const FAIL_RATE = 0.3;

/** Seeded PRNG (mulberry32) so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dataDir: string;
let server: ServerProcess;
beforeAll(async () => {
  dataDir = tempDir('union');
  server = await startServerProcess(dataDir);
});
afterAll(async () => {
  await server?.stop();
  removeTempDirs();
});

it('converges to exactly the union under 30 % random request failures', async () => {
  const rnd = prng(20241109);
  const faults: Fault[] = [
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 429, retryAfter: '1' },
    { kind: 'reset-mid-request' },
    { kind: 'drop-response' },
    { kind: 'down' },
  ];
  const proxy = await startFaultProxy(server.url, () =>
    rnd() < FAIL_RATE ? faults[Math.floor(rnd() * faults.length)]! : { kind: 'pass' },
  );

  const devices = [
    addDevice(dataDir, 'Arbejdsplads 1'),
    addDevice(dataDir, 'Arbejdsplads 2'),
    addDevice(dataDir, 'Vagtleder', 'supervisor'),
  ];
  const dbs = devices.map((d, i) => {
    const db = openWorkstationDb(tempDir(`dev${i}`));
    db.exec(
      'CREATE TABLE pulled (id TEXT, rev INTEGER, type TEXT, device_id TEXT, PRIMARY KEY (id, rev))',
    );
    recordContacts(db, d.deviceId, PER_DEVICE); // offline: before any client runs
    return db;
  });
  let doubles = 0;
  const foreignSeen = [0, 0, 0];
  const clients = devices.map((d, i) => {
    const db = dbs[i]!;
    const insert = db.prepare('INSERT OR IGNORE INTO pulled VALUES (?, ?, ?, ?)');
    return new SyncClient({
      db,
      serverUrl: proxy.url,
      token: d.token,
      setTimer: fastTimers().setTimer,
      random: prng(i + 1),
      applyPulled: (items: PulledItem[]) => {
        for (const it of items) {
          if (it.deviceId !== d.deviceId && it.deviceId !== 'server') foreignSeen[i]! += 1;
          if (insert.run(it.id, it.rev, it.type, it.deviceId).changes === 0) doubles += 1;
        }
      },
    });
  });
  clients.forEach((c) => c.start());

  const supervisorDb = dbs[2]!;
  const pulledContacts = () =>
    (
      supervisorDb.prepare("SELECT count(*) AS n FROM pulled WHERE type = 'contact'").get() as {
        n: number;
      }
    ).n;
  await waitFor(
    () => clients.every((c) => c.status().waiting === 0) && pulledContacts() === 3 * PER_DEVICE,
    100_000,
    'all outboxes drained and the supervisor holding the union',
  );
  await Promise.all(clients.map((c) => c.stop()));
  await proxy.close();

  // The union of what was recorded, as (id, rev).
  const recorded = new Set<string>();
  for (const db of dbs) {
    for (const r of db.prepare('SELECT item_id, rev FROM outbox').all() as {
      item_id: string;
      rev: number;
    }[]) {
      recorded.add(`${r.item_id}/${r.rev}`);
    }
    expect(outboxCounts(db)).toEqual({ done: PER_DEVICE });
  }
  const serverDb = new Database(join(dataDir, 'sync-server.db'), { readonly: true });
  const onServer = serverDb.prepare("SELECT id, rev FROM items WHERE type = 'contact'").all() as {
    id: string;
    rev: number;
  }[];
  serverDb.close();
  const onSupervisor = supervisorDb
    .prepare("SELECT id, rev FROM pulled WHERE type = 'contact'")
    .all() as { id: string; rev: number }[];
  const asSet = (rows: { id: string; rev: number }[]) =>
    new Set(rows.map((r) => `${r.id}/${r.rev}`));

  expect(recorded.size).toBe(3 * PER_DEVICE);
  expect(onServer.length).toBe(recorded.size); // nothing doubled on the server
  expect(asSet(onServer)).toEqual(recorded); // nothing lost
  expect(asSet(onSupervisor)).toEqual(recorded);
  expect(doubles).toBe(0);
  // Workstations only ever saw their own records; the supervisor saw everyone's.
  expect(foreignSeen.slice(0, 2)).toEqual([0, 0]);
  expect(foreignSeen[2]).toBe(2 * PER_DEVICE);

  const sum = (k: 'itemsSent' | 'accepted' | 'duplicates' | 'failedRequests' | 'requests') =>
    clients.reduce((n, c) => n + c.stats[k], 0);
  const figures = {
    recorded: recorded.size,
    requests: proxy.counts.requests,
    faults: proxy.counts.faults,
    itemsSent: sum('itemsSent'),
    itemsRetried: sum('itemsSent') - recorded.size,
    accepted: sum('accepted'),
    duplicatesAcknowledged: sum('duplicates'),
    failedRequests: sum('failedRequests'),
    lost: recorded.size - asSet(onServer).size,
  };
  console.log(`sync union figures ${JSON.stringify(figures)}`);
  expect(figures.failedRequests).toBeGreaterThan(0);
  expect(figures.accepted + figures.duplicatesAcknowledged).toBeGreaterThanOrEqual(recorded.size);
  expect(figures.accepted).toBeLessThanOrEqual(recorded.size);
});
