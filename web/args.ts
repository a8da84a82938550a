// Command line of browser mode: [--data DIR] [--port N] [--no-open]
import { defaultDataDir } from '../host/data-lock';

export interface BrowserArgs {
  dataDir: string;
  port: number;
  open: boolean;
}

export function parseBrowserArgs(argv: string[]): BrowserArgs {
  const out: BrowserArgs = { dataDir: defaultDataDir(), port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--data') out.dataDir = value();
    else if (a.startsWith('--data=')) out.dataDir = a.slice(7);
    else if (a === '--port') out.port = parsePort(value());
    else if (a.startsWith('--port=')) out.port = parsePort(a.slice(7));
    else if (a === '--no-open') out.open = false;
    else throw new Error(`Unknown option ${a} (use --data DIR, --port N, --no-open)`);
  }
  return out;
}

function parsePort(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port must be 0–65535, got ${s}`);
  return n;
}
