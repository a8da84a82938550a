// The two ways out of the recovery page (an empty or missing database beside backups, or a
// damaged one): restore the newest backup that passes quick_check and holds records, or start
// empty on purpose. Nothing is deleted: the file being replaced is set aside beside it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeDatabasePrivate, makePrivate } from '../private-files';
import { listBackups } from './backup';
import { openDatabase } from './open';

function setAside(file: string, nowMs: number): void {
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(f)) fs.renameSync(f, `${f}.set-aside-${stamp}`);
  }
}

function goodBackup(file: string, nativeBinding?: string): boolean {
  if (fs.statSync(file).size === 0) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    if (db.pragma('quick_check', { simple: true }) !== 'ok') return false;
    const row = db
      .prepare('SELECT (EXISTS(SELECT 1 FROM contacts) OR EXISTS(SELECT 1 FROM shifts)) AS has')
      .get() as { has: number };
    return row.has === 1;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** The newest backup that opens, passes quick_check and holds shifts or calls; null if none. */
export function newestGoodBackup(backupsDir: string, nativeBinding?: string): string | null {
  return [...listBackups(backupsDir)].reverse().find((f) => goodBackup(f, nativeBinding)) ?? null;
}

/** Puts the newest good backup in place of `file`; returns the backup used (null: none good). */
export function restoreNewestBackup(
  file: string,
  backupsDir: string,
  nowMs: number,
  nativeBinding?: string,
): string | null {
  const backup = newestGoodBackup(backupsDir, nativeBinding);
  if (!backup) return null;
  const tmp = `${file}.restore.tmp`;
  fs.copyFileSync(backup, tmp);
  makePrivate(tmp);
  setAside(file, nowMs);
  fs.renameSync(tmp, file);
  makeDatabasePrivate(file);
  return backup;
}

/** Starts with a new, empty database on the user's explicit choice (the old file set aside). */
export function startEmpty(file: string, nowMs: number, nativeBinding?: string): void {
  setAside(file, nowMs);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  openDatabase(file, { nativeBinding }).close();
}

export type RecoveryAction = 'restore' | 'start-empty';

/** Runs one recovery choice for the data folder's database; the message is Danish. */
export function runRecovery(
  action: RecoveryAction,
  file: string,
  backupsDir: string,
  nowMs: number,
  nativeBinding?: string,
): { ok: boolean; message: string } {
  try {
    if (action === 'start-empty') {
      startEmpty(file, nowMs, nativeBinding);
      return { ok: true, message: 'Vagtkonsol starter med en tom database.' };
    }
    const used = restoreNewestBackup(file, backupsDir, nowMs, nativeBinding);
    return used
      ? { ok: true, message: `Gendannet fra ${path.basename(used)}.` }
      : { ok: false, message: 'Ingen sikkerhedskopi kunne åbnes og indeholdt data.' };
  } catch (err) {
    return { ok: false, message: `Det lykkedes ikke: ${(err as Error).message}` };
  }
}
