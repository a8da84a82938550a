// Command line for the claims office, scripts and tests (docs/rules.md §8):
//   band <ISO-instant> | price [--rules FILE] | claim --data DIR --doctor ID --from --to --format --out
//   workstation-id --data DIR | sync-configure --data DIR --server URL --token TOKEN (./sync.ts)
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createTariff } from '../../shared/tariff';
import { parseInstant } from '../../shared/time';
import { ruleSetSchema, type RuleSet } from '../../shared/rules/schema';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';
import { privateUmask } from '../private-files';
import { option } from './args';
import { priceLine } from './price-lines';

const USAGE = `Brug: vagtkonsol-cli band <ISO-tidspunkt>
       vagtkonsol-cli price [--rules FIL] < kontakter.jsonl
       vagtkonsol-cli claim --data MAPPE --doctor ID --from DATO --to DATO --format csv|json|pdf --out FIL
       vagtkonsol-cli workstation-id --data MAPPE
       vagtkonsol-cli sync-configure --data MAPPE --server URL --token NØGLE`;

function loadRules(file: string | undefined): RuleSet[] {
  if (!file) return [OK21_NATIONAL];
  const parsed = ruleSetSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Regelsættet i ${file} er ugyldigt: ${parsed.error.issues[0]?.message}`);
  }
  return [parsed.data];
}

async function band(args: string[]): Promise<number> {
  const ms = args[0] === undefined ? null : parseInstant(args[0]);
  if (ms === null) {
    process.stderr.write('Angiv et ISO-8601-tidspunkt med zone, fx 2025-03-04T15:00:00Z.\n');
    return 2;
  }
  const d = createTariff(loadRules(option(args, '--rules'))).decide(ms);
  process.stdout.write(JSON.stringify(d) + '\n');
  return 0;
}

async function price(args: string[]): Promise<number> {
  const tariff = createTariff(loadRules(option(args, '--rules')));
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = false;
  let lineNo = 0;
  const out: string[] = [];
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    const r = priceLine(tariff, raw, lineNo);
    failed ||= r.failed;
    out.push(r.text);
    if (out.length >= 4096) process.stdout.write(out.splice(0).join('\n') + '\n');
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
  return failed ? 2 : 0;
}

async function main(argv: string[]): Promise<number> {
  // Exports, the database's WAL and temp files: readable by the user alone (0600).
  privateUmask();
  const [command, ...rest] = argv;
  switch (command) {
    case 'band':
      return band(rest);
    case 'price':
      return price(rest);
    case 'claim': {
      const { claimCommand } = await import('./claim');
      return claimCommand(rest);
    }
    case 'workstation-id':
    case 'sync-configure': {
      const { syncCommand } = await import('./sync');
      return syncCommand(command, rest);
    }
    default:
      process.stderr.write(USAGE + '\n');
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Fejl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
