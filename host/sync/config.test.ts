import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { loadSyncConfig, saveSyncConfig } from './config';
import { removeTempDirs, tempDir } from './testing/harness';

afterAll(removeTempDirs);

describe('sync config file', () => {
  it('is written 0600 and read back', () => {
    const dir = tempDir('cfg');
    const file = saveSyncConfig(dir, { serverUrl: 'https://sync.example', token: 'tok-1' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSyncConfig(dir)).toEqual({ serverUrl: 'https://sync.example', token: 'tok-1' });
  });
  it('keeps only the encrypted token when an encrypt function is given', () => {
    const dir = tempDir('cfg');
    const encrypt = (s: string) => Buffer.from([...s].reverse().join(''), 'utf8');
    const decrypt = (b: Buffer) => [...b.toString('utf8')].reverse().join('');
    const file = saveSyncConfig(
      dir,
      { serverUrl: 'http://127.0.0.1:8787', token: 'secret-token' },
      encrypt,
    );
    expect(readFileSync(file, 'utf8')).not.toContain('secret-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSyncConfig(dir, decrypt)?.token).toBe('secret-token');
    expect(() => loadSyncConfig(dir)).toThrow(/encrypted/);
  });
  it('returns null when there is no config', () => {
    expect(loadSyncConfig(tempDir('cfg'))).toBeNull();
  });
});
