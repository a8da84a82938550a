// R-AUDIT-1 on the server: the claims office's audit over every synced record of the region in a
// period (`npm run server -- audit`). The findings themselves are the pure shared/audit code; this
// file only reads the stored records and the region's claim marks (R-CLAIM-5), and writes them
// out as JSON or Danish-spreadsheet CSV.
import { auditFindings, DEFAULT_MIN_VIDEO_SECONDS } from '../shared/audit/findings';
import type { ClaimMarkInfo, Finding } from '../shared/audit/findings';
import { localRangeMs } from '../shared/claims/period';
import type { Contact, Shift } from '../shared/contract/models';
import type { RuleSet } from '../shared/rules/schema';
import { doctorNames } from './reference';
import type { Storage } from './store/types';

export interface RegionAudit {
  from: string;
  to: string;
  generatedAt: string;
  minVideoSeconds: number;
  /** False only when the caller asked not to check claims: RETTET-EFTER-AFREGNING not checked. */
  claimsChecked: boolean;
  findings: Array<Finding & { doctorName: string }>;
}

/** A contact answered this long before the period may still be open in it (R-REC-1: ≤ 24 h). */
const DAY_MS = 86_400_000;

export async function regionAudit(
  store: Storage,
  opts: {
    from: string;
    to: string;
    minVideoSeconds?: number;
    generatedAt?: string;
    /**
     * Claim marks. Left out: the server's own claim store (the region's claims, R-CLAIM-5), so
     * "rettet efter afregning" is checked; null: not checked (said so in the output).
     */
    claims?: readonly ClaimMarkInfo[] | null;
  },
): Promise<RegionAudit> {
  const { fromMs, toMs } = localRangeMs(opts.from, opts.to);
  const contacts = (
    await store.load.contactsAnswered(new Date(fromMs).toISOString(), new Date(toMs).toISOString())
  ).map((p) => JSON.parse(p) as Contact);
  // Shifts are few (one per doctor and night): the latest of each, those touching the period.
  const shifts = (await store.items.latestOfType('shift'))
    .map((p) => JSON.parse(p) as Shift)
    .filter(
      (s) =>
        Date.parse(s.openedAt) < toMs &&
        (s.closedAt === null || Date.parse(s.closedAt) >= fromMs - DAY_MS),
    );
  const ruleSets = (await store.items.latestOfType('rules')).map((p) => JSON.parse(p) as RuleSet);
  const claims =
    opts.claims === undefined
      ? await store.claims.marksAnswered(
          new Date(fromMs).toISOString(),
          new Date(toMs).toISOString(),
        )
      : opts.claims;
  const names = await doctorNames(store);
  const minVideoSeconds = opts.minVideoSeconds ?? DEFAULT_MIN_VIDEO_SECONDS;
  const findings = auditFindings({
    contacts,
    shifts,
    ruleSets,
    claims,
    minVideoSeconds,
  });
  return {
    from: opts.from,
    to: opts.to,
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    minVideoSeconds,
    claimsChecked: claims !== null,
    findings: findings.map((f) => ({ ...f, doctorName: names.get(f.doctorId) ?? f.doctorId })),
  };
}

/** Quotes a field holding the separator, a quote or a line break; defuses spreadsheet formulas. */
function field(value: string): string {
  const safe = /^[=+@\t\r-]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV for Danish spreadsheets: `;`, UTF-8 with BOM, CRLF; one row per finding. */
export function auditCsv(a: RegionAudit): string {
  const rows = [
    ['Fund-id', 'Kode', 'Læge', 'Læge-id', 'Kontakt-id', 'Tidspunkt (UTC)', 'Tekst'],
    ...a.findings.map((f) => [
      f.id,
      f.code,
      f.doctorName,
      f.doctorId,
      f.contactId ?? '',
      f.at,
      f.text,
    ]),
  ];
  if (!a.claimsChecked) {
    rows.push([
      '',
      '',
      '',
      '',
      '',
      '',
      'Bemærk: afregningerne er ikke læst; "rettet efter afregning" er ikke kontrolleret.',
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}
