// Contacts: the current-state row (an open call's autosaved working state, or the latest
// committed state) and the append-only revision rows (R-REV-1). Every committed revision also
// writes its outbox item and refreshes the derived load cells, all in the caller's transaction.
import type { Contact, Revision } from '../../shared/contract/models';
import type { DB } from '../db/open';
import { readContactState } from '../db/record-check';
import { q } from '../db/sql';
import { refreshLoad } from './load';
import { enqueue } from './outbox';

export type RevisionAction = Revision['action'];

export function getContact(db: DB, id: string): Contact | null {
  const r = q(db, 'SELECT state FROM contacts WHERE id = ?').get(id) as
    { state: string } | undefined;
  return r ? (JSON.parse(r.state) as Contact) : null;
}

export function openContactOf(db: DB, doctorId: string): Contact | null {
  const r = q(db, "SELECT state FROM contacts WHERE doctor_id = ? AND status = 'open'").get(
    doctorId,
  ) as { state: string } | undefined;
  return r ? (JSON.parse(r.state) as Contact) : null;
}

/**
 * Contacts answered in a shift, plus video parts handed to that shift's doctor (R-CON-5). A
 * row that cannot be read falls back to its latest revision; if that fails too, it is left
 * out and named (its id, never its content) rather than failing the whole shift.
 */
export function contactsOfShift(
  db: DB,
  shiftId: string,
  onDamaged: (id: string) => void = (id) =>
    console.error(`[host] contact ${id} cannot be read; left out of shift ${shiftId}`),
): Contact[] {
  const rows = q(
    db,
    'SELECT id, state FROM contacts WHERE shift_id = ? OR video_shift_id = ? ORDER BY answered_at, id',
  ).all(shiftId, shiftId) as Array<{ id: string; state: string }>;
  const out: Contact[] = [];
  for (const r of rows) {
    let c = readContactState(r.state);
    if (!c) {
      const last = q(
        db,
        'SELECT state FROM contact_revisions WHERE contact_id = ? ORDER BY rev DESC LIMIT 1',
      ).get(r.id) as { state: string } | undefined;
      c = last ? readContactState(last.state) : null;
    }
    if (c) out.push(c);
    else onDamaged(r.id);
  }
  return out;
}

export function videoShiftIdOf(db: DB, id: string): string | null {
  const r = q(db, 'SELECT video_shift_id AS v FROM contacts WHERE id = ?').get(id) as
    { v: string | null } | undefined;
  return r?.v ?? null;
}

/** Autosave of an open call: updates the working state only; no revision is committed. */
export function saveWorkingState(db: DB, c: Contact): void {
  q(db, 'UPDATE contacts SET state = ? WHERE id = ? AND status = ?').run(
    JSON.stringify(c),
    c.id,
    'open',
  );
}

export interface CommitOptions {
  action: RevisionAction;
  videoShiftId?: string | null;
  demo?: boolean;
  /** Demo data is never queued for sync. */
  sync?: boolean;
}

/** Commits `c` (whose rev, revisedBy, revisedAt, revisionReason are already set) as a revision. */
export function commitRevision(db: DB, c: Contact, opts: CommitOptions): void {
  const state = JSON.stringify(c);
  if (c.rev === 1) {
    q(
      db,
      `INSERT INTO contacts (id, rev, shift_id, doctor_id, video_doctor_id, video_shift_id, device_id, status,
         answered_at, demo, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.id,
      1,
      c.shiftId,
      c.doctorId,
      c.video?.doctorId ?? null,
      opts.videoShiftId ?? null,
      c.workstationId,
      c.status,
      c.answeredAt,
      opts.demo ? 1 : 0,
      state,
    );
  } else {
    const res = q(
      db,
      `UPDATE contacts SET rev = ?, status = ?, video_doctor_id = ?, state = ?,
         video_shift_id = COALESCE(?, video_shift_id) WHERE id = ? AND rev = ?`,
    ).run(
      c.rev,
      c.status,
      c.video?.doctorId ?? null,
      state,
      opts.videoShiftId ?? null,
      c.id,
      c.rev - 1,
    );
    // Guards against a lost update: the row must still be at the revision we started from.
    if (res.changes !== 1) throw new Error(`contact ${c.id} is not at revision ${c.rev - 1}`);
  }
  q(
    db,
    'INSERT INTO contact_revisions (contact_id, rev, action, by_doctor_id, at, reason, state) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(c.id, c.rev, opts.action, c.revisedBy, c.revisedAt, c.revisionReason, state);
  if (opts.sync !== false)
    enqueue(db, { itemId: c.id, type: 'contact', rev: c.rev, payload: c, createdAt: c.revisedAt });
  refreshLoad(db, c);
}

export function revisionsOf(db: DB, id: string): Revision[] {
  const rows = q(
    db,
    `SELECT r.rev, r.action, r.by_doctor_id, r.at, r.reason, r.state, d.name
       FROM contact_revisions r JOIN doctors d ON d.id = r.by_doctor_id
      WHERE r.contact_id = ? ORDER BY r.rev`,
  ).all(id) as Array<{
    rev: number;
    action: RevisionAction;
    by_doctor_id: string;
    at: string;
    reason: string | null;
    state: string;
    name: string;
  }>;
  return rows.map((r) => ({
    rev: r.rev,
    action: r.action,
    by: r.by_doctor_id,
    byName: r.name,
    at: r.at,
    reason: r.reason,
    contact: JSON.parse(r.state) as Contact,
  }));
}
