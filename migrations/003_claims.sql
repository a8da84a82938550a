-- 003: shift claims (SPEC §6). A claim is stored once, as the canonical JSON it was exported
-- from, so a reprint gives the same bytes (R-CLAIM-2); claim_parts records which contact parts
-- it marked as claimed and at which revision (R-CLAIM-3). All three tables are append-only.

CREATE TABLE claims (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,   -- export order: "the next claim" is the higher seq
  id TEXT NOT NULL UNIQUE,
  doctor_id TEXT NOT NULL REFERENCES doctors(id),
  period_kind TEXT NOT NULL CHECK (period_kind IN ('range', 'shift')),
  period_from TEXT NOT NULL,               -- local dates, inclusive
  period_to TEXT NOT NULL,
  shift_id TEXT REFERENCES shifts(id),
  created_at TEXT NOT NULL,                -- the claim's generation timestamp
  created_by TEXT REFERENCES doctors(id),  -- null when made by the command line
  device_id TEXT NOT NULL,
  line_count INTEGER NOT NULL,
  separate_count INTEGER NOT NULL,
  total_ore INTEGER NOT NULL,
  canonical TEXT NOT NULL                  -- the claim as JSON (shared/claims/model.ts)
);
CREATE INDEX claims_doctor ON claims(doctor_id, seq);

-- One row per contact part a claim marked: its lines as now claimed ([] after a reversal of a
-- voided contact). The row with the highest seq for (contact_id, part) is what is claimed now.
CREATE TABLE claim_parts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  claim_id TEXT NOT NULL REFERENCES claims(id),
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  part TEXT NOT NULL CHECK (part IN ('call', 'video')),
  doctor_id TEXT NOT NULL REFERENCES doctors(id),
  contact_rev INTEGER NOT NULL,
  lines TEXT NOT NULL,
  UNIQUE (claim_id, contact_id, part)
);
CREATE INDEX claim_parts_contact ON claim_parts(contact_id, part, seq);
CREATE INDEX claim_parts_doctor ON claim_parts(doctor_id, contact_id);

-- Every line of every claim, flat, for reporting and reconciliation (amounts in øre).
CREATE TABLE claim_lines (
  claim_id TEXT NOT NULL REFERENCES claims(id),
  line_no INTEGER NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  contact_rev INTEGER NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('call', 'video')),
  entry TEXT NOT NULL CHECK (entry IN ('new', 'reversal', 'replacement')),
  totalled INTEGER NOT NULL CHECK (totalled IN (0, 1)),
  code TEXT,
  band TEXT NOT NULL,
  unit_ore INTEGER NOT NULL,
  count INTEGER NOT NULL,
  amount_ore INTEGER NOT NULL,
  PRIMARY KEY (claim_id, line_no)
) WITHOUT ROWID;

-- A claim's contacts by doctor and time (the answering doctor's and the video doctor's parts).
CREATE INDEX contacts_doctor_answered ON contacts(doctor_id, answered_at);
CREATE INDEX contacts_video_doctor_answered ON contacts(video_doctor_id, answered_at)
  WHERE video_doctor_id IS NOT NULL;

CREATE TRIGGER claims_no_update BEFORE UPDATE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are append-only (R-CLAIM-3)'); END;
CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are append-only (R-CLAIM-3)'); END;
CREATE TRIGGER claim_parts_no_update BEFORE UPDATE ON claim_parts
BEGIN SELECT RAISE(ABORT, 'claim parts are append-only (R-CLAIM-3)'); END;
CREATE TRIGGER claim_parts_no_delete BEFORE DELETE ON claim_parts
BEGIN SELECT RAISE(ABORT, 'claim parts are append-only (R-CLAIM-3)'); END;
CREATE TRIGGER claim_lines_no_update BEFORE UPDATE ON claim_lines
BEGIN SELECT RAISE(ABORT, 'claim lines are append-only (R-CLAIM-3)'); END;
CREATE TRIGGER claim_lines_no_delete BEFORE DELETE ON claim_lines
BEGIN SELECT RAISE(ABORT, 'claim lines are append-only (R-CLAIM-3)'); END;
