// Helpers for the host's tests: a host in a fresh temp folder with a hand-moved clock, and a
// call() that returns the value or throws the host's error shape.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../shared/contract/methods';
import { manualClock } from './clock';
import { createHost, type Host } from './host';

export function tempDir(prefix = 'vagt-host-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export type TestHost = Host & {
  clock: ReturnType<typeof manualClock>;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  fail(
    method: string,
    input: unknown,
  ): Promise<{ code: string; message: string; details?: Record<string, string> }>;
};

export class CallError extends Error {
  constructor(readonly error: { code: string; message: string; details?: Record<string, string> }) {
    super(`${error.code}: ${error.message}`);
  }
}

export function testHost(startIso = '2025-03-04T16:30:00.000Z', dataDir = tempDir()): TestHost {
  const clock = manualClock(Date.parse(startIso));
  const host = createHost({ dataDir, mode: 'browser', clock, backups: false, ticker: false });
  return Object.assign(host, {
    clock,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const r = await host.dispatch(method, input);
      if (!r.ok) throw new CallError(r.error as never);
      return r.value as MethodOutput<M>;
    },
    async fail(method: string, input: unknown) {
      const r = await host.dispatch(method, input);
      if (r.ok) throw new Error(`${method} was expected to fail`);
      return r.error as { code: string; message: string; details?: Record<string, string> };
    },
  });
}

export function countRows(host: Host, tables: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = (host.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

export const ALL_TABLES = [
  'workstation',
  'doctors',
  'shifts',
  'shift_revisions',
  'contacts',
  'contact_revisions',
  'audit',
  'rule_sets',
  'outbox',
  'load_cells',
  'load_hours',
];
