// Files holding CPR numbers and notes are readable by their owner alone: folders 0700, files
// 0600 (database, WAL, backups, exports, temporary files, the log). The umask covers files that
// SQLite or a library creates; the explicit modes cover folders and files made before it, or
// by an older version. Windows has no POSIX modes: the user profile's ACL is the guard there.
import fs from 'node:fs';
import path from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** New files of this process are created without group/other bits (entry points call it). */
export function privateUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

function chmodIfMine(p: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(p);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return;
    if ((st.mode & 0o777) !== mode) fs.chmodSync(p, mode);
  } catch {
    // Missing or not ours: nothing to tighten.
  }
}

/** Creates `dir` (and parents) and makes `dir` itself 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodIfMine(dir, DIR_MODE);
}

/** Makes existing files 0600 (missing ones are skipped). */
export function makePrivate(...files: string[]): void {
  for (const f of files) chmodIfMine(f, FILE_MODE);
}

/** The database file with its WAL and shared-memory companions. */
export function makeDatabasePrivate(file: string): void {
  makePrivate(file, `${file}-wal`, `${file}-shm`, `${file}-journal`);
}

/** Writes through a private temp file and renames it into place (0600 from the first byte). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data, { mode: FILE_MODE });
  makePrivate(tmp);
  fs.renameSync(tmp, file);
}
