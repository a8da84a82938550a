// Command line of browser mode: [--data DIR] [--port N] [--no-open] [--help]
import { defaultDataDir } from '../host/data-lock';

/**
 * The default port: fixed, so the console's origin (and with it the language, night mode and
 * drafts kept in the page's storage) is the same after a restart. Taken: a free one instead.
 */
export const DEFAULT_PORT = 41717;

export interface BrowserArgs {
  dataDir: string;
  port: number;
  /** True when no --port was given (the default port may fall back to a free one). */
  defaultPort: boolean;
  open: boolean;
  help: boolean;
}

export const USAGE = `Brug: npm start -- [--data MAPPE] [--port N] [--no-open] [--help]

Starter Vagtkonsol i browsertilstand på 127.0.0.1.
  --data MAPPE   datamappe (standard: ${defaultDataDir()})
  --port N       port (standard: ${DEFAULT_PORT}; 0 = en ledig port)
  --no-open      åbn ikke et browservindue; skriv åbningssidens sti i stedet
  --help         vis denne hjælp
Kører Vagtkonsol allerede på samme datamappe, åbnes et nyt vindue til den.`;

/** A bad command line; the message is Danish and ends with how to get help. */
export class UsageError extends Error {}

export function parseBrowserArgs(argv: string[]): BrowserArgs {
  const out: BrowserArgs = {
    dataDir: defaultDataDir(),
    port: DEFAULT_PORT,
    defaultPort: true,
    open: true,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v === '' || v.startsWith('--'))
        throw new UsageError(`${a} mangler en værdi (se --help)`);
      return v;
    };
    if (a === '--data') out.dataDir = value();
    else if (a.startsWith('--data=')) out.dataDir = nonEmpty('--data', a.slice(7));
    else if (a === '--port') out.port = parsePort(value());
    else if (a.startsWith('--port=')) out.port = parsePort(nonEmpty('--port', a.slice(7)));
    else if (a === '--no-open') out.open = false;
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new UsageError(`Ukendt valgmulighed ${a} (se --help)`);
    if (a.startsWith('--port')) out.defaultPort = false;
  }
  return out;
}

function nonEmpty(flag: string, v: string): string {
  if (v === '') throw new UsageError(`${flag} mangler en værdi (se --help)`);
  return v;
}

function parsePort(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port skal være et tal fra 0 til 65535, ikke "${s}" (se --help)`);
  return n;
}
