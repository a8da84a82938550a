// Rotating daily backup with SQLite's online backup API (consistent while the app writes).
// One file per day, the newest 7 kept. Written to a temp name and renamed, so a crash mid-backup
// never leaves a half-written file that looks like a backup.
import fs from 'node:fs';
import path from 'node:path';
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
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
  }
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const target = path.join(dir, `vagt-${day}.db`);
  let made: string | null = null;
  if (!fs.existsSync(target)) {
    const tmp = `${target}.${process.pid}.tmp`;
    await db.backup(tmp);
    fs.renameSync(tmp, target);
    made = target;
  }
  const all = listBackups(dir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) fs.rmSync(old, { force: true });
  return made;
}
