-- 001: the workstation's records (SPEC §3, §5) and the sync outbox.
-- Records of care are append-only (R-REV-1): revision and audit tables refuse UPDATE and
-- DELETE by trigger; the current-state tables refuse DELETE. Instants are ISO-8601 UTC text.

CREATE TABLE workstation (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE doctors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  auth_id TEXT NOT NULL UNIQUE,
  roles TEXT NOT NULL,               -- JSON array of 'doctor' | 'coordinator' | 'supervisor'
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  pin_hash TEXT NOT NULL,            -- scrypt$N$r$p$salt$hash (never the PIN)
  failed_pins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,              -- epoch ms; sign-in refused until then
  device_id TEXT NOT NULL,
  rev INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  doctor_id TEXT NOT NULL REFERENCES doctors(id),
  device_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT
);
-- R-SHIFT-1: one open shift per doctor.
CREATE UNIQUE INDEX shifts_one_open ON shifts(doctor_id) WHERE closed_at IS NULL;

CREATE TABLE shift_revisions (
  shift_id TEXT NOT NULL REFERENCES shifts(id),
  rev INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('open', 'close')),
  by_doctor_id TEXT NOT NULL REFERENCES doctors(id),
  at TEXT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (shift_id, rev)
) WITHOUT ROWID;

-- Current state of each contact: the working state of an open call (autosave) or the state of
-- its latest revision. `state` is the contract's Contact JSON; the columns are for lookups.
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  shift_id TEXT NOT NULL REFERENCES shifts(id),
  doctor_id TEXT NOT NULL REFERENCES doctors(id),
  video_doctor_id TEXT REFERENCES doctors(id),
  video_shift_id TEXT REFERENCES shifts(id),
  device_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'ended', 'voided')),
  answered_at TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL
);
CREATE UNIQUE INDEX contacts_one_open ON contacts(doctor_id) WHERE status = 'open';
CREATE INDEX contacts_shift ON contacts(shift_id);
CREATE INDEX contacts_video_shift ON contacts(video_shift_id) WHERE video_shift_id IS NOT NULL;

-- Every committed state of a contact, with who, when and why (R-REV-1).
CREATE TABLE contact_revisions (
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  rev INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'save', 'end', 'correct', 'void', 'reprice')),
  by_doctor_id TEXT NOT NULL REFERENCES doctors(id),
  at TEXT NOT NULL,
  reason TEXT,
  state TEXT NOT NULL,
  PRIMARY KEY (contact_id, rev)
) WITHOUT ROWID;

-- Events that are not contact revisions: sign-in, lockout, roster changes, rule imports.
CREATE TABLE audit (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  doctor_id TEXT,
  device_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_id TEXT,
  details TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE rule_sets (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT
);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('shift', 'contact', 'audit')),
  rev INTEGER NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'conflict', 'rejected')),
  last_error TEXT,
  done_at TEXT,
  UNIQUE (item_id, rev, type)
);
CREATE INDEX outbox_status ON outbox(status, seq);

CREATE TRIGGER contact_revisions_no_update BEFORE UPDATE ON contact_revisions
BEGIN SELECT RAISE(ABORT, 'contact revisions are append-only (R-REV-1)'); END;
CREATE TRIGGER contact_revisions_no_delete BEFORE DELETE ON contact_revisions
BEGIN SELECT RAISE(ABORT, 'contact revisions are append-only (R-REV-1)'); END;
CREATE TRIGGER shift_revisions_no_update BEFORE UPDATE ON shift_revisions
BEGIN SELECT RAISE(ABORT, 'shift revisions are append-only (R-REV-1)'); END;
CREATE TRIGGER shift_revisions_no_delete BEFORE DELETE ON shift_revisions
BEGIN SELECT RAISE(ABORT, 'shift revisions are append-only (R-REV-1)'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only (R-REV-1)'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only (R-REV-1)'); END;
CREATE TRIGGER contacts_no_delete BEFORE DELETE ON contacts
BEGIN SELECT RAISE(ABORT, 'contacts are never deleted; void them (R-REV-1)'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
BEGIN SELECT RAISE(ABORT, 'shifts are never deleted (R-REV-1)'); END;
CREATE TRIGGER doctors_no_delete BEFORE DELETE ON doctors
BEGIN SELECT RAISE(ABORT, 'doctors are deactivated, never deleted'); END;
