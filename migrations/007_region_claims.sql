-- 007: copies of region claims (R-CLAIM-5). On a workstation linked to a sync server the server
-- makes and marks claims; the claim it answered is kept here as a read-only copy, exactly as
-- received (the canonical JSON), so the claims screen lists it and reprints it byte for byte
-- without the server. Marks nothing: the local claims tables (003) are not touched. Append-only.

CREATE TABLE region_claims (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,                 -- the server's claim id
  doctor_id TEXT NOT NULL,                 -- the region roster's id (no foreign key: a copy)
  doctor_name TEXT NOT NULL,
  period_from TEXT NOT NULL,               -- local dates, inclusive
  period_to TEXT NOT NULL,
  created_at TEXT NOT NULL,                -- the claim's generation timestamp (server clock)
  server_url TEXT NOT NULL,                -- the server that made it
  received_at TEXT NOT NULL,               -- when this workstation stored the copy
  line_count INTEGER NOT NULL,
  separate_count INTEGER NOT NULL,
  total_ore INTEGER NOT NULL,
  canonical TEXT NOT NULL                  -- the claim as JSON (shared/claims/model.ts)
);
CREATE INDEX region_claims_doctor ON region_claims(doctor_id, seq);

CREATE TRIGGER region_claims_no_update BEFORE UPDATE ON region_claims
BEGIN SELECT RAISE(ABORT, 'region claims are append-only (R-CLAIM-5)'); END;
CREATE TRIGGER region_claims_no_delete BEFORE DELETE ON region_claims
BEGIN SELECT RAISE(ABORT, 'region claims are append-only (R-CLAIM-5)'); END;
