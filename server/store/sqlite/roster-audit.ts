// The roster audit (R-ROSTER-1) in the SQLite backend: append-only rows, newest first on read.
import type Database from 'better-sqlite3';
import type { RosterAuditRow, RosterAuditStore } from '../types';

export function sqliteRosterAudit(
  db: Database.Database,
  guard: <T>(fn: () => T) => Promise<T>,
): RosterAuditStore {
  const add = db.prepare(
    `INSERT INTO roster_audit (id, at, actor, device_id, action, doctor_id, details)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const cols = `id, at, actor, device_id AS deviceId, action, doctor_id AS doctorId, details`;
  const all = db.prepare(`SELECT ${cols} FROM roster_audit ORDER BY at DESC, id DESC LIMIT ?`);
  const one = db.prepare(
    `SELECT ${cols} FROM roster_audit WHERE doctor_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
  );
  return {
    add: (r) =>
      guard(() => {
        add.run(r.id, r.at, r.actor, r.deviceId, r.action, r.doctorId, r.details);
      }),
    list: (doctorId, limit) =>
      guard(
        () => (doctorId === null ? all.all(limit) : one.all(doctorId, limit)) as RosterAuditRow[],
      ),
  };
}
