// Command-line option reading shared by the CLI's commands: node:util parseArgs in strict mode,
// its errors said in one Danish line (exit 2). A misspelt option is an error, never ignored.
import { parseArgs } from 'node:util';

/** A usage error: the caller prints `Fejl: <message>` and exits with USAGE_EXIT. */
export class UsageError extends Error {}
export const USAGE_EXIT = 2;

export interface OptionSpec {
  /** Option names without the dashes, e.g. ['data', 'doctor']. */
  names: readonly string[];
  /** Those that must be given. */
  required?: readonly string[];
  /** How many positional arguments the command takes (default none). */
  positionals?: number;
}

export interface Parsed {
  options: Record<string, string>;
  positionals: string[];
}

/** Edit distance, for "mente du --rules?" on a misspelt option. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function unknownOption(name: string, known: readonly string[]): UsageError {
  const bare = name.replace(/^-+/, '').replace(/=.*$/, '');
  const near = known.filter((k) => distance(bare, k) <= 2).sort();
  const hint = near.length
    ? ` Mente du --${near[0]}?`
    : known.length
      ? ` Kendte tilvalg: ${known.map((k) => `--${k}`).join(', ')}.`
      : ' Kommandoen har ingen tilvalg.';
  return new UsageError(`Ukendt tilvalg ${name.replace(/=.*$/, '')}.${hint}`);
}

/** Parses `args` strictly against `spec`; every problem is a UsageError with a Danish text. */
export function parseOptions(args: string[], spec: OptionSpec): Parsed {
  const options = Object.fromEntries(spec.names.map((n) => [n, { type: 'string' as const }]));
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    }));
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const quoted = /'(-[^' ]+)/.exec(e.message ?? '')?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(quoted, spec.names);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`${quoted || 'Et tilvalg'} mangler en værdi.`);
    throw new UsageError('Argumenterne kan ikke læses.');
  }
  const out: Record<string, string> = {};
  const positionals: string[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    // parseArgs takes `--doctor --from` as --doctor with the value "--from": refuse that.
    if (t.value === undefined || (t.inlineValue === false && t.value.startsWith('--')))
      throw new UsageError(`--${t.name} mangler en værdi.`);
    if (t.name in out) throw new UsageError(`--${t.name} er angivet mere end én gang.`);
    out[t.name] = t.value;
  }
  const allowed = spec.positionals ?? 0;
  if (positionals.length > allowed)
    throw new UsageError(`Uventet argument: ${positionals[allowed]}.`);
  for (const r of spec.required ?? []) if (!(r in out)) throw new UsageError(`--${r} mangler.`);
  return { options: out, positionals };
}
