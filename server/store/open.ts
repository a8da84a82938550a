// Chooses the backend: PostgreSQL when a database URL is given (--database or
// VAGT_DATABASE_URL), otherwise the embedded SQLite file in --data DIR.
import { openPgStorage } from './pg';
import { openSqliteStorage } from './sqlite';
import type { Storage } from './types';

export interface StorageOptions {
  dataDir?: string;
  databaseUrl?: string;
  poolSize?: number;
  /** How long a request waits for a pooled connection before it is answered 503. */
  poolTimeoutMs?: number;
}

export function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.databaseUrl)
    return openPgStorage({
      url: opts.databaseUrl,
      poolSize: opts.poolSize,
      connectTimeoutMs: opts.poolTimeoutMs,
    });
  if (!opts.dataDir) return Promise.reject(new Error('no --data DIR and no --database URL'));
  try {
    return Promise.resolve(openSqliteStorage(opts.dataDir));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
