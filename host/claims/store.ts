// Claim tables (migrations/003_claims.sql): what is claimed now, and storing an exported claim
// with its marks in the caller's transaction. Append-only: nothing here updates or deletes.
import type { Contact } from '../../shared/contract/models';
import type { Claim, ClaimLine, ClaimPart } from '../../shared/claims/model';
import type { ClaimMark } from '../../shared/claims/build';
import type { DB } from '../db/open';
import { q } from '../db/sql';

export interface ContactRow {
  contact: Contact;
  videoShiftId: string | null;
  /** Parts of the contact some claim has marked (a part is claimed once, R-CLAIM-3). */
  claimed: ReadonlySet<string>;
}

// Read with each contact in the same query, instead of one lookup per part.
const CLAIMED = `(SELECT group_concat(part) FROM claim_parts p WHERE p.contact_id = c.id) AS claimed`;

type Row = { state: string; video_shift_id: string | null; claimed: string | null };
const NONE: ReadonlySet<string> = new Set();

function toRow(r: Row): ContactRow {
  return {
    contact: JSON.parse(r.state) as Contact,
    videoShiftId: r.video_shift_id,
    claimed: r.claimed ? new Set(r.claimed.split(',')) : NONE,
  };
}

/** Finished contacts where the doctor answered or took the video, answered in [from, to). */
export function contactsForDoctor(
  db: DB,
  doctorId: string,
  fromIso: string,
  toIso: string,
): ContactRow[] {
  // Two indexed range scans (migration 003) instead of an OR that would scan the table.
  const rows = q(
    db,
    `SELECT c.state, c.video_shift_id, ${CLAIMED} FROM contacts c
      WHERE c.doctor_id = ? AND c.answered_at >= ? AND c.answered_at < ? AND c.status = 'ended'
     UNION ALL
     SELECT c.state, c.video_shift_id, ${CLAIMED} FROM contacts c
      WHERE c.video_doctor_id = ? AND c.doctor_id <> ? AND c.answered_at >= ? AND c.answered_at < ?
        AND c.status = 'ended'`,
  ).all(doctorId, fromIso, toIso, doctorId, doctorId, fromIso, toIso) as Row[];
  return rows.map(toRow);
}

/** Finished contacts of a shift: answered in it, or whose video part was taken in it (R-CON-5). */
export function contactsForShift(db: DB, shiftId: string): ContactRow[] {
  const rows = q(
    db,
    `SELECT c.state, c.video_shift_id, ${CLAIMED} FROM contacts c
      WHERE (c.shift_id = ? OR c.video_shift_id = ?) AND c.status = 'ended'`,
  ).all(shiftId, shiftId) as Row[];
  return rows.map(toRow);
}

/** The doctor's calls still open, answered in [from, to) or in the shift. */
export function openCallsOf(
  db: DB,
  doctorId: string,
  where: { fromIso: string; toIso: string } | { shiftId: string },
): number {
  const r = (
    'shiftId' in where
      ? q(
          db,
          "SELECT COUNT(*) AS n FROM contacts WHERE doctor_id = ? AND shift_id = ? AND status = 'open'",
        ).get(doctorId, where.shiftId)
      : q(
          db,
          `SELECT COUNT(*) AS n FROM contacts WHERE doctor_id = ? AND answered_at >= ? AND answered_at < ?
             AND status = 'open'`,
        ).get(doctorId, where.fromIso, where.toIso)
  ) as { n: number };
  return r.n;
}

export interface ClaimedChanged {
  claimId: string;
  part: ClaimPart;
  claimed: ClaimLine[];
  contact: Contact;
}

/** The doctor's claimed parts whose contact has had a revision since it was claimed. */
export function changedSinceClaimed(db: DB, doctorId: string): ClaimedChanged[] {
  const rows = q(
    db,
    `SELECT p.claim_id, p.part, p.lines, c.state FROM claim_parts p
       JOIN contacts c ON c.id = p.contact_id
      WHERE p.doctor_id = ? AND c.rev > p.contact_rev
        AND p.seq = (SELECT MAX(x.seq) FROM claim_parts x
                      WHERE x.contact_id = p.contact_id AND x.part = p.part)
      ORDER BY p.seq`,
  ).all(doctorId) as Array<{ claim_id: string; part: ClaimPart; lines: string; state: string }>;
  return rows.map((r) => ({
    claimId: r.claim_id,
    part: r.part,
    claimed: JSON.parse(r.lines) as ClaimLine[],
    contact: JSON.parse(r.state) as Contact,
  }));
}

export interface StoredClaimMeta {
  createdBy: string | null;
  deviceId: string;
}

/** Stores the claim, its marks and its flat lines. Call inside a transaction. */
export function insertClaim(db: DB, claim: Claim, marks: ClaimMark[], meta: StoredClaimMeta): void {
  const id = claim.claimId;
  if (!id) throw new Error('a stored claim needs an id');
  const p = claim.period;
  q(
    db,
    `INSERT INTO claims (id, doctor_id, period_kind, period_from, period_to, shift_id, created_at,
       created_by, device_id, line_count, separate_count, total_ore, canonical)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    claim.doctor.id,
    p.kind,
    p.from,
    p.to,
    p.kind === 'shift' ? p.shiftId : null,
    claim.generatedAt,
    meta.createdBy,
    meta.deviceId,
    claim.lines.length,
    claim.separate.length,
    claim.totals.grandTotalOre,
    JSON.stringify(claim),
  );
  const part = q(
    db,
    `INSERT INTO claim_parts (claim_id, contact_id, part, doctor_id, contact_rev, lines)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const m of marks)
    part.run(id, m.contactId, m.part, claim.doctor.id, m.contactRev, JSON.stringify(m.lines));
  const line = q(
    db,
    `INSERT INTO claim_lines (claim_id, line_no, contact_id, contact_rev, part, entry, totalled,
       code, band, unit_ore, count, amount_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  for (const [list, totalled] of [
    [claim.lines, 1],
    [claim.separate, 0],
  ] as const) {
    for (const l of list) {
      line.run(
        id,
        ++n,
        l.contactId,
        l.contactRev,
        l.part,
        l.entry,
        totalled,
        l.code,
        l.band,
        l.unitOre,
        l.count,
        l.amountOre,
      );
    }
  }
}

export interface ClaimRow {
  id: string;
  doctor_id: string;
  period_kind: 'range' | 'shift';
  period_from: string;
  period_to: string;
  shift_id: string | null;
  created_at: string;
  created_by: string | null;
  line_count: number;
  separate_count: number;
  total_ore: number;
}

export function listClaims(db: DB, doctorId: string | null): Array<ClaimRow & { name: string }> {
  const sql = `SELECT c.id, c.doctor_id, c.period_kind, c.period_from, c.period_to, c.shift_id,
      c.created_at, c.created_by, c.line_count, c.separate_count, c.total_ore, d.name
      FROM claims c JOIN doctors d ON d.id = c.doctor_id`;
  return (
    doctorId
      ? q(db, `${sql} WHERE c.doctor_id = ? ORDER BY c.seq DESC`).all(doctorId)
      : q(db, `${sql} ORDER BY c.seq DESC`).all()
  ) as Array<ClaimRow & { name: string }>;
}

/** The stored canonical JSON of a claim, exactly as exported. */
export function claimCanonical(db: DB, claimId: string): { doctorId: string; json: string } | null {
  const r = q(db, 'SELECT doctor_id, canonical FROM claims WHERE id = ?').get(claimId) as
    { doctor_id: string; canonical: string } | undefined;
  return r ? { doctorId: r.doctor_id, json: r.canonical } : null;
}
