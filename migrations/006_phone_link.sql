-- 006: the phone link (R-PHONE-1). A contact records its source (manual / phone system) and,
-- when the phone system opened it, the call id: unique, so the same call id twice is the same
-- contact. first_saved_at: when the doctor's first edit reached the host (answer → first save,
-- for the load view). The link's settings (off until a supervisor enables it) and its refusal log
-- (never a CPR number or a caller number).

ALTER TABLE contacts ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
  CHECK (source IN ('manual', 'phone'));
ALTER TABLE contacts ADD COLUMN phone_call_id TEXT;
ALTER TABLE contacts ADD COLUMN first_saved_at TEXT;
CREATE UNIQUE INDEX contacts_phone_call ON contacts(phone_call_id) WHERE phone_call_id IS NOT NULL;

CREATE TABLE phone_link (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  key TEXT NOT NULL,
  port INTEGER NOT NULL CHECK (port BETWEEN 0 AND 65535),
  max_skew_seconds INTEGER NOT NULL CHECK (max_skew_seconds BETWEEN 0 AND 600),
  max_age_seconds INTEGER NOT NULL CHECK (max_age_seconds BETWEEN 10 AND 86400),
  updated_at TEXT NOT NULL,
  updated_by TEXT
);

CREATE TABLE phone_refusals (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  event_type TEXT,
  call_id TEXT,
  agent_auth_id TEXT,
  reason TEXT NOT NULL,
  detail TEXT
);
CREATE TRIGGER phone_refusals_no_update BEFORE UPDATE ON phone_refusals
BEGIN SELECT RAISE(ABORT, 'the phone refusal log is append-only'); END;
