// How busy the machine was during a measurement, from /proc (Linux): a throughput figure means
// little without it when client, servers and database share the cores. Besides the whole
// machine it says which processes used the time: the bench itself (the simulated clients), the
// given server processes, and every PostgreSQL process.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

interface Sample {
  busy: number;
  /** Time the hypervisor gave to other guests while this one wanted to run (a shared VM). */
  steal: number;
  total: number;
  /** CPU ticks (user + system) by group. */
  groups: Map<string, number>;
}

function ticksOf(pid: number | string): { comm: string; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; fields follow the last ')'.
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the state field.
    return { comm, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function sample(servers: readonly number[]): Sample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle, iowait and steal are not busy.
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    const steal = f[7] ?? 0;
    const groups = new Map<string, number>();
    const add = (g: string, t: number) => groups.set(g, (groups.get(g) ?? 0) + t);
    add('client', ticksOf(process.pid)?.ticks ?? 0);
    for (const pid of servers) add('servers', ticksOf(pid)?.ticks ?? 0);
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const p = ticksOf(pid);
      if (p?.comm === 'postgres') add('database', p.ticks);
    }
    return { busy: total - f[3]! - f[4]! - steal, steal, total, groups };
  } catch {
    return null;
  }
}

/**
 * Starts a measurement; the returned function gives e.g. "1.93 of 2 cores busy: servers 1.10,
 * database 0.55, client 0.20" (or "" where /proc is not there). A process that ends during the
 * measurement (a database backend) is not counted, so the groups may add up to less.
 */
export function cpuMeter(servers: readonly number[] = []): () => string {
  const a = sample(servers);
  return () => {
    const b = sample(servers);
    if (!a || !b || b.total === a.total) return '';
    const cores = cpus().length;
    // /proc/stat counts every core's ticks; a process's ticks are per core already.
    const share = (t: number) => (t / (b.total - a.total)) * cores;
    const used = share(b.busy - a.busy);
    const parts = ['servers', 'database', 'client']
      .filter((g) => g !== 'servers' || servers.length)
      .map((g) => `${g} ${share((b.groups.get(g) ?? 0) - (a.groups.get(g) ?? 0)).toFixed(2)}`);
    const steal = share(b.steal - a.steal);
    const stolen = steal >= 0.01 ? `; ${steal.toFixed(2)} taken by the hypervisor` : '';
    return `${used.toFixed(2)} of ${cores} cores busy: ${parts.join(', ')}${stolen}`;
  };
}
