// Command line for the claims office, scripts and tests (docs/rules.md §8):
//   band <ISO-instant> [--rules FILE] | price [--rules FILE] | claim --data DIR --doctor ID --from --to --format --out
//   workstation-id --data DIR | sync-configure --data DIR --server URL --token TOKEN (./sync.ts)
import { readFileSync } from 'node:fs';
import { createTariff } from '../../shared/tariff';
import { parseInstant } from '../../shared/time';
import { ruleSetSchema, type RuleSet } from '../../shared/rules/schema';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';
import { privateUmask } from '../private-files';
import { parseOptions, USAGE_EXIT, UsageError } from './args';
import { priceBytes } from './price-lines';
import { danishIssues } from './zod-da';

const USAGE = `Brug: vagtkonsol-cli band <ISO-tidspunkt> [--rules FIL]
       vagtkonsol-cli price [--rules FIL] < kontakter.jsonl
       vagtkonsol-cli claim --data MAPPE --doctor ID --from DATO --to DATO --format csv|json|pdf --out FIL
       vagtkonsol-cli workstation-id --data MAPPE
       vagtkonsol-cli sync-configure --data MAPPE --server URL --token NØGLE`;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** A rule-set file; every problem with it is a usage error naming the file. */
function loadRules(file: string | undefined): RuleSet[] {
  if (!file) return [OK21_NATIONAL];
  let json: unknown;
  try {
    json = JSON.parse(utf8Strict.decode(readFileSync(file)));
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `Regelsætfilen ${file} findes ikke.`
        : code === 'EISDIR'
          ? `${file} er en mappe, ikke en regelsætfil.`
          : `Regelsætfilen ${file} er ikke gyldig JSON i UTF-8.`,
    );
  }
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(`Regelsættet i ${file} er ugyldigt: ${danishIssues(parsed.error)}.`);
  return [parsed.data];
}

async function band(args: string[]): Promise<number> {
  const { options, positionals } = parseOptions(args, { names: ['rules'], positionals: 1 });
  const ms = positionals[0] === undefined ? null : parseInstant(positionals[0]);
  if (ms === null)
    throw new UsageError('Angiv et ISO-8601-tidspunkt med zone, fx 2025-03-04T15:00:00Z.');
  const d = createTariff(loadRules(options.rules)).decide(ms);
  process.stdout.write(JSON.stringify(d) + '\n');
  return 0;
}

/** Lines of stdin as bytes, so each is decoded strictly (invalid UTF-8 is refused per line). */
async function* stdinLines(): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    rest = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let nl: number;
    while ((nl = rest.indexOf(10)) >= 0) {
      const end = nl > 0 && rest[nl - 1] === 13 ? nl - 1 : nl;
      yield rest.subarray(0, end);
      rest = rest.subarray(nl + 1);
    }
  }
  if (rest.length) yield rest;
}

async function price(args: string[]): Promise<number> {
  const { options } = parseOptions(args, { names: ['rules'] });
  const tariff = createTariff(loadRules(options.rules));
  let failed = false;
  let lineNo = 0;
  const out: string[] = [];
  for await (const raw of stdinLines()) {
    lineNo++;
    if (raw.toString('latin1').trim() === '') continue;
    const r = priceBytes(tariff, raw, lineNo);
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
    case undefined:
      process.stderr.write(USAGE + '\n');
      return USAGE_EXIT;
    default:
      throw new UsageError(
        `Ukendt kommando "${command}". Kommandoer: band, price, claim, workstation-id, sync-configure.`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A usage error is one Danish line and exit 2; anything else exit 1, never a stack or zod dump.
    const usage = err instanceof UsageError;
    process.stderr.write(`Fejl: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = usage ? USAGE_EXIT : 1;
  },
);
