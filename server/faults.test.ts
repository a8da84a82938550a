// Faults with several workstations pushing, on PostgreSQL: kill -9 of one of two server
// processes, a database restart, and the database away (503 with Retry-After, never 500). The
// clients keep and resend their batches; at the end nothing is lost and nothing is doubled.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDevice } from './auth';
import { startServer } from './http';
import type { RunningServer } from './http';
import { openPgStorage } from './store/pg';
import type { Storage } from './store/types';
import { describeBackends, freshPgDatabase } from './testing/backends';
import { ROOT, spawnServer } from './testing/process';
import type { ServerChild } from './testing/process';
import { nightBatches, pushWithRetry } from './testing/push-client';
import type { PushStats } from './testing/push-client';

const run = promisify(execFile);
// Server processes and a database cluster start here: seconds each on a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });
const CLUSTER = `${ROOT}scripts/pg-test-cluster.sh`;

/** Every (id, rev) a device can pull, once each, and how many there were in all. */
async function pulled(url: string, token: string): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  let cursor: string | undefined;
  for (;;) {
    const q = `${url}/v1/pull?limit=1000${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`;
    const r = await fetch(q, { headers: { authorization: `Bearer ${token}` } });
    const body = (await r.json()) as {
      items: { id: string; rev: number; deviceId: string }[];
      cursor: string;
      more: boolean;
    };
    for (const i of body.items)
      seen.set(`${i.id}/${i.rev}`, (seen.get(`${i.id}/${i.rev}`) ?? 0) + 1);
    cursor = body.cursor;
    if (!body.more) return seen;
  }
}

function expectNothingLostOrDoubled(
  stats: PushStats[],
  seen: Map<string, number>,
  perStation: number,
): void {
  for (const s of stats) {
    expect(s.results).toHaveLength(perStation);
    // A batch resent after its first send was stored comes back as duplicate, never conflict.
    expect(s.results.every((r) => r.status === 'accepted' || r.status === 'duplicate')).toBe(true);
  }
  expect(seen.size).toBe(stats.length * perStation);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
}

describeBackends(
  'server faults',
  () => {
    it('kill -9 of one of two server processes while four workstations push: 0 lost, 0 doubled', async () => {
      const db = await freshPgDatabase();
      let a: ServerChild | undefined;
      let b: ServerChild | undefined;
      let store: Storage | undefined;
      try {
        [a, b] = await Promise.all([
          spawnServer(['--database', db.url]),
          spawnServer(['--database', db.url]),
        ]);
        store = await openPgStorage({ url: db.url });
        const stations = await Promise.all(
          [1, 2, 3, 4].map((i) => addDevice(store!, { name: `WS${i}`, role: 'workstation' })),
        );
        const sup = await addDevice(store, { name: 'Leder', role: 'supervisor' });
        let batches = 0;
        let killed: Promise<void> | undefined;
        const urls = [a.url, b.url];
        const stats = await Promise.all(
          stations.map((s) =>
            pushWithRetry(() => urls, s.token, nightBatches(s.deviceId, 30, 3, 10), {
              onBatch: () => {
                // Mid-run: a quarter of all batches are through.
                if (++batches === 9) killed = a!.kill9();
              },
            }),
          ),
        );
        await killed;
        expect(a.child.signalCode).toBe('SIGKILL');
        expect(stats.reduce((n, s) => n + s.retries, 0)).toBeGreaterThan(0);
        expectNothingLostOrDoubled(stats, await pulled(b.url, sup.token), 90);
      } finally {
        await a?.kill9();
        await b?.kill9();
        await store?.close();
        await db.drop();
      }
    });
  },
  ['postgresql'],
);

// The restart test stops and starts a database, so it gets a cluster of its own
// (scripts/pg-test-cluster.sh) rather than disturbing the other suites' shared one.
const canRunCluster =
  (process.getuid?.() === 0 || process.env.USER === 'postgres') &&
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
const describeRestart = canRunCluster
  ? describe
  : process.env.CI === 'true'
    ? describe
    : describe.skip;

describeRestart(
  `database restart [postgresql]${canRunCluster ? '' : ' — skipped: needs root (runuser -u postgres) and the postgresql binaries'}`,
  () => {
    let dir: string;
    let server: RunningServer;
    let store: Storage;
    beforeAll(async () => {
      const { stdout } = await run(CLUSTER, ['start']);
      const env = Object.fromEntries(
        [...stdout.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
      );
      dir = env.VAGT_TEST_PG_DIR!;
      server = await startServer({
        databaseUrl: env.VAGT_TEST_PG_URL!,
        port: 0,
        poolTimeoutMs: 1000,
        log: () => {},
      });
      store = server.store;
    });
    afterAll(async () => {
      await server?.close();
      if (dir) await run(CLUSTER, ['stop', dir]);
    });

    it('answers 503 with Retry-After while the database is away, and serves again after', async () => {
      const ws = await addDevice(store, { name: 'WS', role: 'workstation' });
      await run(CLUSTER, ['pause', dir]);
      try {
        for (const path of ['/v1/pull', '/v1/push']) {
          const r = await fetch(server.url + path, {
            method: path === '/v1/push' ? 'POST' : 'GET',
            headers: { authorization: `Bearer ${ws.token}` },
            body: path === '/v1/push' ? '{"protocol":1,"items":[]}' : undefined,
          });
          expect(r.status, path).toBe(503);
          expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
        }
      } finally {
        await run(CLUSTER, ['resume', dir]);
      }
      const ok = await fetch(`${server.url}/v1/pull`, {
        headers: { authorization: `Bearer ${ws.token}` },
      });
      expect(ok.status).toBe(200);
    });

    it('a database restart while three workstations push: 0 lost, 0 doubled', async () => {
      const stations = await Promise.all(
        [1, 2, 3].map((i) => addDevice(store, { name: `R${i}`, role: 'workstation' })),
      );
      const sup = await addDevice(store, { name: 'Leder', role: 'supervisor' });
      let batches = 0;
      let restarted: Promise<unknown> | undefined;
      const stats = await Promise.all(
        stations.map((s) =>
          pushWithRetry(() => [server.url], s.token, nightBatches(s.deviceId, 40, 3, 10), {
            onBatch: () => {
              if (++batches === 10) restarted = run(CLUSTER, ['restart', dir]);
            },
          }),
        ),
      );
      await restarted;
      expectNothingLostOrDoubled(stats, await pulled(server.url, sup.token), 120);
    });
  },
);
