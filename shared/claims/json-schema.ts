// The claim's published JSON Schema (docs/claim-schema.json), derived from the zod schema so the
// file can never drift from the code. Regenerate: npx tsx host/claims/gen-schema.ts
import { z } from 'zod';
import { CLAIM_SCHEMA_ID, claimSchema } from './model';

export function buildClaimJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(claimSchema, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: 'https://vagtkonsol.dk/schema/claim-1.json',
    title: `Vagtkonsol claim (${CLAIM_SCHEMA_ID})`,
    description:
      'A shift claim (docs/rules.md §6) as exported in JSON and stored canonically. Amounts are integer øre. ' +
      'Generated from shared/claims/model.ts by `npx tsx host/claims/gen-schema.ts`; do not edit.',
  };
}

export function claimJsonSchemaText(): string {
  return JSON.stringify(buildClaimJsonSchema(), null, 2) + '\n';
}
