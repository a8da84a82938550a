// One process per data folder: an exclusive lock file holding the owner's pid. A lock left by
// a process that no longer runs (a crash, a power cut) is taken over; a live one is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'vagtkonsol.lock';

export class DataInUseError extends Error {
  readonly code = 'DATA_IN_USE';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by another Vagtkonsol (pid ${pid})`);
    this.name = 'DataInUseError';
  }
}

export interface DataLock {
  readonly file: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataLock(dataDir: string): DataLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine = JSON.stringify({
    pid: process.pid,
    host: os.hostname(),
    at: new Date().toISOString(),
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === mine) fs.rmSync(file);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner: { pid?: number; host?: string } = {};
    try {
      owner = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof owner;
    } catch {
      // Unreadable or half-written lock: treat as stale below.
    }
    const pid = typeof owner.pid === 'number' ? owner.pid : 0;
    const sameHost = !owner.host || owner.host === os.hostname();
    if (pid > 0 && (alive(pid) || !sameHost)) throw new DataInUseError(dataDir, pid);
    fs.rmSync(file, { force: true });
  }
  throw new DataInUseError(dataDir, 0);
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
