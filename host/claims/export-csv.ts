// CSV export (R-CLAIM-2): the layout is shared/claims/csv.ts, the same for the region's server.
import type { Claim } from '../../shared/claims/model';
import { claimCsvText } from '../../shared/claims/csv';

export function claimToCsv(claim: Claim): Buffer {
  return Buffer.from(claimCsvText(claim), 'utf8');
}
