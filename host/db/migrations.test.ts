import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { DatabaseOpenError } from './errors';
import { findMigrationsDir, loadMigrations, migrate, userVersion } from './migrate';
import { openDatabase } from './open';

const dir = findMigrationsDir();
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 001… without gaps', () => {
    const list = loadMigrations(dir);
    expect(list.map((m) => m.version)).toEqual(list.map((_, i) => i + 1));
    expect(list[0]!.name).toBe('001_init.sql');
  });

  it('001_init creates the records, append-only triggers and the outbox', () => {
    const db = openDatabase(path.join(tempDir(), 'a.db'), { upTo: 1 });
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'workstation',
        'doctors',
        'shifts',
        'shift_revisions',
        'contacts',
        'contact_revisions',
        'audit',
        'rule_sets',
        'outbox',
      ]),
    );
    expect(tables(db)).not.toContain('load_cells');
    db.prepare(
      "INSERT INTO audit (id, at, device_id, action) VALUES ('x', 'now', 'd', 'test')",
    ).run();
    expect(() => db.prepare("UPDATE audit SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    // Outbox columns as agreed in TEAM-NOTES; (item_id, rev, type) is unique.
    const ins = db.prepare(
      "INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES ('i', 'contact', 1, '{}', 'now')",
    );
    ins.run();
    expect(() => ins.run()).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (item_id, type, rev, payload, created_at) VALUES ('i', 'bogus', 1, '{}', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    const row = db.prepare('SELECT attempts, status FROM outbox').get();
    expect(row).toEqual({ attempts: 0, status: 'pending' });
    db.close();
  });

  it('002_load_cells adds the load index on top of 001 data', () => {
    const file = path.join(tempDir(), 'b.db');
    const db1 = openDatabase(file, { upTo: 1 });
    db1.close();
    const db = openDatabase(file, { upTo: 2 });
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toContain('load_cells');
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT doctor_id, SUM(talk_s) FROM load_cells WHERE hour_ms >= 0 AND hour_ms < 10 GROUP BY hour_ms, doctor_id',
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX load_cells_hour/);
    db.close();
  });

  it('004_load_hours backfills the per-hour sums from existing load cells', () => {
    const file = path.join(tempDir(), 'l.db');
    const db3 = openDatabase(file, { upTo: 3 });
    db3.pragma('foreign_keys = OFF'); // cells without contacts behind them, for this test only
    const ins = db3.prepare(
      `INSERT INTO load_cells (contact_id, part, hour_ms, doctor_id, contacts, band, talk_s, handling_s,
         video_escalations, video_connected, transport, fees_ore) VALUES (?, 'call', ?, 'd1', ?, ?, ?, 0, 0, 0, 0, ?)`,
    );
    ins.run('c1', 0, 1, 'A', 100, 7213);
    ins.run('c2', 0, 1, 'B', 50, 9418);
    ins.run('c2', 3_600_000, 0, 'B', 20, 0);
    db3.close();
    const db = openDatabase(file, { upTo: 4 });
    expect(userVersion(db)).toBe(4);
    expect(
      db
        .prepare(
          'SELECT hour_ms, contacts, a, b, talk_s, fees_ore FROM load_hours ORDER BY hour_ms',
        )
        .all(),
    ).toEqual([
      { hour_ms: 0, contacts: 2, a: 1, b: 1, talk_s: 150, fees_ore: 16631 },
      { hour_ms: 3_600_000, contacts: 0, a: 0, b: 0, talk_s: 20, fees_ore: 0 },
    ]);
    const idx = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'load_cells_hour'")
      .all();
    expect(idx).toEqual([]);
    db.close();
  });

  it("005_remote_records adds tables for other devices' records beside the local ones", () => {
    const file = path.join(tempDir(), 'r.db');
    const db4 = openDatabase(file, { upTo: 4 });
    db4.close();
    const db = openDatabase(file, { upTo: 5 });
    expect(userVersion(db)).toBe(5);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['remote_shifts', 'remote_contacts', 'remote_audit']),
    );
    // No foreign keys: a remote contact may name a doctor this workstation has never seen.
    db.prepare(
      `INSERT INTO remote_contacts (id, rev, device_id, doctor_id, answered_at, state, pulled_at)
       VALUES ('c', 1, 'other', 'unknown-doctor', '2025-01-01T00:00:00.000Z', '{}', 'now')`,
    ).run();
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The local contacts table is untouched by remote rows.
    expect((db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n).toBe(0);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT state FROM remote_contacts WHERE answered_at >= 'x'")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/remote_contacts_answered/);
    db.close();
  });

  it('sets WAL, synchronous=FULL and foreign keys', () => {
    const db = openDatabase(path.join(tempDir(), 'c.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database from a newer app', () => {
    const file = path.join(tempDir(), 'd.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    try {
      openDatabase(file);
    } catch (err) {
      expect((err as DatabaseOpenError).kind).toBe('too-new');
      expect((err as Error).message).toMatch(/version 99/);
    }
  });

  it('rolls a failing migration back entirely and keeps the old version', () => {
    const mdir = tempDir('vagt-mig-');
    fs.copyFileSync(path.join(dir, '001_init.sql'), path.join(mdir, '001_init.sql'));
    fs.writeFileSync(
      path.join(mdir, '002_bad.sql'),
      'CREATE TABLE half (x INTEGER);\nSELECT * FROM no_such_table;',
    );
    const file = path.join(tempDir(), 'e.db');
    expect(() => openDatabase(file, { migrationsDir: mdir })).toThrow(/002_bad/);
    const db = new Database(file);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('reports a damaged file as corrupt', () => {
    const file = path.join(tempDir(), 'f.db');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    try {
      openDatabase(file);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseOpenError);
      expect((err as DatabaseOpenError).kind).toBe('corrupt');
    }
  });

  it('applies every migration in order on a fresh file', () => {
    const db = openDatabase(path.join(tempDir(), 'h.db'));
    expect(userVersion(db)).toBe(loadMigrations(dir).length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('migrate is idempotent', () => {
    const db = openDatabase(path.join(tempDir(), 'g.db'));
    const latest = loadMigrations(dir).length;
    expect(userVersion(db)).toBe(latest);
    expect(migrate(db, loadMigrations(dir))).toBe(latest);
    db.close();
  });
});
