// Sync benchmark: 100 000 queued contacts pushed over loopback by the real client to the real
// server process (WAL, synchronous=FULL), then pulled by a supervisor. Prints items/s (target
// ≥ 10 000/s for the push) and the server's resident memory at the end.
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { SyncClient } from '../host/sync/client';
import { openWorkstationDb, recordContacts } from '../host/sync/testing/fixtures';
import { tempDir } from '../host/sync/testing/harness';
import { addDevice, startServerProcess } from '../host/sync/testing/server-process';

const ITEMS = 100_000;

/** User+system CPU seconds of a process, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** Server-side handling times of the pushes, from the server's own request log. */
function pushServerMs(logFile: string): { median: number; p95: number } {
  const ms = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"/v1/push"'))
    .map((l) => (JSON.parse(l) as { ms: number }).ms)
    .sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

export async function runSyncBench(): Promise<void> {
  const dataDir = tempDir('bench-srv');
  const wsDir = tempDir('bench-ws');
  const supDir = tempDir('bench-sup');
  const server = await startServerProcess(dataDir);
  try {
    const ws = addDevice(dataDir, 'bench workstation');
    const sup = addDevice(dataDir, 'bench supervisor', 'supervisor');
    const db = openWorkstationDb(wsDir);
    let t = performance.now();
    recordContacts(db, ws.deviceId, ITEMS);
    console.log(`queued ${ITEMS} contacts in the outbox: ${Math.round(performance.now() - t)} ms`);

    const client = new SyncClient({ db, serverUrl: server.url, token: ws.token });
    const serverCpu0 = cpuSeconds(server.child.pid!);
    const clientCpu0 = process.cpuUsage();
    t = performance.now();
    await client.syncNow();
    const pushMs = performance.now() - t;
    const serverCpu = cpuSeconds(server.child.pid!) - serverCpu0;
    const clientCpu = process.cpuUsage(clientCpu0);
    const s = client.status();
    if (s.waiting !== 0 || client.stats.accepted !== ITEMS) {
      throw new Error(`push incomplete: ${JSON.stringify({ status: s, stats: client.stats })}`);
    }
    const pushRate = Math.round(ITEMS / (pushMs / 1000));
    console.log(
      `push ${ITEMS} items in ${client.stats.batches} batches: ${Math.round(pushMs)} ms, ` +
        `${pushRate} items/s (target ≥ 10000) ${pushRate >= 10_000 ? 'OK' : 'BELOW TARGET'}`,
    );
    // CPU time per item does not depend on what else the machine is running; wall time does.
    const perK = (sec: number) => Math.round((sec * 1000 * 1000) / ITEMS);
    const clientSec = (clientCpu.user + clientCpu.system) / 1e6;
    console.log(
      `CPU per 1000 items: server ${perK(serverCpu)} ms, client ${perK(clientSec)} ms ` +
        `(server alone on a free core: ~${Math.round(ITEMS / serverCpu)} items/s; ` +
        `load average now ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
    const serverMs = pushServerMs(`${dataDir}/requests.log`);
    console.log(
      `server time per 1000-item push (arrival to answer, incl. queueing behind the batch in ` +
        `flight): median ${serverMs.median} ms, p95 ${serverMs.p95} ms`,
    );

    const supDb = openWorkstationDb(supDir);
    let pulled = 0;
    const supervisor = new SyncClient({
      db: supDb,
      serverUrl: server.url,
      token: sup.token,
      applyPulled: (items) => {
        pulled += items.length;
      },
    });
    t = performance.now();
    await supervisor.syncNow();
    const pullMs = performance.now() - t;
    console.log(
      `supervisor pull ${pulled} items (validated): ${Math.round(pullMs)} ms, ` +
        `${Math.round(pulled / (pullMs / 1000))} items/s`,
    );
    console.log(`server RSS at the end: ${rssMiB(server.child.pid!)} MiB`);
    db.close();
    supDb.close();
  } finally {
    await server.stop();
    for (const d of [dataDir, wsDir, supDir]) rmSync(d, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('bench/sync.ts')) await runSyncBench();
