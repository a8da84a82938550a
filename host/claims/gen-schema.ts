// Writes docs/claim-schema.json from the zod schema in shared/claims (a test fails when stale).
// Usage: npx tsx host/claims/gen-schema.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { claimJsonSchemaText } from '../../shared/claims/json-schema';

export const CLAIM_SCHEMA_FILE = fileURLToPath(
  new URL('../../docs/claim-schema.json', import.meta.url),
);

function main(): void {
  const text = claimJsonSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(CLAIM_SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${CLAIM_SCHEMA_FILE} is stale; run: npx tsx host/claims/gen-schema.ts`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(CLAIM_SCHEMA_FILE, text);
  console.log(`wrote ${CLAIM_SCHEMA_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
