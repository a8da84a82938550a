// Browser mode on a full disk: it either starts (the lock and the database need no new space)
// or stops saying, in Danish, that the disk holding the data folder is full — and leaves no
// lock behind. ENOSPC is injected where the launch page is written.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataLock } from '../host/data-lock';
import { tempDir } from '../host/testing';
import { startBrowserHost } from './server';
import { describeStartError } from './start-errors';

afterEach(() => vi.restoreAllMocks());

const enospc = () =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('browser mode on a full disk', () => {
  it('starts on an existing folder when only small writes would fail (lock needs no new space)', async () => {
    const dataDir = tempDir('vagt-full-');
    (await startBrowserHost({ dataDir, port: 0, open: false })).close();
    await new Promise((r) => setTimeout(r, 100));
    // Now every new owner note fails; the lock and the database still open.
    const real = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
      if (String(file).includes('owner')) throw enospc();
      return real(file, ...(rest as [never]));
    });
    const bh = await startBrowserHost({ dataDir, port: 0, open: false });
    expect(bh.host).not.toBeNull();
    await bh.close();
  });

  it('without room for the launch page it stops with a Danish message naming the folder, and frees the lock', async () => {
    const dataDir = tempDir('vagt-full-');
    const real = fs.writeFileSync;
    vi.spyOn(fs, 'writeFileSync').mockImplementation((file, ...rest) => {
      if (String(file).includes('open-vagtkonsol')) throw enospc();
      return real(file, ...(rest as [never]));
    });
    let err: unknown;
    try {
      await startBrowserHost({ dataDir, port: 0, open: false });
    } catch (e) {
      err = e;
    }
    expect(describeStartError(err, dataDir)).toBe(
      `Vagtkonsol kan ikke starte: disken med datamappen ${dataDir} er fuld. Frigør plads på den disk, og start igen. Intet gemt er tabt.`,
    );
    vi.restoreAllMocks();
    acquireDataLock(dataDir).release();
  });

  it('names a SQLite full disk the same way, and other causes plainly', () => {
    expect(
      describeStartError(
        Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
        '/d',
      ),
    ).toMatch(/disken med datamappen \/d er fuld/);
    expect(describeStartError(Object.assign(new Error('x'), { code: 'EROFS' }), '/d')).toMatch(
      /ingen skriveadgang.*EROFS/,
    );
  });
});
