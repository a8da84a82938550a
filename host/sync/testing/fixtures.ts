// Test fixtures: the outbox DDL of the host's migration 001 (docs/TEAM-NOTES.md), and
// contacts recorded into it as a workstation would.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { makeContact } from '../../../shared/sync/testing/contact-fixture';

export const OUTBOX_DDL = `CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('shift','contact','audit')),
  rev INTEGER NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','conflict','rejected')),
  last_error TEXT, done_at TEXT, UNIQUE(item_id, rev, type));
  CREATE INDEX IF NOT EXISTS outbox_status ON outbox(status, seq)`;

export function openWorkstationDb(dir: string, name = 'ws.db'): Database.Database {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(OUTBOX_DDL);
  return db;
}

export { makeContact };

/** Records `count` contacts in the outbox as the host would (one transaction). */
export function recordContacts(
  db: Database.Database,
  workstationId: string,
  count: number,
  start = 0,
): void {
  const insert = db.prepare(
    "INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES (?, 'contact', ?, ?, ?)",
  );
  db.transaction(() => {
    for (let i = start; i < start + count; i++) {
      const c = makeContact(workstationId, i);
      insert.run(c.id, c.rev, JSON.stringify(c), new Date().toISOString());
    }
  })();
}

export function outboxCounts(db: Database.Database): Record<string, number> {
  const rows = db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
