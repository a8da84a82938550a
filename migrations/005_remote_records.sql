-- 005: records of OTHER devices pulled from the sync server (a supervisor device pulls every
-- workstation's shifts, contacts and audit rows; SYNC.md "GET /v1/pull"). Kept apart from this
-- workstation's own tables so a pulled item can never overwrite a local record (R-REV-1): the
-- local tables hold what this device authored, these hold the latest pulled revision of each
-- remote item. No foreign keys: a remote contact may name a doctor or shift this device has
-- never seen. `state` is the item's payload (the contract's JSON) at `rev`.

CREATE TABLE remote_shifts (
  id TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  doctor_id TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  state TEXT NOT NULL,
  pulled_at TEXT NOT NULL
);

CREATE TABLE remote_contacts (
  id TEXT PRIMARY KEY,
  rev INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  doctor_id TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  state TEXT NOT NULL,
  pulled_at TEXT NOT NULL
);
CREATE INDEX remote_contacts_answered ON remote_contacts(answered_at);

CREATE TABLE remote_audit (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL,
  state TEXT NOT NULL,
  pulled_at TEXT NOT NULL
);
