// Opening the workstation database on a bad day: each failure classified truthfully (only real
// corruption is "beskadiget"), an empty or missing database beside backups goes to the recovery
// page instead of a silent first launch, backups never lose the last copy with data, files are
// the user's alone, and a full disk (real SQLITE_FULL via max_page_count) is named as such.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHost, DB_FILE } from '../host';
import { databaseErrorPage } from '../shell/error-page';
import { testHost, tempDir } from '../testing';
import { backupHoldsData, dailyBackup, listBackups } from './backup';
import { classifyOpenError, DatabaseOpenError } from './errors';
import { openDatabase } from './open';
import { runRecovery } from './recover';

const CPR = { type: 'cpr' as const, cpr: '0101901234' };

function openError(fn: () => unknown): DatabaseOpenError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DatabaseOpenError) return err;
    throw err;
  }
  throw new Error('did not fail');
}

/** A data folder with one recorded call and a backup of it, then the database emptied. */
async function folderWithBackup(): Promise<string> {
  const h = testHost();
  const sup = await h.call('setup.createFirstSupervisor', { name: 'S', authId: 'S1', pin: '4321' });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  await h.call('shift.open', {});
  const c = await h.call('contact.start', { kind: 'telefon' });
  await h.call('contact.update', {
    id: c.id,
    patch: { patient: CPR, outcome: 'raad-og-vejledning', reason: 'feber' },
  });
  await h.call('contact.end', { id: c.id });
  await dailyBackup(h.db, path.join(h.dataDir, 'backups'), Date.parse('2025-03-04T12:00:00Z'));
  h.close();
  return h.dataDir;
}

describe('classified open failures', () => {
  it('a folder that cannot be made is "cannot-open" with the path, not corrupt', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    const e = openError(() => openDatabase(path.join(dir, 'file', 'sub', 'v.db')));
    expect(e.kind).toBe('cannot-open');
    expect(e.code).toBe('ENOTDIR');
    const page = databaseErrorPage(e, dir);
    expect(page).toContain('Databasen kan ikke åbnes');
    expect(page).not.toContain('beskadiget');
    expect(page).toContain(path.join(dir, 'file', 'sub'));
  });

  it('a file of garbage is corrupt, and only that page says "beskadiget"', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'v.db'), Buffer.alloc(8192, 7));
    const e = openError(() => openDatabase(path.join(dir, 'v.db')));
    expect(e.kind).toBe('corrupt');
    expect(databaseErrorPage(e, dir, { logFile: '/x/logs/vagtkonsol.log' })).toMatch(
      /Databasen er beskadiget[\s\S]*Gendan nyeste gode sikkerhedskopi[\s\S]*Logfil: <code>\/x\/logs\/vagtkonsol\.log/,
    );
  });

  it('sorts disk full, read-only, permission and native-module errors into their own kinds', () => {
    const err = (code: string, msg = code) => Object.assign(new Error(msg), { code });
    expect(classifyOpenError(err('SQLITE_FULL', 'database or disk is full'), '/d/v.db').kind).toBe(
      'disk-full',
    );
    expect(classifyOpenError(err('ENOSPC'), '/d/v.db').kind).toBe('disk-full');
    expect(classifyOpenError(err('SQLITE_READONLY'), '/d/v.db').kind).toBe('cannot-open');
    expect(classifyOpenError(err('EACCES'), '/d/v.db').kind).toBe('cannot-open');
    expect(classifyOpenError(err('SQLITE_NOTADB'), '/d/v.db').kind).toBe('corrupt');
    expect(
      classifyOpenError(
        err(
          'ERR_DLOPEN_FAILED',
          'was compiled against a different Node.js version using NODE_MODULE_VERSION 115',
        ),
        '/d/v.db',
      ).kind,
    ).toBe('native-module');
    const titles = (
      ['disk-full', 'cannot-open', 'native-module', 'too-new', 'needs-recovery'] as const
    ).map(
      (k) =>
        /<h1>([^<]+)<\/h1>/.exec(
          databaseErrorPage(new DatabaseOpenError(k, 'm', '/d/v.db', 'EROFS'), '/d'),
        )![1],
    );
    expect(titles).toEqual([
      'Disken er fuld',
      'Databasen kan ikke åbnes',
      'Vagtkonsols databasemodul kan ikke indlæses',
      'Databasen er fra en nyere version af Vagtkonsol',
      'Databasen mangler eller er tom',
    ]);
    expect(titles.join(' ')).not.toContain('beskadiget');
    expect(
      databaseErrorPage(new DatabaseOpenError('cannot-open', 'm', '/d/v.db', 'EROFS'), '/d'),
    ).toContain('skrivebeskyttet');
  });
});

describe('empty or missing database beside backups', () => {
  it('an empty (0-byte) database is not a first launch: recovery, then restore the newest good backup', async () => {
    const dir = await folderWithBackup();
    const file = path.join(dir, DB_FILE);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(file, '');
    const e = openError(() =>
      createHost({ dataDir: dir, mode: 'browser', ticker: false, sync: false }),
    );
    expect(e.kind).toBe('needs-recovery');
    expect(databaseErrorPage(e, dir)).toContain('Start tomt med vilje');
    expect(fs.statSync(file).size).toBe(0); // nothing touched
    const r = runRecovery('restore', file, path.join(dir, 'backups'), Date.now());
    expect(r).toMatchObject({ ok: true });
    const h = createHost({
      dataDir: dir,
      mode: 'browser',
      ticker: false,
      sync: false,
      backups: false,
    });
    expect((h.db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(1);
    h.close();
    // The empty file was set aside, not deleted.
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${DB_FILE}.set-aside-`))).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a missing database beside backups can be started empty on purpose', async () => {
    const dir = await folderWithBackup();
    const file = path.join(dir, DB_FILE);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    expect(
      openError(() => openDatabase(file, { backupsDir: path.join(dir, 'backups') })).kind,
    ).toBe('needs-recovery');
    expect(runRecovery('start-empty', file, path.join(dir, 'backups'), Date.now()).ok).toBe(true);
    const db = openDatabase(file, { backupsDir: path.join(dir, 'backups') });
    expect((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(0);
    db.close();
    expect(listBackups(path.join(dir, 'backups'))).toHaveLength(1);
  });
});

describe('backups', () => {
  it('rotation never deletes the newest backup that holds data; backups are 0600 in a 0700 folder', async () => {
    const dir = await folderWithBackup();
    const backups = path.join(dir, 'backups');
    // A week and more of starts on an empty database (e.g. after a bad restore).
    const empty = openDatabase(path.join(tempDir(), 'empty.db'));
    const day0 = Date.parse('2025-03-05T12:00:00Z');
    for (let i = 0; i < 10; i++) await dailyBackup(empty, backups, day0 + i * 86_400_000, 3);
    const kept = listBackups(backups).map((f) => path.basename(f));
    expect(kept).toContain('vagt-2025-03-04.db');
    expect(kept).toHaveLength(4);
    expect(backupHoldsData(empty, path.join(backups, 'vagt-2025-03-04.db'))).toBe(true);
    expect(backupHoldsData(empty, path.join(backups, kept.at(-1)!))).toBe(false);
    empty.close();
    expect(fs.statSync(backups).mode & 0o777).toBe(0o700);
    for (const f of listBackups(backups)) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
  });
});

describe('disk full', () => {
  it('autosave on a full disk says DISK_FULL and names the data folder, not "internal error"', async () => {
    const h = testHost();
    const sup = await h.call('setup.createFirstSupervisor', {
      name: 'S',
      authId: 'S1',
      pin: '4321',
    });
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    await h.call('shift.open', {});
    const c = await h.call('contact.start', { kind: 'telefon' });
    // Real SQLITE_FULL: the database may not grow past its current size.
    h.db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = h.db.pragma('page_count', { simple: true }) as number;
    h.db.pragma(`max_page_count = ${pages}`);
    let failure: { code: string; details?: Record<string, string> } | null = null;
    for (let i = 0; i < 200 && !failure; i++) {
      const r = await h.dispatch('contact.update', {
        id: c.id,
        patch: { reason: `feber ${'x'.repeat(1500)} ${i}`, note: 'n'.repeat(1900) + i },
      });
      if (!r.ok) failure = r.error as typeof failure;
    }
    expect(failure).toMatchObject({ code: 'DISK_FULL', details: { disk: h.dataDir } });
    h.close();
  });
});
