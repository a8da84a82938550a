import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing';
import { BACKUPS_KEPT, dailyBackup, listBackups } from './backup';
import { openDatabase } from './open';

describe('daily backup', () => {
  it('writes one readable backup per day and keeps the newest 7', async () => {
    const data = tempDir();
    const db = openDatabase(path.join(data, 'v.db'));
    db.prepare(
      "INSERT INTO audit (id, at, device_id, action) VALUES ('a1', 'now', 'd', 'test')",
    ).run();
    const dir = path.join(data, 'backups');
    const day0 = Date.parse('2025-03-01T12:00:00.000Z');
    for (let i = 0; i < 10; i++) {
      expect(await dailyBackup(db, dir, day0 + i * 86_400_000)).not.toBeNull();
    }
    // A second run the same day does nothing.
    expect(await dailyBackup(db, dir, day0 + 9 * 86_400_000 + 1000)).toBeNull();
    const files = listBackups(dir);
    expect(files).toHaveLength(BACKUPS_KEPT);
    expect(path.basename(files[0]!)).toBe('vagt-2025-03-04.db');
    expect(path.basename(files.at(-1)!)).toBe('vagt-2025-03-10.db');
    const copy = new Database(files.at(-1)!, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT id FROM audit').all()).toEqual([{ id: 'a1' }]);
    copy.close();
    db.close();
  });

  it('removes temp files left by an interrupted backup', async () => {
    const data = tempDir();
    const db = openDatabase(path.join(data, 'v.db'));
    const dir = path.join(data, 'backups');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'vagt-2025-01-01.db.123.tmp'), 'half');
    await dailyBackup(db, dir, Date.parse('2025-03-01T12:00:00.000Z'));
    expect(fs.readdirSync(dir)).toEqual(['vagt-2025-03-01.db']);
    db.close();
  });
});
