// Writes docs/sync-schema.json from the zod schemas in shared/sync (a test fails when it is stale).
// Usage: npx tsx server/gen-schema.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { syncJsonSchemaText } from '../shared/sync/json-schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/sync-schema.json', import.meta.url));

function main(): void {
  const text = syncJsonSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${SCHEMA_FILE} is stale; run: npx tsx server/gen-schema.ts`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
