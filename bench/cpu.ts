// How busy the whole machine was during a measurement, from /proc/stat (Linux): a throughput
// figure means little without it when client, servers and database share the cores.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

interface Sample {
  busy: number;
  total: number;
}

function sample(): Sample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - f[3]! - f[4]!, total };
  } catch {
    return null;
  }
}

/** Starts a measurement; the returned function gives "1.93 of 2 cores busy" (or ""). */
export function cpuMeter(): () => string {
  const a = sample();
  return () => {
    const b = sample();
    if (!a || !b || b.total === a.total) return '';
    const cores = cpus().length;
    const used = ((b.busy - a.busy) / (b.total - a.total)) * cores;
    return `${used.toFixed(2)} of ${cores} cores busy`;
  };
}
