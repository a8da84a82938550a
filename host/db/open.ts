// Opens the workstation database: WAL (readers never block the writer), synchronous=FULL (an
// acknowledged call survives power loss), foreign keys on, quick_check before anything is
// written, then migrations. Failures become DatabaseOpenError so the shell can show them.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseOpenError } from './errors';
import { findMigrationsDir, loadMigrations, migrate } from './migrate';

export interface OpenOptions {
  migrationsDir?: string;
  /** Stop at this migration (tests of a single migration). */
  upTo?: number;
  readonly?: boolean;
}

export type DB = Database.Database;

export function applyPragmas(db: DB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: DB;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false });
  } catch (err) {
    throw new DatabaseOpenError(
      'corrupt',
      `The database file cannot be opened: ${String(err)}`,
      file,
    );
  }
  try {
    applyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DatabaseOpenError('corrupt', `quick_check failed: ${String(check)}`, file);
    }
    if (!opts.readonly)
      migrate(db, loadMigrations(findMigrationsDir(opts.migrationsDir)), opts.upTo);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof DatabaseOpenError) throw err;
    // SQLITE_NOTADB / SQLITE_CORRUPT surface from the first statement, not from the constructor.
    const code = (err as { code?: string }).code ?? '';
    if (/NOTADB|CORRUPT/.test(code)) {
      throw new DatabaseOpenError('corrupt', `The database file is damaged: ${String(err)}`, file);
    }
    throw err;
  }
}
