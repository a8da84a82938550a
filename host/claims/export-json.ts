// JSON export (R-CLAIM-2): shared/claims/json.ts, the same for the region's server.
import type { Claim } from '../../shared/claims/model';
import { claimJsonText } from '../../shared/claims/json';

export function claimToJson(claim: Claim): Buffer {
  return Buffer.from(claimJsonText(claim), 'utf8');
}
