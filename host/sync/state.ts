// The sync client's own state (the pull cursor, last success), in the workstation database so
// the cursor commits in the same transaction as the pulled items it covers.
import type Database from 'better-sqlite3';

export class SyncState {
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.getStmt = db.prepare('SELECT value FROM sync_state WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: 'cursor' | 'lastSuccessAt'): string | null {
    const row = this.getStmt.get(key) as { value: string } | undefined;
    return row ? row.value : null;
  }

  set(key: 'cursor' | 'lastSuccessAt', value: string): void {
    this.setStmt.run(key, value);
  }
}
