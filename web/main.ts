// Browser mode entry: `npx tsx web/main.ts [--data DIR] [--port N] [--no-open]`
// (bundled as dist/web/main.cjs). Serves the console on 127.0.0.1 with a per-launch
// token and opens it in Chromium/Chrome when one is installed.
import path from 'node:path';
import { DataInUseError } from '../host/data-lock';
import { parseBrowserArgs } from './args';
import { openAppWindow } from './open-browser';
import { startBrowserHost } from './server';

export { startBrowserHost } from './server';
export type { BrowserHost, BrowserHostOptions } from './server';

async function main(): Promise<void> {
  let args;
  try {
    args = parseBrowserArgs(process.argv.slice(2));
  } catch (err) {
    console.error(String((err as Error).message));
    process.exit(64);
  }
  let bh;
  try {
    bh = await startBrowserHost({
      dataDir: path.resolve(args.dataDir),
      port: args.port,
      open: args.open,
    });
  } catch (err) {
    if (err instanceof DataInUseError) {
      console.error(
        `Vagtkonsol: the data folder ${err.dataDir} is in use by another Vagtkonsol (pid ${err.pid}).`,
      );
      process.exit(75);
    }
    console.error(`Vagtkonsol could not start: ${String((err as Error).message)}`);
    process.exit(1);
  }
  console.log(`Vagtkonsol (browser mode) listening on ${bh.url}`);
  if (bh.dbError) console.error(`Vagtkonsol: database problem: ${bh.dbError.message}`);
  if (args.open && !openAppWindow(bh.url, args.dataDir)) {
    console.log('No Chromium or Chrome found; open the address above in a browser.');
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Close the database cleanly (WAL checkpoint) before exiting.
    void bh.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// Run only as a program (tsx web/main.ts or dist/web/main.cjs), not on import.
if (/[\\/]web[\\/]main\.(ts|cjs|js|mjs)$/.test(process.argv[1] ?? '')) void main();
