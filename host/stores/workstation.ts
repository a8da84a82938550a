// This workstation's identity: a UUIDv7 made on first start and kept for the life of the DB.
import type { DB } from '../db/open';
import { uuidv7 } from '../uuidv7';

export function ensureWorkstation(db: DB, nowIso: string): string {
  const row = db.prepare('SELECT id FROM workstation WHERE singleton = 1').get() as
    { id: string } | undefined;
  if (row) return row.id;
  const id = uuidv7();
  db.prepare('INSERT INTO workstation (singleton, id, created_at) VALUES (1, ?, ?)').run(
    id,
    nowIso,
  );
  return id;
}
