// The embedded SQLite backend: one file, sync-server.db, in the data folder. WAL with
// synchronous=FULL (an acknowledged push survives power loss). One process owns the file.
//
// better-sqlite3 is synchronous, so each "async" call here has finished before it returns; an
// item write therefore runs from BEGIN to COMMIT within one turn of the event loop and no other
// request's statement can see or interleave with it.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
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
import { SQLITE_MIGRATIONS } from './schema';
import { sqliteClaimStore } from './claims';
import { sqliteRosterAudit } from './roster-audit';

export const SQLITE_FILE = 'sync-server.db';

/** Owner-only folder and files: the database holds CPR numbers. */
function privateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new StorageTooNewError(
      `databasen er version ${current}, men denne server kender kun op til ${SQLITE_MIGRATIONS.length}; opdater serveren`,
    );
  }
  for (let v = current; v < SQLITE_MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

const busy = (e: unknown): boolean =>
  e instanceof Error && /^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '');

/** Runs a synchronous database call, turning "locked by another process" into a 503. */
function guard<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (e) {
    if (busy(e)) return Promise.reject(new StorageUnavailableError('database is locked'));
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

export function openSqliteStorage(dataDir: string): Storage {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, SQLITE_FILE);
  privateFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A push batch writes ~1–2 MB; checkpointing every 4 MB (the default) would fsync the main
  // file every other batch. 64 MB keeps the WAL bounded while amortising checkpoints.
  db.pragma('wal_autocheckpoint = 16384');
  // SQLite gives -wal and -shm the main file's mode; set it again in case they predate that.
  for (const f of [`${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
  try {
    migrateSqlite(db);
  } catch (e) {
    db.close();
    throw e;
  }

  const q = {
    addDevice: db.prepare(
      'INSERT INTO devices (id, name, role, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    byToken: db.prepare(
      'SELECT id, name, role FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    deviceExists: db.prepare('SELECT 1 FROM devices WHERE id = ?'),
    allDevices: db.prepare(
      `SELECT id, name, role, token_hash AS tokenHash, created_at AS createdAt,
              revoked_at AS revokedAt FROM devices ORDER BY created_at, id`,
    ),
    revisions: db.prepare(
      `SELECT id, rev, type, device_id AS deviceId, hash FROM items
       WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    insert: db.prepare(
      'INSERT INTO items (id, type, rev, device_id, payload, hash, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    importItem: db.prepare(
      'INSERT INTO items (seq, id, type, rev, device_id, payload, hash, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    upsertContact: db.prepare(
      `INSERT INTO contacts_latest (id, seq, answered_at, status) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, answered_at = excluded.answered_at,
         status = excluded.status`,
    ),
    all: db.prepare(
      'SELECT seq, id, type, rev, device_id AS deviceId, payload FROM items WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    // Two index range scans (own items, server items) instead of filtering everyone's items.
    own: db.prepare(
      `SELECT * FROM (
         SELECT seq, id, type, rev, device_id AS deviceId, payload FROM items WHERE device_id = ? AND seq > ?
         UNION ALL
         SELECT seq, id, type, rev, device_id AS deviceId, payload FROM items WHERE device_id = 'server' AND seq > ?
       ) ORDER BY seq LIMIT ?`,
    ),
    latestOfType: db.prepare(
      `SELECT payload FROM items WHERE seq IN
         (SELECT max(seq) FROM items WHERE type = ? GROUP BY id) ORDER BY seq`,
    ),
    page: db.prepare(
      `SELECT seq, id, type, rev, device_id AS deviceId, payload, hash, stored_at AS storedAt
       FROM items WHERE seq > ? ORDER BY seq LIMIT ?`,
    ),
    count: db.prepare('SELECT count(*) AS n FROM items'),
    contacts: db.prepare(
      `SELECT i.payload FROM contacts_latest c JOIN items i ON i.seq = c.seq
       WHERE c.answered_at >= ? AND c.answered_at < ? AND c.status != 'voided'`,
    ),
  };

  const insertOne = (it: NewItem, seq?: number): void => {
    const args = [it.id, it.type, it.rev, it.deviceId, it.payload, it.hash, it.storedAt] as const;
    const r = seq === undefined ? q.insert.run(...args) : q.importItem.run(seq, ...args);
    if (it.contact) {
      q.upsertContact.run(it.id, r.lastInsertRowid, it.contact.answeredAt, it.contact.status);
    }
  };

  const tx: ItemWriteTx = {
    revisions: (ids) => guard(() => q.revisions.all(JSON.stringify(ids)) as RevisionState[]),
    insert: (items) =>
      guard(() => {
        for (const it of items) insertOne(it);
      }),
  };

  return {
    kind: 'sqlite',
    devices: {
      add: (r: DeviceRow) =>
        guard(() => {
          q.addDevice.run(r.id, r.name, r.role, r.tokenHash, r.createdAt, null);
        }),
      revoke: (id, at) => guard(() => q.revoke.run(at, id).changes === 1),
      byTokenHash: (hash) =>
        guard(
          () =>
            (q.byToken.get(hash) as { id: string; name: string; role: DeviceRole } | undefined) ??
            null,
        ),
      exists: (id) => guard(() => q.deviceExists.get(id) !== undefined),
    },
    items: {
      async write(fn) {
        await guard(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const out = await fn(tx);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      },
      pull: (after, deviceId, limit) =>
        guard(
          () =>
            (deviceId === null
              ? q.all.all(after, limit)
              : q.own.all(deviceId, after, after, limit)) as StoredItem[],
        ),
      latestOfType: (type) =>
        guard(() => (q.latestOfType.all(type) as { payload: string }[]).map((r) => r.payload)),
      page: (after, limit) => guard(() => q.page.all(after, limit) as ExportedItem[]),
      importItems: (items) =>
        guard(() =>
          db.transaction(() => {
            for (const it of items) insertOne(it, it.seq);
          })(),
        ),
      count: () => guard(() => (q.count.get() as { n: number }).n),
    },
    load: {
      contactsAnswered: (from, to) =>
        guard(() => (q.contacts.all(from, to) as { payload: string }[]).map((r) => r.payload)),
    },
    claims: sqliteClaimStore(db),
    rosterAudit: sqliteRosterAudit(db, guard),
    allDevices: () =>
      guard(() => q.allDevices.all() as (DeviceRow & { revokedAt: string | null })[]),
    importDevices: (rows) =>
      guard(() =>
        db.transaction(() => {
          for (const r of rows) {
            q.addDevice.run(r.id, r.name, r.role, r.tokenHash, r.createdAt, r.revokedAt);
          }
        })(),
      ),
    close: () =>
      guard(() => {
        db.close();
      }),
  };
}
