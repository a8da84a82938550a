// The PostgreSQL backend (node-postgres, pooled). Several server processes may share one
// database; everything they must agree on is decided inside the database.
//
// Why the pull cursor never skips an item. The cursor is the last `seq` a device has pulled, and
// a pull returns `seq > cursor`. `seq` comes from a sequence, which hands out numbers when a row
// is inserted, not when its transaction commits: left alone, push A could take seq 10, push B
// seq 11, B commit first, a pull return 11 and move the cursor past 10, and A's item would never
// be pulled. So every write to the item log (pushes, roster, rule sets, migrate-to) first takes
// one transaction-scoped advisory lock, ITEM_WRITE_LOCK, and holds it until COMMIT. Seqs are
// then taken by one transaction at a time, and PostgreSQL releases a transaction's locks only
// after its commit is visible to every snapshot. Hence whenever a pull can see seq n, every
// transaction holding a lower seq has already committed (or rolled back, leaving a harmless gap):
// commit order equals seq order, and `seq > cursor` is exact. The same lock makes "read the
// stored revisions, decide, insert" atomic across processes, so one item pushed through two
// processes at once is stored once (UNIQUE (id, rev) stays as a backstop). The cost is that item
// writes are serial; a batch of 1000 holds the lock for one read, one bulk insert and a commit,
// while the expensive part of a push (parsing and validating every payload) runs outside it in
// each process, which is why a second process still adds throughput. The payload bytes are not
// written under the lock either: they go first, content-addressed in item_payloads (a payload
// written for a push that then fails or conflicts is an unreferenced row, never a wrong one), and
// the locked write adds only the small item rows that point at them.
import { contentHash } from '../../content-hash';
import pg from 'pg';
import type { DeviceRole } from '../types';
import type {
  DeviceRow,
  ExportedItem,
  ItemWriteTx,
  NewItem,
  RevisionState,
  Storage,
  StoredItem,
} from '../types';
import { StorageTooNewError, StorageUnavailableError } from '../types';
import { PG_MIGRATIONS } from './schema';
import { pgClaimStore } from './claims';
import { pgRosterAudit } from './roster-audit';
import { intArray, textArray } from './arrays';

/** Advisory lock keys (a constant pair in this application's own namespace). */
export const ITEM_WRITE_LOCK = 0x7661_6774; // "vagt"
const MIGRATE_LOCK = 0x7661_6775;

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Errors that mean "the database is not reachable right now", not "this request is wrong".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '40001', // serialization_failure: retryable
  '40P01', // deadlock_detected: retryable
]);

export function isUnavailable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: string }).code;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connection is closed/i.test(
    e.message,
  );
}

function wrap(e: unknown): Error {
  if (isUnavailable(e)) return new StorageUnavailableError((e as Error).message);
  return e instanceof Error ? e : new Error(String(e));
}

/** Where a payload is kept in item_payloads: the SHA-256 of its text (as migration 5 computes). */
export const payloadKey = contentHash;

export interface PgOptions {
  url: string;
  /** Connections in this process's pool. */
  poolSize?: number;
  /** How long a request waits for a free connection before it is answered 503. */
  connectTimeoutMs?: number;
}

export async function openPgStorage(opts: PgOptions): Promise<Storage> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      // int8 (seq, counts) as numbers: seq stays far below 2^53.
      oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    types: types as pg.CustomTypesConfig,
    application_name: 'vagtkonsol-sync',
  });
  // An idle connection dropped by a database restart must not crash the process; the next
  // checkout connects afresh.
  pool.on('error', () => {});
  // The same for a connection that is checked out but between queries when the database goes:
  // its next query fails (and is answered 503); the event itself must not crash the process.
  pool.on('connect', (client) => client.on('error', () => {}));

  const query = async <R extends pg.QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<R[]> => {
    try {
      return (await pool.query<R>(text, values)).rows;
    } catch (e) {
      throw wrap(e);
    }
  };

  try {
    await migratePg(pool);
  } catch (e) {
    await pool.end();
    throw e instanceof StorageTooNewError ? e : wrap(e);
  }

  // Payloads go in as one multi-row VALUES with a parameter per field: each travels as it is,
  // where an array parameter would have to be escaped here and parsed back by the database
  // (measured: the client's CPU halved). The small item rows are the opposite case: as arrays
  // (unnest) the database needs half the CPU of a VALUES list of 11 parameters per row, and that
  // insert is the part done under the item lock.
  const PAYLOAD_ROWS_PER_INSERT = 30_000; // × 2 parameters (PostgreSQL takes at most 65 535)
  const ITEM_ROWS_PER_INSERT = 30_000;
  const rowsSql = (n: number, base = 0) =>
    Array.from({ length: n }, (_, r) => `($${base + 2 * r + 1}, $${base + 2 * r + 2})`).join(', ');

  /** Writes payloads not yet stored (outside any item write). */
  async function stagePayloads(
    payloads: readonly { text: string; hash: string }[],
  ): Promise<Map<string, string>> {
    // Payload → key: the write looks its items' keys up here instead of hashing under the lock.
    const keyOf = new Map(payloads.map((p) => [p.text, p.hash]));
    const entries = [...new Map([...keyOf].map(([p, k]) => [k, p]))];
    for (let i = 0; i < entries.length; i += PAYLOAD_ROWS_PER_INSERT) {
      const part = entries.slice(i, i + PAYLOAD_ROWS_PER_INSERT);
      await query(
        `INSERT INTO item_payloads (key, payload) VALUES ${rowsSql(part.length)}
         ON CONFLICT (key) DO NOTHING`,
        part.flat(),
      );
    }
    return keyOf;
  }

  /**
   * What this transaction already knows of the ids it writes (ItemWriteTx.revisions): ids read
   * under the lock that had no stored revision. No contact row can exist for those in the load
   * index (it only ever holds ids of stored contacts, written in the same transactions), so
   * their rows are plain inserts rather than upserts (measured: the locked insert ~15 % cheaper).
   */
  interface Known {
    /** Kept current: ids are taken out as their rows are written. */
    absent: Set<string>;
  }

  async function insertItems(
    client: pg.PoolClient,
    items: readonly (NewItem & { seq?: number })[],
    withSeq: boolean,
    staged: ReadonlyMap<string, string> = new Map(),
    known: Known = { absent: new Set() },
  ): Promise<void> {
    if (items.length === 0) return;
    if (items.length > ITEM_ROWS_PER_INSERT) {
      for (let i = 0; i < items.length; i += ITEM_ROWS_PER_INSERT) {
        const part = items.slice(i, i + ITEM_ROWS_PER_INSERT);
        await insertItems(client, part, withSeq, staged, known);
      }
      return;
    }
    const keys: string[] = [];
    const unstaged = new Map<string, string>();
    for (const it of items) {
      let key = staged.get(it.payload);
      if (key === undefined) unstaged.set((key = payloadKey(it.payload)), it.payload);
      keys.push(key);
    }
    const values: unknown[] = [
      textArray(items.map((it) => it.id)),
      textArray(items.map((it) => it.type)),
      intArray(items.map((it) => it.rev)),
      textArray(items.map((it) => it.deviceId)),
      textArray(keys),
      textArray(items.map((it) => it.hash)),
      textArray(items.map((it) => it.storedAt)),
    ];
    if (withSeq) values.push(intArray(items.map((it) => it.seq!)));
    const parts: string[] = [];
    // Payloads this write must add itself (roster, rule sets, migrate-to): in the same statement.
    if (unstaged.size) {
      const base = values.length;
      values.push(...[...unstaged].flat());
      parts.push(
        `pl AS (INSERT INTO item_payloads (key, payload)
          VALUES ${rowsSql(unstaged.size, base)} ON CONFLICT (key) DO NOTHING)`,
      );
    }
    // ORDER BY the position in the batch: seqs are taken in that order, so a batch holding rev 1
    // and rev 2 of one record stores them in order.
    const cols = `id, type, rev, device_id, payload_key, hash, stored_at${withSeq ? ', seq' : ''}`;
    const insert = `INSERT INTO items (${cols})
       SELECT ${cols} FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[],
         $6::text[], $7::timestamptz[]${withSeq ? ', $8::bigint[]' : ''})
         WITH ORDINALITY AS v (${cols}, n)
       ORDER BY n`;
    // The latest revision per contact in this batch (a batch may hold rev 1 and rev 2): the load
    // index points at it. Written by the same statement, so the lock is held for one round trip.
    const latest = new Map<string, NewItem>();
    for (const it of items) if (it.contact) latest.set(it.id, it);
    if (latest.size === 0) {
      await client.query(parts.length ? `WITH ${parts.join(', ')} ${insert}` : insert, values);
      return;
    }
    parts.push(`ins AS (${insert} RETURNING seq, id, rev)`);
    const fresh = [...latest.values()].filter((it) => known.absent.has(it.id));
    const rest = [...latest.values()].filter((it) => !known.absent.has(it.id));
    const rowsOf = (l: NewItem[]) => {
      const base = values.length;
      values.push(
        textArray(l.map((it) => it.id)),
        intArray(l.map((it) => it.rev)),
        textArray(l.map((it) => it.contact!.answeredAt)),
        textArray(l.map((it) => it.contact!.status)),
      );
      return `SELECT v.id, ins.seq, v.answered_at, v.status
        FROM unnest($${base + 1}::text[], $${base + 2}::int[], $${base + 3}::timestamptz[],
          $${base + 4}::text[]) AS v (id, rev, answered_at, status)
        JOIN ins ON ins.id = v.id AND ins.rev = v.rev`;
    };
    const into = 'INSERT INTO contacts_latest (id, seq, answered_at, status)';
    const upsert = `ON CONFLICT (id) DO UPDATE SET seq = excluded.seq,
        answered_at = excluded.answered_at, status = excluded.status
      WHERE contacts_latest.seq < excluded.seq`;
    // The two sets of ids are disjoint, so the two inserts never touch the same row.
    if (fresh.length && rest.length) parts.push(`fresh AS (${into} ${rowsOf(fresh)})`);
    const last = rest.length ? `${into} ${rowsOf(rest)} ${upsert}` : `${into} ${rowsOf(fresh)}`;
    await client.query(`WITH ${parts.join(', ')} ${last}`, values);
    for (const it of fresh) known.absent.delete(it.id);
  }

  /** One transaction holding ITEM_WRITE_LOCK from its start to its commit (see the top). */
  async function locked<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw wrap(e);
    }
    let discard: Error | undefined;
    try {
      // One round trip: the lock is held from here to COMMIT, so every trip inside counts.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${ITEM_WRITE_LOCK})`);
      const out = await fn(client);
      await client.query('COMMIT');
      return out;
    } catch (e) {
      const err = wrap(e);
      // A connection that failed mid-transaction is discarded, not reused.
      if (err instanceof StorageUnavailableError) discard = err;
      else {
        try {
          await client.query('ROLLBACK');
        } catch {
          discard = err;
        }
      }
      throw err;
    } finally {
      client.release(discard);
    }
  }

  const pullCols = 'seq, id, type, rev, device_id AS "deviceId", p.payload';
  const withPayload = 'items JOIN item_payloads p ON p.key = items.payload_key';

  return {
    kind: 'postgresql',
    devices: {
      add: async (r: DeviceRow) => {
        await query(
          'INSERT INTO devices (id, name, role, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
          [r.id, r.name, r.role, r.tokenHash, r.createdAt],
        );
      },
      revoke: async (id, at) =>
        (
          await query<{ id: string }>(
            'UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id',
            [at, id],
          )
        ).length === 1,
      byTokenHash: async (hash) =>
        (
          await query<{ id: string; name: string; role: DeviceRole }>(
            'SELECT id, name, role FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
            [hash],
          )
        )[0] ?? null,
      exists: async (id) => (await query('SELECT 1 FROM devices WHERE id = $1', [id])).length > 0,
    },
    items: {
      write: async (fn, opts) => {
        const staged = opts?.payloads?.length
          ? await stagePayloads(opts.payloads)
          : new Map<string, string>();
        return locked((client) => {
          const absent = new Set<string>();
          const tx: ItemWriteTx = {
            revisions: async (ids) => {
              const rows = (
                await client.query<RevisionState>(
                  `SELECT id, rev, type, device_id AS "deviceId", hash FROM items
                   WHERE id = ANY($1::text[])`,
                  [ids],
                )
              ).rows;
              const stored = new Set(rows.map((r) => r.id));
              for (const id of ids) if (!stored.has(id)) absent.add(id);
              return rows;
            },
            insert: (items) => insertItems(client, items, false, staged, { absent }),
          };
          return fn(tx);
        });
      },
      pull: (after, deviceId, limit) =>
        deviceId === null
          ? query<StoredItem>(
              `SELECT ${pullCols} FROM ${withPayload} WHERE seq > $1 ORDER BY seq LIMIT $2`,
              [after, limit],
            )
          : query<StoredItem>(
              `SELECT * FROM (
                 (SELECT ${pullCols} FROM ${withPayload} WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
                 UNION ALL
                 (SELECT ${pullCols} FROM ${withPayload} WHERE device_id = 'server' AND seq > $2 ORDER BY seq LIMIT $3)
               ) u ORDER BY seq LIMIT $3`,
              [deviceId, after, limit],
            ),
      latestOfType: async (type) =>
        (
          await query<{ payload: string }>(
            `SELECT p.payload FROM ${withPayload} WHERE seq IN
               (SELECT max(seq) FROM items WHERE type = $1 GROUP BY id) ORDER BY seq`,
            [type],
          )
        ).map((r) => r.payload),
      page: (after, limit) =>
        query<ExportedItem>(
          `SELECT ${pullCols}, hash, ${ISO('stored_at')} AS "storedAt" FROM ${withPayload}
           WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [after, limit],
        ),
      importItems: (items) =>
        locked(async (client) => {
          await insertItems(client, items, true);
          // Later pushes continue after the imported seqs.
          await client.query(
            `SELECT setval(pg_get_serial_sequence('items', 'seq'),
               greatest((SELECT max(seq) FROM items), 1))`,
          );
        }),
      count: async () => (await query<{ n: number }>('SELECT count(*) AS n FROM items'))[0]!.n,
    },
    claims: pgClaimStore(pool, wrap),
    load: {
      contactsAnswered: async (from, to) =>
        (
          await query<{ payload: string }>(
            `SELECT p.payload FROM contacts_latest c JOIN items i ON i.seq = c.seq
               JOIN item_payloads p ON p.key = i.payload_key
             WHERE c.answered_at >= $1 AND c.answered_at < $2 AND c.status != 'voided'`,
            [from, to],
          )
        ).map((r) => r.payload),
    },
    rosterAudit: pgRosterAudit(query),
    allDevices: () =>
      query(
        `SELECT id, name, role, token_hash AS "tokenHash", ${ISO('created_at')} AS "createdAt",
                ${ISO('revoked_at')} AS "revokedAt" FROM devices ORDER BY created_at, id`,
      ),
    importDevices: async (rows) => {
      for (const r of rows) {
        await query(
          `INSERT INTO devices (id, name, role, token_hash, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [r.id, r.name, r.role, r.tokenHash, r.createdAt, r.revokedAt],
        );
      }
    },
    close: () => pool.end(),
  };
}

async function migratePg(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS vagt_schema (version integer NOT NULL)');
      const rows = (await client.query<{ version: number }>('SELECT version FROM vagt_schema'))
        .rows;
      const current = rows[0]?.version ?? 0;
      if (current > PG_MIGRATIONS.length) {
        throw new StorageTooNewError(
          `databasen er version ${current}, men denne server kender kun op til ${PG_MIGRATIONS.length}; opdater serveren`,
        );
      }
      for (let v = current; v < PG_MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(PG_MIGRATIONS[v]!);
          await client.query('DELETE FROM vagt_schema');
          await client.query('INSERT INTO vagt_schema (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]);
    }
  } finally {
    client.release();
  }
}
