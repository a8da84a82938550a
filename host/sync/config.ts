// Where a workstation keeps its sync server address and device token. The file is readable by
// the user only (0600); when the shell has Electron's safeStorage it passes it in as
// `encrypt`/`decrypt` so the token is also encrypted at rest with the OS keychain.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyncConfig {
  serverUrl: string;
  token: string;
}
export type Encrypt = (plain: string) => Buffer;
export type Decrypt = (cipher: Buffer) => string;

export const SYNC_CONFIG_FILE = 'sync-config.json';

interface StoredConfig {
  serverUrl: string;
  token?: string;
  tokenEncrypted?: string;
}

export function saveSyncConfig(dir: string, config: SyncConfig, encrypt?: Encrypt): string {
  const url = new URL(config.serverUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error('serverUrl must be http(s)');
  const stored: StoredConfig = encrypt
    ? { serverUrl: config.serverUrl, tokenEncrypted: encrypt(config.token).toString('base64') }
    : { serverUrl: config.serverUrl, token: config.token };
  const file = join(dir, SYNC_CONFIG_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  // Created 0600 from the start (no window where it is world-readable), then renamed into place.
  writeFileSync(tmp, JSON.stringify(stored) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

export function loadSyncConfig(dir: string, decrypt?: Decrypt): SyncConfig | null {
  const file = join(dir, SYNC_CONFIG_FILE);
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredConfig;
  if (stored.tokenEncrypted !== undefined) {
    if (!decrypt) throw new Error('the sync token is encrypted and no decrypt function was given');
    return {
      serverUrl: stored.serverUrl,
      token: decrypt(Buffer.from(stored.tokenEncrypted, 'base64')),
    };
  }
  if (typeof stored.token !== 'string') throw new Error('sync config has no token');
  return { serverUrl: stored.serverUrl, token: stored.token };
}
