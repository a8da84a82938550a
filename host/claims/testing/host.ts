// A host on a fresh temporary data folder with the test clock, for claim tests and the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manualClock } from '../../clock';
import { createHost, type Host } from '../../host';

export function testHost(
  nowIso: string,
): Host & { clock: ReturnType<typeof manualClock>; cleanup(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vagt-claims-'));
  const clock = manualClock(Date.parse(nowIso));
  const host = createHost({ dataDir, mode: 'browser', clock, backups: false, ticker: false });
  return Object.assign(host, {
    clock,
    cleanup() {
      host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Calls a contract method and returns its value, or throws the host's error shape. */
// Test helper: callers read fields of many method outputs, so the value is left untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call(host: Host, method: string, input: unknown = {}): Promise<any> {
  const r = await host.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(JSON.stringify(r.error)), { hostError: r.error });
  return r.value;
}
