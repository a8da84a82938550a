// Server claims on SQLite (R-CLAIM-5). better-sqlite3 is synchronous, so record() runs from
// BEGIN IMMEDIATE to COMMIT in one turn: no other claim or push interleaves with it.
import type Database from 'better-sqlite3';
import {
  ClaimConflictError,
  type ClaimContactRow,
  type ClaimExport,
  type ClaimPartRow,
  type ClaimedChangedRow,
  type ClaimListRow,
  type ClaimMarkSeen,
  type ClaimStore,
} from '../claims-types';
import { StorageUnavailableError } from '../types';

/** Migration 2 of the SQLite backend: claims and their marks, append-only. */
export const SQLITE_CLAIMS_MIGRATION = `
  CREATE TABLE claims (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    doctor_id TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    device_id TEXT NOT NULL,
    line_count INTEGER NOT NULL,
    separate_count INTEGER NOT NULL,
    total_ore INTEGER NOT NULL,
    canonical TEXT NOT NULL
  );
  CREATE INDEX claims_doctor ON claims (doctor_id, seq);
  -- One row per claimed part per claim: the contact revision taken and the lines as claimed.
  CREATE TABLE claim_parts (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id TEXT NOT NULL REFERENCES claims (id),
    contact_id TEXT NOT NULL,
    part TEXT NOT NULL CHECK (part IN ('call', 'video')),
    doctor_id TEXT NOT NULL,
    contact_rev INTEGER NOT NULL,
    lines TEXT NOT NULL
  );
  CREATE INDEX claim_parts_contact ON claim_parts (contact_id, part, seq);
  CREATE INDEX claim_parts_doctor ON claim_parts (doctor_id, seq);
  CREATE TRIGGER claims_no_update BEFORE UPDATE ON claims
    BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
  CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
    BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
  CREATE TRIGGER claim_parts_no_update BEFORE UPDATE ON claim_parts
    BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
  CREATE TRIGGER claim_parts_no_delete BEFORE DELETE ON claim_parts
    BEGIN SELECT RAISE(ABORT, 'claims are append-only'); END;
`;

const busy = (e: unknown): boolean =>
  e instanceof Error && /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '');

function guard<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    if (busy(e)) return Promise.reject(new StorageUnavailableError('database is locked'));
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

const LIST_COLS = `id, doctor_id AS doctorId, period_from AS periodFrom, period_to AS periodTo,
  created_at AS createdAt, created_by AS createdBy, device_id AS deviceId, line_count AS lineCount,
  separate_count AS separateCount, total_ore AS totalOre`;

export function sqliteClaimStore(db: Database.Database): ClaimStore {
  const q = {
    contacts: db.prepare(
      `SELECT i.payload,
         (SELECT group_concat(p.part) FROM claim_parts p WHERE p.contact_id = c.id) AS claimed
       FROM contacts_latest c JOIN items i ON i.seq = c.seq
       WHERE c.answered_at >= ? AND c.answered_at < ? AND c.status != 'voided'
         AND instr(i.payload, ?) > 0`,
    ),
    changed: db.prepare(
      `SELECT p.claim_id AS claimId, p.part, p.lines, i.payload FROM claim_parts p
         JOIN contacts_latest c ON c.id = p.contact_id JOIN items i ON i.seq = c.seq
        WHERE p.doctor_id = ? AND i.rev > p.contact_rev
          AND p.seq = (SELECT MAX(x.seq) FROM claim_parts x
                        WHERE x.contact_id = p.contact_id AND x.part = p.part)
        ORDER BY p.seq`,
    ),
    lastMark: db.prepare(
      `SELECT claim_id AS claimId FROM claim_parts WHERE contact_id = ? AND part = ?
        ORDER BY seq DESC LIMIT 1`,
    ),
    insertClaim: db.prepare(
      `INSERT INTO claims (id, doctor_id, period_from, period_to, created_at, created_by, device_id,
         line_count, separate_count, total_ore, canonical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertPart: db.prepare(
      `INSERT INTO claim_parts (claim_id, contact_id, part, doctor_id, contact_rev, lines)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    marksAnswered: db.prepare(
      `SELECT p.contact_id AS contactId, p.contact_rev AS rev, cl.created_at AS claimedAt
         FROM contacts_latest c JOIN claim_parts p ON p.contact_id = c.id
         JOIN claims cl ON cl.id = p.claim_id
        WHERE c.answered_at >= ? AND c.answered_at < ? ORDER BY p.seq`,
    ),
    canonical: db.prepare('SELECT canonical FROM claims WHERE id = ?'),
    allClaims: db.prepare(`SELECT ${LIST_COLS}, canonical FROM claims ORDER BY seq`),
    allParts: db.prepare(
      `SELECT claim_id AS claimId, contact_id AS contactId, part, doctor_id AS doctorId,
         contact_rev AS contactRev, lines FROM claim_parts ORDER BY seq`,
    ),
    listAll: db.prepare(`SELECT ${LIST_COLS} FROM claims ORDER BY seq DESC`),
    listOne: db.prepare(`SELECT ${LIST_COLS} FROM claims WHERE doctor_id = ? ORDER BY seq DESC`),
  };

  const record = db.transaction(
    (c: Parameters<ClaimStore['record']>[0], marks: Parameters<ClaimStore['record']>[1]) => {
      for (const m of marks) {
        const last = q.lastMark.get(m.contactId, m.part) as { claimId: string } | undefined;
        if ((last?.claimId ?? null) !== m.prevClaimId)
          throw new ClaimConflictError(`part ${m.contactId}/${m.part} was claimed meanwhile`);
      }
      insertClaim(c);
      for (const m of marks)
        q.insertPart.run(c.id, m.contactId, m.part, c.doctorId, m.contactRev, m.lines);
    },
  );

  const insertClaim = (c: Parameters<ClaimStore['record']>[0]) =>
    q.insertClaim.run(
      c.id,
      c.doctorId,
      c.periodFrom,
      c.periodTo,
      c.createdAt,
      c.createdBy,
      c.deviceId,
      c.lineCount,
      c.separateCount,
      c.totalOre,
      c.canonical,
    );
  const importAll = db.transaction((data: ClaimExport) => {
    for (const c of data.claims) insertClaim(c);
    for (const p of data.parts)
      q.insertPart.run(p.claimId, p.contactId, p.part, p.doctorId, p.contactRev, p.lines);
  });

  return {
    exportAll: () =>
      guard(() => ({
        claims: q.allClaims.all() as ClaimExport['claims'],
        parts: q.allParts.all() as ClaimPartRow[],
      })),
    importAll: (data) => guard(() => importAll.immediate(data)),
    contactsOf: (doctorId, fromIso, toIso) =>
      guard(() => q.contacts.all(fromIso, toIso, doctorId) as ClaimContactRow[]),
    changedSinceClaimed: (doctorId) => guard(() => q.changed.all(doctorId) as ClaimedChangedRow[]),
    record: (claim, marks) => guard(() => record.immediate(claim, marks)),
    marksAnswered: (fromIso, toIso) =>
      guard(() => q.marksAnswered.all(fromIso, toIso) as ClaimMarkSeen[]),
    canonical: (id) =>
      guard(() => (q.canonical.get(id) as { canonical: string } | undefined)?.canonical ?? null),
    list: (doctorId) =>
      guard(
        () => (doctorId === null ? q.listAll.all() : q.listOne.all(doctorId)) as ClaimListRow[],
      ),
  };
}
