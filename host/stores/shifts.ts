// Shifts (R-SHIFT-1): one open per doctor (unique partial index). Opening and closing are
// revisions, each queued for sync in the same transaction.
import type { Shift } from '../../shared/contract/models';
import type { DB } from '../db/open';
import { q } from '../db/sql';
import { enqueue } from './outbox';

interface Row {
  id: string;
  rev: number;
  doctor_id: string;
  device_id: string;
  opened_at: string;
  closed_at: string | null;
}

function toShift(r: Row): Shift {
  return {
    id: r.id,
    rev: r.rev,
    doctorId: r.doctor_id,
    workstationId: r.device_id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
  };
}

export function getShift(db: DB, id: string): Shift | null {
  const r = q(db, 'SELECT * FROM shifts WHERE id = ?').get(id) as Row | undefined;
  return r ? toShift(r) : null;
}

export function openShiftOf(db: DB, doctorId: string): Shift | null {
  const r = q(db, 'SELECT * FROM shifts WHERE doctor_id = ? AND closed_at IS NULL').get(
    doctorId,
  ) as Row | undefined;
  return r ? toShift(r) : null;
}

/** Writes a shift revision: the current row, the immutable revision row and the outbox item. */
export function commitShift(
  db: DB,
  s: Shift,
  action: 'open' | 'close',
  byDoctorId: string,
  at: string,
  sync = true,
): void {
  if (action === 'open') {
    q(
      db,
      'INSERT INTO shifts (id, rev, doctor_id, device_id, opened_at, closed_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(s.id, s.rev, s.doctorId, s.workstationId, s.openedAt, s.closedAt);
  } else {
    q(db, 'UPDATE shifts SET rev = ?, closed_at = ? WHERE id = ?').run(s.rev, s.closedAt, s.id);
  }
  const state = JSON.stringify(s);
  q(
    db,
    'INSERT INTO shift_revisions (shift_id, rev, action, by_doctor_id, at, state) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.rev, action, byDoctorId, at, state);
  if (sync) enqueue(db, { itemId: s.id, type: 'shift', rev: s.rev, payload: s, createdAt: at });
}

/**
 * A doctor's shifts, newest first. With from/to: those overlapping [from, to); a shift still
 * open counts as reaching to now (it overlaps any period that ends after it opened).
 */
export function listShifts(
  db: DB,
  doctorId: string,
  opts: { from?: string; to?: string; limit: number },
): Shift[] {
  const rows = q(
    db,
    `SELECT * FROM shifts
      WHERE doctor_id = @doctorId
        AND (@to IS NULL OR opened_at < @to)
        AND (@from IS NULL OR closed_at IS NULL OR closed_at > @from)
      ORDER BY opened_at DESC, id DESC
      LIMIT @limit`,
  ).all({ doctorId, from: opts.from ?? null, to: opts.to ?? null, limit: opts.limit }) as Row[];
  return rows.map(toShift);
}
