// Test fixtures: the outbox DDL from docs/TEAM-NOTES.md (until the host migration exists) and
// valid contact payloads as a workstation would record them.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Contact } from '../../../../shared/contract/models';

export const OUTBOX_DDL = `CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('shift','contact','audit')),
  rev INTEGER NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','conflict','rejected')),
  last_error TEXT, done_at TEXT, UNIQUE(item_id, rev, type))`;

export function openWorkstationDb(dir: string, name = 'ws.db'): Database.Database {
  const db = new Database(join(dir, name));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(OUTBOX_DDL);
  return db;
}

/** Deterministic lowercase UUID-shaped id from a seed. */
export function uuidFrom(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function makeContact(workstationId: string, i: number, rev = 1): Contact {
  const answered = Date.UTC(2025, 0, 6, 16, 0, 0) + i * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const doctorId = uuidFrom(`doctor-${i % 5}`);
  return {
    id: uuidFrom(`${workstationId}-contact-${i}`),
    rev,
    shiftId: uuidFrom(`${workstationId}-shift`),
    doctorId,
    workstationId,
    kind: 'telefon',
    answeredAt: iso(answered),
    endedAt: iso(answered + 240_000),
    video: null,
    status: 'ended',
    patient: { type: 'cpr', cpr: '0101901234' },
    group: 1,
    caller: 'self',
    reason: `Feber og hoste ${i}`,
    outcome: 'raad-og-vejledning',
    transportGranted: false,
    note: rev > 1 ? `rettet ${rev}` : '',
    band: 'A',
    vagttid: true,
    holiday: null,
    rulesId: 'ok21-national',
    lines: [
      {
        code: 'TLF-A',
        regionalCode: null,
        band: 'A',
        unitOre: 7213,
        count: 1,
        amountOre: 7213,
        decidedAt: iso(answered),
      },
    ],
    flags: ['april-2021-niveau'],
    revisedBy: doctorId,
    revisedAt: iso(answered + 240_000),
    revisionReason: null,
  };
}

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
