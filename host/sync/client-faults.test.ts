// Fault tests: the real client with a real better-sqlite3 outbox against the real server
// process, with faults injected by a loopback proxy. Nothing may be lost or stored twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SyncClient } from './client';
import type { SyncStatus } from './client';
import { startFaultProxy } from './testing/fault-proxy';
import type { Fault } from './testing/fault-proxy';
import { openWorkstationDb, outboxCounts, recordContacts } from './testing/fixtures';
import { fastTimers, removeTempDirs, tempDir, waitFor } from './testing/harness';
import { addDevice, startServerProcess } from './testing/server-process';
import type { ServerProcess } from './testing/server-process';

let dataDir: string;
let server: ServerProcess;

beforeAll(async () => {
  dataDir = tempDir('srv');
  server = await startServerProcess(dataDir);
});
afterAll(async () => {
  await server?.stop();
  removeTempDirs();
});

/** (id, rev) pairs the server holds for a device, read from its database file. */
function serverItems(deviceId: string): { id: string; rev: number }[] {
  const db = new Database(join(dataDir, 'sync-server.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT id, rev FROM items WHERE device_id = ? ORDER BY id, rev')
      .all(deviceId) as { id: string; rev: number }[];
  } finally {
    db.close();
  }
}

function outboxItems(db: Database.Database): { id: string; rev: number }[] {
  return db.prepare('SELECT item_id AS id, rev FROM outbox ORDER BY item_id, rev').all() as {
    id: string;
    rev: number;
  }[];
}

describe('sync client under faults', () => {
  it('keeps items while the server is down and delivers them once it is back', async () => {
    const dev = addDevice(dataDir, 'ws-down');
    const db = openWorkstationDb(tempDir('ws'));
    recordContacts(db, dev.deviceId, 300);
    const timers = fastTimers();
    const statuses: SyncStatus[] = [];
    const client = new SyncClient({
      db,
      serverUrl: server.url,
      token: dev.token,
      setTimer: timers.setTimer,
      onStatus: (s) => statuses.push(s),
    });
    const port = server.port;
    await server.stop();
    client.start();
    await waitFor(() => client.stats.failedRequests >= 4, 20_000, 'failures while down');
    expect(client.status().online).toBe(false);
    expect(client.status().waiting).toBe(300);
    recordContacts(db, dev.deviceId, 50, 300);
    client.notifyChange();
    server = await startServerProcess(dataDir, port);
    await waitFor(() => client.status().waiting === 0, 30_000, 'outbox drained');
    await client.stop();
    expect(outboxCounts(db)).toEqual({ done: 350 });
    expect(serverItems(dev.deviceId)).toEqual(outboxItems(db));
    expect(statuses.at(-1)?.online).toBe(true);
    expect(statuses.some((s) => !s.online && s.waiting === 300)).toBe(true);
    // Backoff grew while the server was down (real schedule, fast clock).
    const backoffs = timers.delays.filter((d) => d < 60_000);
    expect(backoffs[0]).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...backoffs)).toBeGreaterThan(backoffs[0]!);
  });

  it('backs off on 500 and on 429 honouring Retry-After', async () => {
    const dev = addDevice(dataDir, 'ws-5xx');
    const db = openWorkstationDb(tempDir('ws'));
    recordContacts(db, dev.deviceId, 2500);
    const plan: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429, retryAfter: '7' },
    ];
    const proxy = await startFaultProxy(server.url, (req, n) =>
      req.url?.startsWith('/v1/push') && n < plan.length ? plan[n]! : { kind: 'pass' },
    );
    const timers = fastTimers();
    const client = new SyncClient({
      db,
      serverUrl: proxy.url,
      token: dev.token,
      setTimer: timers.setTimer,
    });
    client.start();
    await waitFor(() => client.status().waiting === 0, 30_000, 'outbox drained');
    await client.stop();
    await proxy.close();
    expect(proxy.counts.faults).toMatchObject({ status: 3 });
    // Backoff after the failed runs (two batches are in flight at once, so two faults may land
    // in one run); the last one, caused by the 429, waits at least its Retry-After of 7 s.
    const backoffs = timers.delays.filter((d) => d < 60_000);
    expect(backoffs.length).toBeGreaterThanOrEqual(2);
    expect(backoffs.every((d) => d >= 1000)).toBe(true);
    expect(backoffs.at(-1)).toBeGreaterThanOrEqual(7000);
    expect(outboxCounts(db)).toEqual({ done: 2500 });
    expect(serverItems(dev.deviceId)).toEqual(outboxItems(db));
    expect(client.stats).toMatchObject({ accepted: 2500, duplicates: 0, failedRequests: 3 });
  });

  it('survives a connection reset mid-batch and a lost answer (resend → duplicate)', async () => {
    const dev = addDevice(dataDir, 'ws-reset');
    const db = openWorkstationDb(tempDir('ws'));
    recordContacts(db, dev.deviceId, 3000);
    // 1st push: reset while uploading; 3rd push: stored by the server, answer lost.
    const proxy = await startFaultProxy(server.url, (req) => {
      if (!req.url?.startsWith('/v1/push')) return { kind: 'pass' };
      pushes += 1;
      if (pushes === 1) return { kind: 'reset-mid-request' };
      if (pushes === 3) return { kind: 'drop-response' };
      return { kind: 'pass' };
    });
    let pushes = 0;
    const client = new SyncClient({
      db,
      serverUrl: proxy.url,
      token: dev.token,
      setTimer: fastTimers().setTimer,
    });
    client.start();
    await waitFor(() => client.status().waiting === 0, 30_000, 'outbox drained');
    await client.stop();
    await proxy.close();
    expect(outboxCounts(db)).toEqual({ done: 3000 });
    expect(serverItems(dev.deviceId)).toEqual(outboxItems(db));
    // The lost batch was resent and acknowledged as duplicates, not stored twice.
    // The server stored that batch but the client never saw the answer: 2000 acks say accepted.
    expect(client.stats.duplicates).toBe(1000);
    expect(client.stats.accepted).toBe(2000);
    expect(proxy.counts.faults).toMatchObject({ 'reset-mid-request': 1, 'drop-response': 1 });
  });

  it('keeps conflicts and rejections visible without blocking the rest', async () => {
    const dev = addDevice(dataDir, 'ws-conflict');
    const other = addDevice(dataDir, 'ws-other');
    const db = openWorkstationDb(tempDir('ws'));
    recordContacts(db, dev.deviceId, 10);
    // rev 3 of a contact whose rev 2 never existed: conflict. A payload of another device: rejected.
    const insert = db.prepare(
      "INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES (?, 'contact', ?, ?, '2025-01-01T00:00:00.000Z')",
    );
    const { makeContact } = await import('./testing/fixtures');
    const skip = makeContact(dev.deviceId, 3, 3);
    insert.run(skip.id, 3, JSON.stringify(skip));
    const foreign = makeContact(other.deviceId, 99);
    insert.run(foreign.id, 1, JSON.stringify(foreign));
    recordContacts(db, dev.deviceId, 10, 10);
    const client = new SyncClient({ db, serverUrl: server.url, token: dev.token });
    await client.syncNow();
    expect(client.status()).toMatchObject({ waiting: 0, conflicts: 2, online: true });
    const kept = db
      .prepare("SELECT status, last_error FROM outbox WHERE status != 'done' ORDER BY seq")
      .all();
    expect(kept).toEqual([
      { status: 'conflict', last_error: expect.stringContaining('rev 3') },
      { status: 'rejected', last_error: 'belongs to another device' },
    ]);
    expect(outboxCounts(db).done).toBe(20);
  });
});
