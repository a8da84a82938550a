// Server claims on PostgreSQL (R-CLAIM-5). Several server processes may claim at once, so
// record() takes one transaction-scoped advisory lock (CLAIM_LOCK) before it checks that each
// part's last mark is still the one the draft saw: two claims of one part cannot both commit.
import type pg from 'pg';
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

export const CLAIM_LOCK = 0x7661_6776;

/** Migration 2 of the PostgreSQL backend: the tables of the SQLite one (sqlite/claims.ts). */
export const PG_CLAIMS_MIGRATION = `
  CREATE TABLE claims (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    doctor_id text NOT NULL,
    period_from text NOT NULL,
    period_to text NOT NULL,
    created_at text NOT NULL,
    created_by text,
    device_id text NOT NULL,
    line_count integer NOT NULL,
    separate_count integer NOT NULL,
    total_ore bigint NOT NULL,
    canonical text NOT NULL
  );
  CREATE INDEX claims_doctor ON claims (doctor_id, seq);
  CREATE TABLE claim_parts (
    seq bigserial PRIMARY KEY,
    claim_id text NOT NULL REFERENCES claims (id),
    contact_id text NOT NULL,
    part text NOT NULL CHECK (part IN ('call', 'video')),
    doctor_id text NOT NULL,
    contact_rev integer NOT NULL,
    lines text NOT NULL
  );
  CREATE INDEX claim_parts_contact ON claim_parts (contact_id, part, seq);
  CREATE INDEX claim_parts_doctor ON claim_parts (doctor_id, seq);
  CREATE FUNCTION vagt_claims_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'claims are append-only'; END $$;
  CREATE TRIGGER claims_append_only BEFORE UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION vagt_claims_append_only();
  CREATE TRIGGER claim_parts_append_only BEFORE UPDATE OR DELETE ON claim_parts
    FOR EACH ROW EXECUTE FUNCTION vagt_claims_append_only();
`;

const LIST_COLS = `id, doctor_id AS "doctorId", period_from AS "periodFrom", period_to AS "periodTo",
  created_at AS "createdAt", created_by AS "createdBy", device_id AS "deviceId",
  line_count AS "lineCount", separate_count AS "separateCount", total_ore AS "totalOre"`;

export function pgClaimStore(pool: pg.Pool, wrap: (e: unknown) => Error): ClaimStore {
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    try {
      return (await pool.query<R>(text, values)).rows;
    } catch (e) {
      throw wrap(e);
    }
  };

  return {
    exportAll: async () => ({
      claims: await query<ClaimExport['claims'][number]>(
        `SELECT ${LIST_COLS}, canonical FROM claims ORDER BY seq`,
      ),
      parts: await query<ClaimPartRow>(
        `SELECT claim_id AS "claimId", contact_id AS "contactId", part, doctor_id AS "doctorId",
           contact_rev AS "contactRev", lines FROM claim_parts ORDER BY seq`,
      ),
    }),
    async importAll(data) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw wrap(e);
      }
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK]);
        const col = <K extends keyof ClaimExport['claims'][number]>(k: K) =>
          data.claims.map((c) => c[k]);
        await client.query(
          `INSERT INTO claims (id, doctor_id, period_from, period_to, created_at, created_by,
             device_id, line_count, separate_count, total_ore, canonical)
           SELECT id, doctor_id, period_from, period_to, created_at, created_by, device_id,
             line_count, separate_count, total_ore, canonical
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
               $7::text[], $8::int[], $9::int[], $10::bigint[], $11::text[])
             WITH ORDINALITY AS t(id, doctor_id, period_from, period_to, created_at, created_by,
               device_id, line_count, separate_count, total_ore, canonical, n) ORDER BY n`,
          [
            col('id'),
            col('doctorId'),
            col('periodFrom'),
            col('periodTo'),
            col('createdAt'),
            col('createdBy'),
            col('deviceId'),
            col('lineCount'),
            col('separateCount'),
            col('totalOre'),
            col('canonical'),
          ],
        );
        await client.query(
          `INSERT INTO claim_parts (claim_id, contact_id, part, doctor_id, contact_rev, lines)
           SELECT claim_id, contact_id, part, doctor_id, contact_rev, lines
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[])
             WITH ORDINALITY AS t(claim_id, contact_id, part, doctor_id, contact_rev, lines, n)
             ORDER BY n`,
          [
            data.parts.map((p) => p.claimId),
            data.parts.map((p) => p.contactId),
            data.parts.map((p) => p.part),
            data.parts.map((p) => p.doctorId),
            data.parts.map((p) => p.contactRev),
            data.parts.map((p) => p.lines),
          ],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw wrap(e);
      } finally {
        client.release();
      }
    },
    contactsOf: (doctorId, fromIso, toIso) =>
      query<ClaimContactRow>(
        `SELECT pl.payload,
           (SELECT string_agg(p.part, ',') FROM claim_parts p WHERE p.contact_id = c.id) AS claimed
         FROM contacts_latest c JOIN items i ON i.seq = c.seq
           JOIN item_payloads pl ON pl.key = i.payload_key
         WHERE c.answered_at >= $1 AND c.answered_at < $2 AND c.status <> 'voided'
           AND strpos(pl.payload, $3) > 0`,
        [fromIso, toIso, doctorId],
      ),
    changedSinceClaimed: (doctorId) =>
      query<ClaimedChangedRow>(
        `SELECT p.claim_id AS "claimId", p.part, p.lines, pl.payload FROM claim_parts p
           JOIN contacts_latest c ON c.id = p.contact_id JOIN items i ON i.seq = c.seq
           JOIN item_payloads pl ON pl.key = i.payload_key
          WHERE p.doctor_id = $1 AND i.rev > p.contact_rev
            AND p.seq = (SELECT max(x.seq) FROM claim_parts x
                          WHERE x.contact_id = p.contact_id AND x.part = p.part)
          ORDER BY p.seq`,
        [doctorId],
      ),
    marksAnswered: (fromIso, toIso) =>
      query<ClaimMarkSeen>(
        `SELECT p.contact_id AS "contactId", p.contact_rev AS rev, cl.created_at AS "claimedAt"
           FROM contacts_latest c JOIN claim_parts p ON p.contact_id = c.id
           JOIN claims cl ON cl.id = p.claim_id
          WHERE c.answered_at >= $1 AND c.answered_at < $2 ORDER BY p.seq`,
        [fromIso, toIso],
      ),
    async record(c, marks) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw wrap(e);
      }
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK]);
        const last = await client.query<{ contact_id: string; part: string; claim_id: string }>(
          `SELECT DISTINCT ON (contact_id, part) contact_id, part, claim_id FROM claim_parts
            WHERE contact_id = ANY($1::text[]) ORDER BY contact_id, part, seq DESC`,
          [[...new Set(marks.map((m) => m.contactId))]],
        );
        const lastOf = new Map(last.rows.map((r) => [`${r.contact_id}/${r.part}`, r.claim_id]));
        for (const m of marks) {
          if ((lastOf.get(`${m.contactId}/${m.part}`) ?? null) !== m.prevClaimId)
            throw new ClaimConflictError(`part ${m.contactId}/${m.part} was claimed meanwhile`);
        }
        await client.query(
          `INSERT INTO claims (id, doctor_id, period_from, period_to, created_at, created_by,
             device_id, line_count, separate_count, total_ore, canonical)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
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
          ],
        );
        // The marks go as one JSON text, not as text[] parameters: node-pg builds an array
        // literal element by element, which took seconds for a region-wide claim's 60 000 marks.
        await client.query(
          `INSERT INTO claim_parts (claim_id, contact_id, part, doctor_id, contact_rev, lines)
           SELECT $1, t.c, t.p, $2, t.r, t.l
             FROM ROWS FROM (json_to_recordset($3::json) AS (c text, p text, r integer, l text))
               WITH ORDINALITY AS t(c, p, r, l, n)
            ORDER BY t.n`,
          [
            c.id,
            c.doctorId,
            JSON.stringify(
              marks.map((m) => ({ c: m.contactId, p: m.part, r: m.contactRev, l: m.lines })),
            ),
          ],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e instanceof ClaimConflictError ? e : wrap(e);
      } finally {
        client.release();
      }
    },
    canonical: async (id) =>
      (await query<{ canonical: string }>('SELECT canonical FROM claims WHERE id = $1', [id]))[0]
        ?.canonical ?? null,
    list: (doctorId) =>
      doctorId === null
        ? query<ClaimListRow>(`SELECT ${LIST_COLS} FROM claims ORDER BY seq DESC`)
        : query<ClaimListRow>(
            `SELECT ${LIST_COLS} FROM claims WHERE doctor_id = $1 ORDER BY seq DESC`,
            [doctorId],
          ),
  };
}
