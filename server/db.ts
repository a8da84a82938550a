// The server's own SQLite database: WAL, synchronous=FULL (an acknowledged push survives power
// loss), and numbered migrations tracked in PRAGMA user_version, each applied in one transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
  // 1: devices, the append-only item log, and the latest contact revisions for /v1/load.
  `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('workstation', 'supervisor')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  -- Every stored (id, rev), in server order. seq is the pull cursor. device_id is 'server' for
  -- roster and rule sets. hash is sha256 of the canonical payload, for duplicate detection.
  CREATE TABLE items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    rev INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    hash TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    UNIQUE (id, rev)
  );
  CREATE INDEX items_device ON items (device_id, seq);
  CREATE INDEX items_type ON items (type, seq);
  -- Latest revision of each contact for the load report (R-LOAD-1): a pointer to its item row,
  -- so a push writes each payload once.
  CREATE TABLE contacts_latest (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL REFERENCES items (seq),
    answered_at TEXT NOT NULL,
    status TEXT NOT NULL
  );
  CREATE INDEX contacts_latest_answered ON contacts_latest (answered_at);
  `,
];

export function openServerDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'sync-server.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A push batch writes ~1–2 MB; checkpointing every 4 MB (the default) would fsync the main
  // file every other batch. 64 MB keeps the WAL bounded while amortising checkpoints.
  db.pragma('wal_autocheckpoint = 16384');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
