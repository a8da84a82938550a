// Browser mode entry: `npx tsx web/main.ts [--data DIR] [--port N] [--no-open] [--help]`
// (bundled as dist/web/main.cjs). Serves the console on 127.0.0.1 and opens it in
// Chromium/Chrome through a one-time launch page (web/launch.ts): no secret on any command
// line or on stdout. A second start on the same data folder opens a window to the running one.
import path from 'node:path';
import { DataInUseError } from '../host/data-lock';
import { createLogger } from '../host/log';
import { privateUmask } from '../host/private-files';
import { parseBrowserArgs, USAGE, UsageError, type BrowserArgs } from './args';
import { launchFileUrl, requestLaunchPage } from './launch';
import { describeStartError } from './start-errors';
import { openAppWindow } from './open-browser';
import { startBrowserHost } from './server';

export { startBrowserHost } from './server';
export type { BrowserHost, BrowserHostOptions } from './server';

/** Another process holds the folder: open a window to it when it is browser mode. */
async function openRunning(err: DataInUseError, args: BrowserArgs): Promise<never> {
  if (err.owner?.mode === 'browser' && err.owner.port && err.owner.launchKey) {
    try {
      const file = await requestLaunchPage(err.owner);
      console.log(
        `Vagtkonsol kører allerede på denne datamappe (http://127.0.0.1:${err.owner.port}/).`,
      );
      if (args.open && openAppWindow(launchFileUrl(file), args.dataDir)) {
        console.log('Et nyt vindue til den er åbnet.');
      } else {
        console.log(`Åbningsside (virker én gang): ${launchFileUrl(file)}`);
      }
      process.exit(0);
    } catch {
      // Not answering: fall through to the plain refusal.
    }
  }
  console.error(
    `Vagtkonsol: datamappen ${err.dataDir} er i brug af en anden Vagtkonsol` +
      (err.pid ? ` (pid ${err.pid})` : '') +
      '. Luk den først.',
  );
  process.exit(75);
}

async function main(): Promise<void> {
  privateUmask();
  let args: BrowserArgs;
  try {
    args = parseBrowserArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof UsageError ? err.message : String(err));
    process.exit(2); // a usage error, as on every command line of the project
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const dataDir = path.resolve(args.dataDir);
  let bh;
  try {
    bh = await startBrowserHost({
      dataDir,
      port: args.port,
      portFallback: args.defaultPort,
      open: args.open,
    });
  } catch (err) {
    if (err instanceof DataInUseError) return openRunning(err, args);
    createLogger(dataDir).error('browser mode could not start', err);
    console.error(describeStartError(err, dataDir));
    process.exit(1);
  }
  console.log(`Vagtkonsol (browser mode) listening on ${bh.url}`);
  const launch = launchFileUrl(bh.launchFile);
  if (bh.dbError) {
    console.error(
      `Vagtkonsol: databasen kan ikke bruges: ${bh.dbError.message} (se siden i vinduet og loggen ${path.join(dataDir, 'logs')}).`,
    );
  }
  if (!args.open) {
    console.log(`Åbningsside (virker én gang): ${launch}`);
  } else if (!openAppWindow(launch, dataDir)) {
    console.log(`Ingen Chromium eller Chrome fundet. Åbn denne side i en browser: ${launch}`);
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
  // Logging out of the desktop session hangs up the terminal: close as cleanly as on Ctrl-C.
  process.on('SIGHUP', stop);
}

// Run only as a program (tsx web/main.ts or dist/web/main.cjs), not on import.
if (/[\\/]web[\\/]main\.(ts|cjs|js|mjs)$/.test(process.argv[1] ?? '')) void main();
