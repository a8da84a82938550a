// One process per data folder, held by the operating system: an exclusive SQLite lock on a
// small lock database (fcntl/LockFileEx underneath). The lock lives exactly as long as the
// process, so a crash, kill -9, power cut or reboot never blocks the next start, and no pid
// is trusted (pids are reused). Beside it, an owner note (pid, mode, and for browser mode
// the port and a launch key) tells a second start who holds the folder; it is only read
// after the lock itself has refused, so a stale note cannot block anything.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, makePrivate, writePrivateFile } from './private-files';

export const LOCK_FILE = 'vagtkonsol.lock';
export const OWNER_FILE = 'vagtkonsol.owner.json';

export interface LockOwner {
  pid: number;
  mode?: 'electron' | 'browser' | 'cli';
  /** Browser mode: the loopback port its console is served on. */
  port?: number;
  /** Browser mode: the key a second start uses to ask for a one-time launch code. */
  launchKey?: string;
}

export class DataInUseError extends Error {
  readonly code = 'DATA_IN_USE';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly owner: LockOwner | null = null,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Vagtkonsol${pid ? ` (pid ${pid})` : ''}`,
    );
    this.name = 'DataInUseError';
  }
}

export interface DataLock {
  readonly file: string;
  /** Records who holds the lock (read by a second start only after the lock refused it). */
  setOwner(owner: Omit<LockOwner, 'pid'>): void;
  release(): void;
}

export interface LockOptions {
  /** better-sqlite3's compiled module (the Electron build under Electron). */
  nativeBinding?: string;
}

/** The owner note of a held folder (null when missing or unreadable). */
export function readOwner(dataDir: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8')) as LockOwner;
    return typeof o.pid === 'number' ? o : null;
  } catch {
    return null;
  }
}

function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: unknown }).code ?? ''));
}

function tryLock(file: string, nativeBinding?: string): Database.Database | 'busy' {
  const db = new Database(file, { timeout: 0, nativeBinding });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    // Writes only the first time (the table then exists): the lock is taken on a full disk too.
    db.exec('CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY)');
    db.exec('COMMIT');
    return db;
  } catch (err) {
    db.close();
    if (isBusy(err)) return 'busy';
    throw err;
  }
}

export function acquireDataLock(dataDir: string, opts: LockOptions = {}): DataLock {
  ensurePrivateDir(dataDir);
  const file = path.join(dataDir, LOCK_FILE);
  let db: Database.Database | 'busy';
  try {
    db = tryLock(file, opts.nativeBinding);
  } catch (err) {
    // An older version's pid file (plain JSON) is not a database: replace it once.
    if (!/NOTADB/.test(String((err as { code?: unknown }).code ?? ''))) throw err;
    fs.rmSync(file, { force: true });
    db = tryLock(file, opts.nativeBinding);
  }
  if (db === 'busy') {
    const owner = readOwner(dataDir);
    throw new DataInUseError(dataDir, owner?.pid ?? 0, owner);
  }
  makePrivate(file);
  const held = db;
  const ownerFile = path.join(dataDir, OWNER_FILE);
  // The note is a courtesy: on a full disk the lock still holds without it.
  const writeNote = (o: LockOwner) => {
    try {
      writePrivateFile(ownerFile, JSON.stringify(o));
    } catch {
      // No note: a second start then only says the folder is in use.
    }
  };
  writeNote({ pid: process.pid });
  let released = false;
  return {
    file,
    setOwner(more) {
      writeNote({ ...more, pid: process.pid });
    },
    release() {
      if (released) return;
      released = true;
      try {
        const note = readOwner(dataDir);
        if (note?.pid === process.pid) fs.rmSync(ownerFile, { force: true });
      } catch {
        // Gone already.
      }
      held.close();
    },
  };
}

/** Platform user-data folder for Vagtkonsol, the same one the Electron shell uses. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Vagtkonsol');
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Vagtkonsol');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Vagtkonsol');
}
