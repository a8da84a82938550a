// GET /v1/audit?from=DATE&to=DATE (supervisor devices): the region audit of R-AUDIT-1 for the
// console, the same list as `npm run server -- audit`.
import { MAX_AUDIT_DAYS } from '../shared/audit/schema';
import type { RegionAuditReport } from '../shared/audit/schema';
import { isLocalDate, localRangeMs } from '../shared/claims/period';
import { regionAudit } from './audit';
import type { Storage } from './store/types';

export class AuditQueryError extends Error {}

export async function auditAnswer(
  store: Storage,
  from: string | null,
  to: string | null,
): Promise<RegionAuditReport> {
  if (from === null || to === null || !isLocalDate(from) || !isLocalDate(to) || to < from) {
    throw new AuditQueryError('from and to must be dates YYYY-MM-DD, from ≤ to');
  }
  const { fromMs, toMs } = localRangeMs(from, to);
  // Built in memory: a bounded period keeps one request from taking the server.
  if (toMs - fromMs > (MAX_AUDIT_DAYS + 1) * 86_400_000) {
    throw new AuditQueryError(`period longer than ${MAX_AUDIT_DAYS} days`);
  }
  return regionAudit(store, { from, to });
}
