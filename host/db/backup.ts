// Rotating daily backup with SQLite's online backup API (consistent while the app writes).
// One file per day, the newest 7 kept. Written to a temp name and renamed, so a crash mid-backup
// never leaves a half-written file that looks like a backup. Rotation never deletes the newest
// backup that holds records of care (a week of empty starts must not push the last good copy
// out). Backups are 0600 in a 0700 folder: they hold CPR numbers.
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, makePrivate } from '../private-files';
import type { DB } from './open';

export const BACKUPS_KEPT = 7;
const NAME = /^vagt-(\d{4}-\d{2}-\d{2})\.db$/;

export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Makes today's backup if it is missing, then prunes to the newest `keep`. Returns the file or null. */
export async function dailyBackup(
  db: DB,
  dir: string,
  nowMs: number,
  keep = BACKUPS_KEPT,
): Promise<string | null> {
  ensurePrivateDir(dir);
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
  }
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const target = path.join(dir, `vagt-${day}.db`);
  let made: string | null = null;
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    await db.backup(tmp);
    makePrivate(tmp);
    fs.renameSync(tmp, target);
    made = target;
  }
  const all = listBackups(dir);
  const drop = all.slice(0, Math.max(0, all.length - keep));
  const kept = all.slice(drop.length);
  if (!kept.some((f) => backupHoldsData(db, f))) {
    // Keep the newest older backup with data, if the kept ones are all empty.
    const spare = [...drop].reverse().find((f) => backupHoldsData(db, f));
    if (spare) drop.splice(drop.indexOf(spare), 1);
  }
  for (const old of drop) fs.rmSync(old, { force: true });
  return made;
}

/**
 * True when `file` is a readable database with at least one shift or contact. Checked by
 * ATTACH on the live connection, so it needs no second native module load (Electron).
 */
export function backupHoldsData(db: DB, file: string): boolean {
  try {
    if (fs.statSync(file).size === 0) return false;
    db.prepare('ATTACH DATABASE ? AS probe').run(file);
  } catch {
    return false;
  }
  try {
    const row = db
      .prepare(
        'SELECT (EXISTS(SELECT 1 FROM probe.contacts) OR EXISTS(SELECT 1 FROM probe.shifts)) AS has',
      )
      .get() as { has: number };
    return row.has === 1;
  } catch {
    return false;
  } finally {
    db.exec('DETACH DATABASE probe');
  }
}
