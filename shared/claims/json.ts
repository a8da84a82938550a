// JSON export (R-CLAIM-2): the claim in its versioned schema (`vagtkonsol.claim/1`,
// docs/claim-schema.json). Key order is the schema's, so the same claim gives the same bytes.
import { claimSchema, type Claim } from './model';

/** The JSON as text; the caller writes it as UTF-8. */
export function claimJsonText(claim: Claim): string {
  // Parsing through the schema fixes the key order whatever object the claim came from.
  return JSON.stringify(claimSchema.parse(claim), null, 2) + '\n';
}
