// Opens the workstation database: WAL (readers never block the writer), synchronous=FULL (an
// acknowledged call survives power loss), foreign keys on, quick_check before anything is
// written, then migrations. Every failure becomes a classified DatabaseOpenError (native
// module, cannot open, disk full, corrupt, too new, needs recovery) so the shell can say which.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, makeDatabasePrivate } from '../private-files';
import { classifyOpenError, DatabaseOpenError } from './errors';
import { findMigrationsDir, loadMigrations, migrate } from './migrate';

export interface OpenOptions {
  migrationsDir?: string;
  /** Stop at this migration (tests of a single migration). */
  upTo?: number;
  readonly?: boolean;
  /** better-sqlite3's compiled module to load (the Electron build, see native.ts). */
  nativeBinding?: string;
  /**
   * Backups folder: when the database is missing or empty (0 bytes) while backups holding
   * data exist there, the open is refused as 'needs-recovery' instead of starting empty.
   */
  backupsDir?: string;
}

export type DB = Database.Database;

export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Backups in `dir` that are non-empty files (the recovery page offers the newest good one). */
function backupsWithBytes(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => /^vagt-.*\.db$/.test(f))
      .filter((f) => fs.statSync(path.join(dir, f)).size > 0);
  } catch {
    return [];
  }
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  try {
    ensurePrivateDir(path.dirname(file));
  } catch (err) {
    throw classifyOpenError(err, path.dirname(file));
  }
  if (opts.backupsDir && !opts.readonly) {
    const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
    if (size <= 0 && backupsWithBytes(opts.backupsDir).length > 0) {
      throw new DatabaseOpenError(
        'needs-recovery',
        size < 0
          ? `The database ${file} is missing, but backups exist in ${opts.backupsDir}.`
          : `The database ${file} is empty (0 bytes), but backups exist in ${opts.backupsDir}.`,
        file,
      );
    }
  }
  let db: DB;
  try {
    db = new Database(file, {
      readonly: opts.readonly ?? false,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (err) {
    throw classifyOpenError(err, file);
  }
  try {
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DatabaseOpenError('corrupt', `quick_check failed: ${String(check)}`, file);
    }
    if (!opts.readonly)
      migrate(db, loadMigrations(findMigrationsDir(opts.migrationsDir)), opts.upTo);
    if (!opts.readonly) makeDatabasePrivate(file);
    return db;
  } catch (err) {
    db.close();
    // SQLITE_NOTADB / SQLITE_CORRUPT / SQLITE_FULL surface from the first statement.
    throw classifyOpenError(err, file);
  }
}
