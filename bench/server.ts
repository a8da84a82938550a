// Sync server storage benchmark (`npm run bench -- server`), side by side in one run:
//  1. push throughput, items/s: SQLite, PostgreSQL with one server process, PostgreSQL with two
//     (targets: PostgreSQL ≥ 10 000/s, two processes ≥ 1.5× one);
//  2. 50 simulated workstations pushing their contacts (150 each, three revisions, every
//     revision pushed as it happens) on PostgreSQL with two processes, with p50/p99 push
//     latency (target p99 ≤ 200 ms). To keep `npm run bench` short the 150 contacts fall in one
//     busy hour rather than a whole night (a harder load per second), replayed at 100× speed
//     (36 s); VAGT_BENCH_SPEED changes the speed;
//  3. a supervisor pulling 100 000 items.
// PostgreSQL comes from VAGT_BENCH_PG_URL or VAGT_TEST_PG_URL, or a throwaway cluster started
// here (scripts/pg-test-cluster.sh, needs root and the postgresql binaries). Each throughput
// figure comes after an untimed warm-up of every process, on its own new database, with how busy
// the cores were and by whom (bench/cpu.ts). VAGT_BENCH_CLIENTS sets the pushing clients (4).
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { ROOT, spawnServer } from '../server/testing/process';
import type { ServerChild } from '../server/testing/process';
import { ITEM_WRITE_LOCK } from '../server/store/pg';
import { cpuMeter } from './cpu';

const THROUGHPUT_ITEMS = 40_000;
const CLIENTS = Number(process.env.VAGT_BENCH_CLIENTS ?? 4);
const BATCH = 1000;
const WARM_UP_BATCHES = 5;
const STATIONS = 50;
const CONTACTS = 150;
const REVS = 3;
const SPEED = Number(process.env.VAGT_BENCH_SPEED ?? 100);
const WINDOW_S = 3600;
const PULL_ITEMS = 100_000;

function cli(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

function addDevices(place: string[], n: number, role = 'workstation') {
  // One CLI process per device is slow; the devices come from one small script instead.
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./server/testing/bench-devices.ts').then(m => m.main(${JSON.stringify(place)}, ${n}, ${JSON.stringify(role)}))`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return JSON.parse(out) as { deviceId: string; token: string }[];
}

const body = (ws: string, from: number, count: number, rev = 1) =>
  JSON.stringify({
    protocol: 1,
    items: Array.from({ length: count }, (_, k) => {
      const c = makeContact(ws, from + k, rev);
      return { id: c.id, type: 'contact', rev, payload: c };
    }),
  });

// node:http with keep-alive rather than fetch: the simulated workstations share the machine
// with the servers and the database, and fetch costs several times the CPU per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postOnce(url: string, token: string, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/v1/push`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** Sends failed pushes again, as the real client does (counted and printed). */
export let resent = 0;
async function post(url: string, token: string, text: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    try {
      status = await postOnce(url, token, text);
    } catch (e) {
      if (attempt > 20) throw e;
    }
    if (status === 200) return;
    if (status !== 0 && status !== 503) throw new Error(`push answered ${status}`);
    resent++;
  }
}

/**
 * CLIENTS workstations, each pushing its share of the items in 1000-item batches, one batch at
 * a time, spread evenly over the server processes (so each process always has two pushes in
 * hand: one validating while the other writes).
 */
async function throughput(
  place: string[],
  servers: ServerChild[],
): Promise<{ rate: number; cpu: string }> {
  const urls = servers.map((s) => s.url);
  const devices = addDevices(place, CLIENTS + urls.length);
  const ws = devices.slice(0, CLIENTS);
  const bodies = ws.map((w) =>
    Array.from({ length: THROUGHPUT_ITEMS / CLIENTS / BATCH }, (_, b) =>
      body(w.deviceId, b * BATCH, BATCH),
    ),
  );
  // Warm-up, not timed: each process's first pushes compile the validation and write paths,
  // a cost every process pays once and that would otherwise count twice with two processes.
  await Promise.all(
    urls.map(async (url, i) => {
      const w = devices[CLIENTS + i]!;
      for (let b = 0; b < WARM_UP_BATCHES; b++) {
        await post(url, w.token, body(w.deviceId, b * BATCH, BATCH));
      }
    }),
  );
  const cpu = cpuMeter(servers.map((s) => s.child.pid!));
  const t = performance.now();
  await Promise.all(
    ws.map(async (w, i) => {
      for (const text of bodies[i]!) await post(urls[i % urls.length]!, w.token, text);
    }),
  );
  const rate = Math.round(THROUGHPUT_ITEMS / ((performance.now() - t) / 1000));
  return { rate, cpu: cpu() };
}

async function loadSim(
  place: string[],
  urls: string[],
): Promise<{ p50: number; p99: number; n: number }> {
  const ws = addDevices(place, STATIONS);
  // Every revision of every contact at a random moment of the hour, revisions in order.
  const events: { at: number; w: number; i: number; rev: number }[] = [];
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let w = 0; w < STATIONS; w++) {
    for (let i = 0; i < CONTACTS; i++) {
      const start = rnd() * (WINDOW_S - 900);
      for (let rev = 1; rev <= REVS; rev++) events.push({ at: start + (rev - 1) * 300, w, i, rev });
    }
  }
  events.sort((a, b) => a.at - b.at);
  // Bodies made beforehand: the bench's own CPU would otherwise compete with the servers'.
  const texts = events.map((e) => body(ws[e.w]!.deviceId, 100_000 + e.i, 1, e.rev));
  const latencies: number[] = [];
  const t0 = performance.now();
  // Each workstation pushes its revisions one after another (a real client does not overlap
  // its own pushes); workstations run concurrently.
  const queues = ws.map(() => Promise.resolve());
  for (const [k, e] of events.entries()) {
    const due = t0 + (e.at * 1000) / SPEED;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const w = ws[e.w]!;
    const text = texts[k]!;
    queues[e.w] = queues[e.w]!.then(async () => {
      const s = performance.now();
      await post(urls[e.w % urls.length]!, w.token, text);
      latencies.push(performance.now() - s);
    });
  }
  await Promise.all(queues);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.floor(q * (latencies.length - 1))]! * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), n: latencies.length };
}

async function pullAll(url: string, token: string, max: number): Promise<number> {
  let n = 0;
  let cursor = '';
  const t = performance.now();
  for (;;) {
    const r = await fetch(`${url}/v1/pull?limit=1000${cursor ? `&since=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await r.json()) as { items: unknown[]; cursor: string; more: boolean };
    n += page.items.length;
    cursor = encodeURIComponent(page.cursor);
    if (!page.more) break;
  }
  if (n < max) throw new Error(`pulled ${n} of ${max}`);
  return Math.round(n / ((performance.now() - t) / 1000));
}

async function freshDb(
  admin: string,
  tag: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vagt_bench_${process.pid}_${tag}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

export async function runServerBench(): Promise<void> {
  let admin = process.env.VAGT_BENCH_PG_URL ?? process.env.VAGT_TEST_PG_URL;
  let cluster: string | undefined;
  if (!admin) {
    try {
      const out = execFileSync(join(ROOT, 'scripts/pg-test-cluster.sh'), ['start'], {
        encoding: 'utf8',
      });
      admin = /VAGT_TEST_PG_URL=(\S+)/.exec(out)?.[1];
      cluster = /VAGT_TEST_PG_DIR=(\S+)/.exec(out)?.[1];
    } catch {
      console.log('PostgreSQL: skipped (no VAGT_TEST_PG_URL and no local cluster could start)');
    }
  }
  const children: ServerChild[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'vagt-bench-srv-'));
  try {
    const sqlitePlace = ['--data', dataDir];
    const s = await spawnServer(sqlitePlace);
    children.push(s);
    const sqlite = await throughput(sqlitePlace, [s]);
    await s.kill9();
    console.log(`push, SQLite, 1 process: ${sqlite.rate} items/s (${sqlite.cpu})`);
    if (!admin) return;

    // One process, then two, each on a new database, so both start from the same empty tables.
    const first = await freshDb(admin, 'one');
    let one: { rate: number; cpu: string };
    try {
      const place = ['--database', first.url];
      const s1 = await spawnServer(place);
      children.push(s1);
      one = await throughput(place, [s1]);
      await s1.kill9();
    } finally {
      await first.drop();
    }
    const db = await freshDb(admin, 'two');
    try {
      const place = ['--database', db.url];
      // Migrated before the two processes start (they would agree anyway, under a lock).
      cli(['add-device', ...place, '--name', 'warm-up']);
      const [a, b] = await Promise.all([spawnServer(place), spawnServer(place)]);
      children.push(a!, b!);
      const two = await throughput(place, [a!, b!]);
      const ratio = Math.round((two.rate / one.rate) * 100) / 100;
      console.log(
        `push, PostgreSQL, 1 process: ${one.rate} items/s (target ≥ 10000) ` +
          `${one.rate >= 10_000 ? 'OK' : 'BELOW TARGET'} (${one.cpu})`,
      );
      console.log(
        `push, PostgreSQL, 2 processes: ${two.rate} items/s, ${ratio}× one process ` +
          `(target ≥ 1.5×) ${ratio >= 1.5 ? 'OK' : 'BELOW TARGET'} (${two.cpu})`,
      );
      const sim = await loadSim(place, [a!.url, b!.url]);
      console.log(
        `${STATIONS} workstations × ${CONTACTS} contacts × ${REVS} revisions in one hour at ` +
          `${SPEED}× (${sim.n} pushes, 2 processes): p50 ${sim.p50} ms, p99 ${sim.p99} ms ` +
          `(target p99 ≤ 200) ${sim.p99 <= 200 ? 'OK' : 'ABOVE TARGET'}`,
      );
      // Top the log up to 100 000 items (copies of a stored contact under new ids), written in
      // SQL under the item write lock, so the pull below reads exactly that many.
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [ITEM_WRITE_LOCK]);
      await c.query(
        `INSERT INTO items (id, type, rev, device_id, payload_key, hash, stored_at)
         SELECT 'seed-' || g, 'contact', 1, 'seed',
                (SELECT payload_key FROM items WHERE type = 'contact' LIMIT 1), 'seed', now()
         FROM generate_series(1, greatest(0, $1 - (SELECT count(*) FROM items))) g`,
        [PULL_ITEMS],
      );
      await c.query('COMMIT');
      await c.end();
      const [sup] = addDevices(place, 1, 'supervisor');
      const rate = await pullAll(a!.url, sup!.token, PULL_ITEMS);
      console.log(`supervisor pull of ${PULL_ITEMS} items, PostgreSQL: ${rate} items/s`);
      console.log(`pushes sent again after a 503 or a dropped connection: ${resent}`);
      console.log(
        `(load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; server, client ` +
          `and database share them)`,
      );
    } catch (e) {
      for (const c of children) {
        if (c.child.exitCode !== null) {
          console.log(`a server process exited ${c.child.exitCode}: ${c.stderr().slice(-2000)}`);
        }
      }
      throw e;
    } finally {
      for (const c of children) await c.kill9();
      await db.drop();
    }
  } finally {
    for (const c of children) await c.kill9();
    rmSync(dataDir, { recursive: true, force: true });
    if (cluster) execFileSync(join(ROOT, 'scripts/pg-test-cluster.sh'), ['stop', cluster]);
  }
}
