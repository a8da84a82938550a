// GET /v1/load: R-LOAD-1 per doctor per clock hour across every workstation, from the latest
// stored revision of each contact. The cell arithmetic is shared/load (the same code as the
// workstation's local load view), so the server and local reports never disagree.
import type { Contact } from '../shared/contract/models';
import { contactLoadRows } from '../shared/load/cells';
import { HOUR_MS, hourStart } from '../shared/load/hours';
import { buildLoadReport, sumRows } from '../shared/load/report';
import type { LoadResponse } from '../shared/sync/protocol';

/** Whole clock hours covering [from, to), as the local view rounds them. */
export function hourRange(fromIso: string, toIso: string): { fromMs: number; toMs: number } {
  const fromMs = hourStart(Date.parse(fromIso));
  const toMs = Math.max(fromMs, hourStart(Date.parse(toIso) - 1) + HOUR_MS);
  return { fromMs, toMs };
}

export function computeLoad(
  contacts: Iterable<Contact>,
  names: Map<string, string>,
  fromIso: string,
  toIso: string,
): LoadResponse {
  const { fromMs, toMs } = hourRange(fromIso, toIso);
  // contactLoadRows returns nothing for voided contacts.
  const rows = [...contacts].flatMap((c) => contactLoadRows(c, { fromMs, toMs }));
  const report = buildLoadReport(sumRows(rows, fromMs, toMs), {
    source: 'server',
    asOf: new Date().toISOString(),
    from: fromIso,
    to: toIso,
    thresholds: { amber: 12, red: 20 },
    names,
  });
  return { doctors: report.doctors };
}
