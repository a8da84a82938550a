// Seeds a month of region records into a store and times the audit over it (bench/audit.ts runs
// this in a process of its own, since bench/ does not import server/). Prints one JSON line.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Contact, Shift } from '../../shared/contract/models';
import { fixtureDoctorId, makeContact } from '../../shared/sync/testing/contact-fixture';
import { regionAudit } from '../audit';
import { openStorage } from '../store/open';
import type { NewItem } from '../store/types';

const DAYS = 30;
const DOCTORS = 40;
const PER_NIGHT = 50;
const min = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function main(place: string[]): Promise<void> {
  const i = place.indexOf('--database');
  const dir = i >= 0 ? null : mkdtempSync(join(tmpdir(), 'vagt-bench-audit-'));
  const store = await openStorage(
    i >= 0 ? { databaseUrl: place[i + 1] } : { dataDir: dir ?? undefined },
  );
  try {
    const t0 = performance.now();
    const storedAt = new Date().toISOString();
    const item = (id: string, type: string, payload: object, ws: string, c?: Contact): NewItem => {
      const text = JSON.stringify(payload);
      return {
        id,
        type,
        rev: 1,
        deviceId: ws,
        payload: text,
        hash: createHash('sha256').update(text).digest('base64'),
        storedAt,
        ...(c ? { contact: { answeredAt: c.answeredAt, status: c.status } } : {}),
      };
    };
    let contacts = 0;
    for (let day = 0; day < DAYS; day++) {
      const batch: NewItem[] = [];
      // Each doctor works a 16:00–08:00 night (15:00–07:00 UTC in January) at a workstation.
      const open = Date.UTC(2025, 0, 1 + day, 15, 0, 0);
      for (let d = 0; d < DOCTORS; d++) {
        // Contact ids derive from the first 24 characters of the workstation id.
        const ws = `${(day * DOCTORS + d).toString(16).padStart(8, '0')}-0000-4000-8000-00000000000b`;
        const doctorId = fixtureDoctorId(d);
        const shiftId = `${ws.slice(0, 24)}ffffffffffff`;
        const shift: Shift = {
          id: shiftId,
          rev: 1,
          doctorId,
          workstationId: ws,
          openedAt: iso(open),
          closedAt: iso(open + 16 * 60 * min),
        };
        batch.push(item(shiftId, 'shift', shift, ws));
        for (let k = 0; k < PER_NIGHT; k++) {
          const at = open + 5 * min + k * 19 * min;
          // One contact in 500 lies outside the shift, so the audit has something to say.
          const answered = contacts % 500 === 0 ? open - 30 * min : at;
          const c = makeContact(ws, k, 1, {
            doctorId,
            revisedBy: doctorId,
            shiftId,
            answeredAt: iso(answered),
            endedAt: iso(answered + 4 * min),
            revisedAt: iso(answered + 4 * min),
          });
          batch.push(item(c.id, 'contact', c, ws, c));
          contacts++;
        }
      }
      await store.items.write((tx) => tx.insert(batch));
    }
    const seedMs = performance.now() - t0;
    const t1 = performance.now();
    const audit = await regionAudit(store, { from: '2025-01-01', to: '2025-01-31' });
    const auditMs = performance.now() - t1;
    process.stdout.write(
      JSON.stringify({
        backend: store.kind,
        contacts,
        findings: audit.findings.length,
        seedMs: Math.round(seedMs),
        auditMs: Math.round(auditMs),
      }) + '\n',
    );
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
