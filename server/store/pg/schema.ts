// The PostgreSQL backend's numbered migrations, tracked in vagt_schema.version. Applied at start
// under an advisory lock, so several server processes starting at once migrate exactly once.
// Never edit one that has shipped; add the next.
import { PG_CLAIMS_MIGRATION } from './claims';

export const PG_MIGRATIONS: string[] = [
  // 1: the same tables as SQLite's first migration (store/sqlite/schema.ts).
  `
  CREATE TABLE devices (
    id text PRIMARY KEY,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('workstation', 'supervisor')),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
  );
  -- seq is the pull cursor; see store/pg/index.ts for why it never skips a committed item.
  CREATE TABLE items (
    seq bigserial PRIMARY KEY,
    id text NOT NULL,
    type text NOT NULL,
    rev integer NOT NULL,
    device_id text NOT NULL,
    payload text NOT NULL,
    hash text NOT NULL,
    stored_at timestamptz NOT NULL,
    UNIQUE (id, rev)
  );
  CREATE INDEX items_device ON items (device_id, seq);
  CREATE INDEX items_type ON items (type, seq);
  CREATE TABLE contacts_latest (
    id text PRIMARY KEY,
    seq bigint NOT NULL REFERENCES items (seq),
    answered_at timestamptz NOT NULL,
    status text NOT NULL
  );
  CREATE INDEX contacts_latest_answered ON contacts_latest (answered_at);
  `,
  // 2: claims made on the server and the contact revisions they marked (R-CLAIM-5).
  PG_CLAIMS_MIGRATION,
  // 3: the audit of roster changes made on the server (R-ROSTER-1, issue 14).
  `
  CREATE TABLE roster_audit (
    id text PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    device_id text,
    action text NOT NULL,
    doctor_id text NOT NULL,
    details text NOT NULL
  );
  CREATE INDEX roster_audit_doctor ON roster_audit (doctor_id, at);
  CREATE INDEX roster_audit_at ON roster_audit (at);
  `,
  // 4: less index work per pushed item, all of it under the item lock (D49). The load index is
  // derived from the item log (rebuildable, and items are never deleted, D47), and its seq comes
  // from the very INSERT that made the item, so the foreign key only cost a lookup per contact.
  // Only reference data (roster, rule sets, shifts) is read by type, so contacts and audit
  // entries, nearly every row, stay out of the type index.
  `
  ALTER TABLE contacts_latest DROP CONSTRAINT IF EXISTS contacts_latest_seq_fkey;
  DROP INDEX IF EXISTS items_type;
  CREATE INDEX items_type_reference ON items (type, seq) WHERE type NOT IN ('contact', 'audit');
  `,
  // 5: payloads in their own table, keyed by the SHA-256 of their text (D49), so a push writes
  // its payload bytes before it takes the item lock and only the small item rows under it.
  // Every payload moves; none is lost or changed (the key is computed from the text itself).
  `
  CREATE TABLE item_payloads (key text PRIMARY KEY, payload text NOT NULL);
  ALTER TABLE items ADD COLUMN payload_key text;
  UPDATE items SET payload_key = encode(sha256(convert_to(payload, 'UTF8')), 'base64');
  INSERT INTO item_payloads (key, payload)
    SELECT DISTINCT ON (payload_key) payload_key, payload FROM items;
  ALTER TABLE items ALTER COLUMN payload_key SET NOT NULL;
  ALTER TABLE items DROP COLUMN payload;
  `,
];
