// Claims benchmark (issue 6): one doctor's claim of 10 000 contacts, built from the database,
// exported to CSV and PDF (target: CSV + PDF ≤ 2 s), and marked claimed. Prints numbers.
import { performance } from 'node:perf_hooks';
import type { Shift } from '../shared/contract/models';
import { commitRevision } from '../host/stores/contacts';
import { commitShift } from '../host/stores/shifts';
import { commitClaim, draftClaim } from '../host/claims/service';
import { claimToCsv } from '../host/claims/export-csv';
import { claimToPdf } from '../host/claims/export-pdf';
import { NIGHT, finishedContact, seedDoctors } from '../host/claims/testing/night';
import { testHost } from '../host/claims/testing/host';

const N = 10_000;
const FROM = '2025-01-01';
const TO = '2025-01-31';

function ms(t0: number): string {
  return `${(performance.now() - t0).toFixed(0)} ms`;
}

/** CPU time of this process (user + system), ms: steadier than wall time on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export async function runClaimsBench(): Promise<void> {
  const h = testHost('2025-02-01T12:00:00.000Z');
  try {
    const t0 = performance.now();
    h.db.transaction(() => {
      seedDoctors(h.db, h.ctx.deviceId);
      const s: Shift = {
        id: NIGHT.anneShift,
        rev: 1,
        doctorId: NIGHT.anne,
        workstationId: h.ctx.deviceId,
        openedAt: '2024-12-31T00:00:00.000Z',
        closedAt: null,
      };
      commitShift(h.db, s, 'open', NIGHT.anne, s.openedAt, false);
      const start = Date.parse('2025-01-01T00:00:00.000Z');
      const step = Math.floor((31 * 86_400_000) / N);
      for (let i = 0; i < N; i++) {
        const answered = start + i * step;
        const c = finishedContact(h.ctx, h.ctx.deviceId, {
          n: i + 1,
          answered,
          ended: answered + 240_000,
          group: i % 20 === 0 ? 2 : 1,
          video:
            i % 9 === 0
              ? { doctorId: NIGHT.anne, requested: answered + 60_000, connected: answered + 90_000 }
              : undefined,
        });
        commitRevision(h.db, c, { action: 'end', sync: false });
      }
    })();
    console.log(`seed ${N} contacts: ${ms(t0)}`);

    const req = { doctorId: NIGHT.anne, from: FROM, to: TO };
    let t = performance.now();
    const { claim } = draftClaim(h.db, h.ctx.tariff, req, '2025-02-01T12:00:00.000Z');
    console.log(
      `build claim (query + arithmetic): ${ms(t)} — ${claim.lines.length} lines, ${claim.separate.length} separate, ${claim.totals.grandTotal}`,
    );
    t = performance.now();
    const cpu0 = cpuMs();
    const csv = claimToCsv(claim);
    const csvMs = performance.now() - t;
    console.log(`CSV: ${csvMs.toFixed(0)} ms, ${(csv.length / 1024).toFixed(0)} KiB`);
    t = performance.now();
    const pdf = await claimToPdf(claim);
    const pdfMs = performance.now() - t;
    console.log(`PDF: ${pdfMs.toFixed(0)} ms, ${(pdf.length / 1024).toFixed(0)} KiB`);
    const total = csvMs + pdfMs;
    console.log(
      `CSV + PDF: ${total.toFixed(0)} ms wall, ${(cpuMs() - cpu0).toFixed(0)} ms CPU (target ≤ 2000 ms: ${total <= 2000 ? 'met' : 'NOT met'})`,
    );
    t = performance.now();
    const stored = commitClaim(h.db, h.ctx.tariff, req, {
      generatedAt: '2025-02-01T12:00:00.000Z',
      createdBy: null,
      deviceId: h.ctx.deviceId,
    });
    console.log(
      `export with marking (build + store ${stored.lines.length + stored.separate.length} lines): ${ms(t)}`,
    );
    t = performance.now();
    const again = draftClaim(h.db, h.ctx.tariff, req, '2025-02-01T12:00:00.000Z').claim;
    console.log(`preview after marking (all claimed): ${ms(t)} — ${again.lines.length} lines`);
  } finally {
    h.cleanup();
  }
}
