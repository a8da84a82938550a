// The host: opens the data folder's database, builds the contract implementation and the
// dispatcher, starts the band ticker and the daily backup. Both shells (Electron IPC and
// browser-mode HTTP) sit on top of this and nothing else.
import path from 'node:path';
import { createTariff } from '../shared/tariff';
import { createDispatcher, type Dispatch } from '../shared/contract/dispatcher';
import type { Impl } from '../shared/contract/dispatcher';
import type { Clock } from './clock';
import { realClock } from './clock';
import type { HostContext } from './context';
import { dailyBackup } from './db/backup';
import { openDatabase, type DB } from './db/open';
import { HostEvents } from './events';
import { startBandTicker } from './impl/clock';
import { createImpl } from './impl/index';
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

export function createHost(opts: HostOptions): Host {
  const clock = opts.clock ?? realClock;
  const db = openDatabase(path.join(opts.dataDir, DB_FILE), { migrationsDir: opts.migrationsDir });
  const deviceId = ensureWorkstation(db, new Date(clock.now()).toISOString());
  const ctx: HostContext = {
    db,
    clock,
    deviceId,
    mode: opts.mode,
    version: opts.version ?? APP_VERSION,
    events: new HostEvents(),
    tariff: createTariff(allRuleSets(db)),
    session: null,
  };
  const impl = createImpl(ctx);
  const dispatch = createDispatcher(
    impl,
    opts.onInternalError ?? ((m, err) => console.error(`[host] ${m} failed:`, err)),
  );
  const stopTicker = opts.ticker === false ? () => {} : startBandTicker(ctx);
  let closed = false;
  let backupTimer: NodeJS.Timeout | null = null;
  const runBackup = async (): Promise<string | null> => {
    if (closed || opts.backups === false) return null;
    try {
      return await dailyBackup(db, path.join(opts.dataDir, 'backups'), clock.now());
    } catch (err) {
      if (!closed) console.error('[host] backup failed:', err);
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
