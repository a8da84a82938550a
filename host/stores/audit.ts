// Audit rows for what is not a contact revision (sign-in, lockout, roster, rule imports).
// Append-only by trigger; each is also queued for sync.
import type { DB } from '../db/open';
import { q } from '../db/sql';
import { uuidv7 } from '../uuidv7';
import { enqueue } from './outbox';

export interface AuditEntry {
  id: string;
  at: string;
  doctorId: string | null;
  deviceId: string;
  action: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

export function writeAudit(db: DB, e: Omit<AuditEntry, 'id'>, sync = true): AuditEntry {
  const entry: AuditEntry = { id: uuidv7(), ...e };
  q(
    db,
    'INSERT INTO audit (id, at, doctor_id, device_id, action, subject_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    entry.id,
    entry.at,
    entry.doctorId,
    entry.deviceId,
    entry.action,
    entry.subjectId,
    JSON.stringify(entry.details),
  );
  if (sync)
    enqueue(db, { itemId: entry.id, type: 'audit', rev: 1, payload: entry, createdAt: entry.at });
  return entry;
}
