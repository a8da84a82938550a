// The SQLite backend's numbered migrations, tracked in PRAGMA user_version, each applied in one
// transaction. Never edit one that has shipped; add the next.
import { SQLITE_CLAIMS_MIGRATION } from './claims';

export const SQLITE_MIGRATIONS: string[] = [
  // 1: devices, the append-only item log, and the latest contact revisions for /v1/load.
  `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('workstation', 'supervisor')),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  -- Every stored (id, rev), in server order. seq is the pull cursor. device_id is 'server' for
  -- roster and rule sets. hash is sha256 of the canonical payload, for duplicate detection.
  CREATE TABLE items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    rev INTEGER NOT NULL,
    device_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    hash TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    UNIQUE (id, rev)
  );
  CREATE INDEX items_device ON items (device_id, seq);
  CREATE INDEX items_type ON items (type, seq);
  -- Latest revision of each contact for the load report (R-LOAD-1): a pointer to its item row,
  -- so a push writes each payload once.
  CREATE TABLE contacts_latest (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL REFERENCES items (seq),
    answered_at TEXT NOT NULL,
    status TEXT NOT NULL
  );
  CREATE INDEX contacts_latest_answered ON contacts_latest (answered_at);
  `,
  // 2: claims made on the server and the contact revisions they marked (R-CLAIM-5).
  SQLITE_CLAIMS_MIGRATION,
  // 3: the audit of roster changes made on the server (R-ROSTER-1, issue 14).
  `
  CREATE TABLE roster_audit (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    device_id TEXT,
    action TEXT NOT NULL,
    doctor_id TEXT NOT NULL,
    details TEXT NOT NULL
  );
  CREATE INDEX roster_audit_doctor ON roster_audit (doctor_id, at);
  CREATE INDEX roster_audit_at ON roster_audit (at);
  `,
];
