// The host: opens the data folder's database, builds the contract implementation and the
// dispatcher, starts the band ticker and the daily backup. Both shells (Electron IPC and
// browser-mode HTTP) sit on top of this and nothing else.
import path from 'node:path';
import { createTariff } from '../shared/tariff';
import { createDispatcher, type Dispatch } from '../shared/contract/dispatcher';
import type { Impl } from '../shared/contract/dispatcher';
import { HostError } from '../shared/contract/errors';
import type { Clock } from './clock';
import { realClock } from './clock';
import type { HostContext } from './context';
import { dailyBackup } from './db/backup';
import { isDiskFull } from './db/errors';
import { checkRecords, type RecordProblem } from './db/record-check';
import { openDatabase, type DB } from './db/open';
import { HostEvents } from './events';
import { startBandTicker } from './impl/clock';
import { createImpl } from './impl/index';
import { createLogger, type Logger } from './log';
import { allRuleSets } from './impl/rules';
import { ensureWorkstation } from './stores/workstation';
import { createSyncController, type SyncController, type SyncLink } from './sync-link';
import { APP_VERSION } from './version';
import { createPhoneLink } from './phone/link';

export const DB_FILE = 'vagtkonsol.db';

export interface HostOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  clock?: Clock;
  version?: string;
  migrationsDir?: string;
  /** Daily backup into dataDir/backups (default on). */
  backups?: boolean;
  /** Band-change timer (default on). */
  ticker?: boolean;
  /** Start the sync client when dataDir has sync-config.json (default on). */
  sync?: boolean;
  /** Electron's safeStorage decryption of the stored device token, when available. */
  decryptSyncToken?: (cipher: Buffer) => string;
  /** Electron's safeStorage encryption of the device token when sync.configure saves it. */
  encryptSyncToken?: (plain: string) => Buffer;
  onInternalError?: (method: string, err: unknown) => void;
  /** better-sqlite3's compiled module (the Electron build; see db/native.ts). */
  nativeBinding?: string;
  /** The data folder's log (default: one in dataDir/logs). */
  logger?: Logger;
  /** The phone link (R-PHONE-1) listens when a supervisor has enabled it (default on). */
  phone?: boolean;
}

export interface Host {
  readonly dispatch: Dispatch;
  readonly events: HostEvents;
  readonly db: DB;
  readonly ctx: HostContext;
  readonly impl: Impl;
  readonly dataDir: string;
  /** Records whose current state does not match their latest revision, found at start. */
  readonly recordProblems: RecordProblem[];
  /** Resolves when the start-up backup has been written (or skipped). */
  readonly backupDone: Promise<string | null>;
  /** The running sync link (null when no server is configured or sync is off). */
  readonly sync: SyncLink | null;
  readonly syncControl: SyncController | null;
  /** Closes at once (the sync loop is aborted, not awaited). */
  close(): void;
  /** Stops the sync loop, then closes the database: what the shells call on exit. */
  shutdown(): Promise<void>;
}

/**
 * A full disk is not an internal error: the call says so, naming the folder whose disk is
 * full, and the renderer keeps what was typed (DISK_FULL).
 */
function withDiskFullErrors(impl: Impl, dataDir: string): Impl {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(impl) as Array<[string, (i: unknown) => unknown]>) {
    wrapped[name] = async (input) => {
      try {
        return await fn(input);
      } catch (err) {
        if (!(err instanceof HostError) && isDiskFull(err)) {
          throw new HostError('DISK_FULL', `The disk holding ${dataDir} is full`, {
            disk: dataDir,
          });
        }
        throw err;
      }
    };
  }
  return wrapped as unknown as Impl;
}

export function createHost(opts: HostOptions): Host {
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? createLogger(opts.dataDir);
  const db = openDatabase(path.join(opts.dataDir, DB_FILE), {
    migrationsDir: opts.migrationsDir,
    nativeBinding: opts.nativeBinding,
    backupsDir: path.join(opts.dataDir, 'backups'),
  });
  const deviceId = ensureWorkstation(db, new Date(clock.now()).toISOString());
  // Each record's current state against its latest revision; problems are named in the log.
  const recordProblems = checkRecords(db);
  for (const p of recordProblems) logger.error(`record check: ${p.table} ${p.id}: ${p.problem}`);
  const ctx: HostContext = {
    db,
    clock,
    deviceId,
    dataDir: opts.dataDir,
    mode: opts.mode,
    version: opts.version ?? APP_VERSION,
    events: new HostEvents(),
    tariff: createTariff(allRuleSets(db)),
    session: null,
  };
  const impl = createImpl(ctx);
  const dispatch = createDispatcher(
    withDiskFullErrors(impl, opts.dataDir),
    opts.onInternalError ??
      ((m, err) => {
        logger.error(`${m} failed`, err);
        console.error(`[host] ${m} failed:`, err);
      }),
  );
  const stopTicker = opts.ticker === false ? () => {} : startBandTicker(ctx);
  let closed = false;
  let backupTimer: NodeJS.Timeout | null = null;
  const runBackup = async (): Promise<string | null> => {
    if (closed || opts.backups === false) return null;
    try {
      return await dailyBackup(db, path.join(opts.dataDir, 'backups'), clock.now());
    } catch (err) {
      if (!closed) {
        logger.error('backup failed', err);
        console.error('[host] backup failed:', err);
      }
      return null;
    }
  };
  const backupDone = runBackup();
  const syncControl =
    opts.sync === false
      ? null
      : createSyncController(ctx, opts.dataDir, {
          decrypt: opts.decryptSyncToken,
          encrypt: opts.encryptSyncToken,
        });
  if (syncControl) ctx.sync = syncControl;
  if (opts.phone !== false) {
    ctx.phone = createPhoneLink(ctx);
    void ctx.phone.apply();
  }
  let syncStopped: Promise<void> | null = null;
  // Once only; after close() a late status read of the closed database is expected and ignored.
  const stopSync = () =>
    (syncStopped ??= (syncControl?.stop() ?? Promise.resolve()).catch(() => {}));
  if (opts.backups !== false) {
    // The app may run for days; check hourly whether today's backup exists.
    backupTimer = setInterval(() => void runBackup(), 3_600_000);
    backupTimer.unref();
  }
  return {
    dispatch,
    events: ctx.events,
    db,
    ctx,
    impl,
    dataDir: opts.dataDir,
    recordProblems,
    backupDone,
    get sync() {
      return syncControl?.link ?? null;
    },
    syncControl,
    close() {
      if (closed) return;
      closed = true;
      void stopSync();
      void ctx.phone?.stop();
      stopTicker();
      if (backupTimer) clearInterval(backupTimer);
      db.close();
    },
    async shutdown() {
      if (closed) return;
      await stopSync();
      await ctx.phone?.stop();
      this.close();
    },
  };
}
