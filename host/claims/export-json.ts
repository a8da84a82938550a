// JSON export (R-CLAIM-2): the claim in its versioned schema (`vagtkonsol.claim/1`,
// docs/claim-schema.json). Key order is the schema's, so the same claim gives the same bytes.
import { claimSchema, type Claim } from '../../shared/claims/model';

export function claimToJson(claim: Claim): Buffer {
  // Parsing through the schema fixes the key order whatever object the claim came from.
  return Buffer.from(JSON.stringify(claimSchema.parse(claim), null, 2) + '\n', 'utf8');
}
