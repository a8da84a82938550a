// Migration runner: numbered SQL files (001_init.sql, 002_….sql) applied in order, each in
// its own transaction together with the PRAGMA user_version bump, so a crash mid-migration
// leaves the database at the previous version rather than half-migrated.
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { DatabaseOpenError } from './errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{3})_[a-z0-9_-]+\.sql$/;

/** Where the SQL files live: dev (repo root), the bundles (dist/electron, dist/web → ../../migrations) or an override. */
export function findMigrationsDir(override?: string): string {
  const candidates = [
    override,
    process.env.VAGT_MIGRATIONS_DIR,
    typeof __dirname !== 'undefined' ? path.join(__dirname, '..', '..', 'migrations') : undefined,
    typeof __dirname !== 'undefined' ? path.join(__dirname, '..', 'migrations') : undefined,
    path.join(process.cwd(), 'migrations'),
  ];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, '001_init.sql'))) return dir;
  }
  throw new Error('Cannot find the migrations folder (001_init.sql)');
}

export function loadMigrations(dir: string): Migration[] {
  const list = fs
    .readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((f) => ({
      version: Number(FILE.exec(f)![1]),
      name: f,
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration numbers must be 001, 002, … without gaps: ${m.name}`);
  });
  return list;
}

export function userVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies pending migrations; refuses a database written by a newer app. Returns the new version. */
export function migrate(
  db: BetterSqlite3.Database,
  migrations: Migration[],
  upTo?: number,
): number {
  const latest = migrations.length;
  const current = userVersion(db);
  if (current > latest) {
    throw new DatabaseOpenError(
      'too-new',
      `The database is version ${current}, but this app only knows up to version ${latest}. Install a newer Vagtkonsol.`,
      db.name,
    );
  }
  const target = upTo ?? latest;
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      throw new DatabaseOpenError(
        'migration-failed',
        `Migration ${m.name} failed: ${String(err)}`,
        db.name,
      );
    }
  }
  return userVersion(db);
}
