// The roster audit (R-ROSTER-1) in the PostgreSQL backend: append-only rows, newest first.
import type { RosterAuditRow, RosterAuditStore } from '../types';

type Query = <R extends Record<string, unknown>>(text: string, values?: unknown[]) => Promise<R[]>;

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function pgRosterAudit(query: Query): RosterAuditStore {
  const cols = `id, ${ISO('at')} AS at, actor, device_id AS "deviceId", action,
    doctor_id AS "doctorId", details`;
  return {
    add: async (r) => {
      await query(
        `INSERT INTO roster_audit (id, at, actor, device_id, action, doctor_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [r.id, r.at, r.actor, r.deviceId, r.action, r.doctorId, r.details],
      );
    },
    list: async (doctorId, limit) =>
      (await (doctorId === null
        ? query(`SELECT ${cols} FROM roster_audit ORDER BY at DESC, id DESC LIMIT $1`, [limit])
        : query(
            `SELECT ${cols} FROM roster_audit WHERE doctor_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
            [doctorId, limit],
          ))) as unknown as RosterAuditRow[],
  };
}
