// The afterPack hook flips the fuses it promises, tried on a stand-in binary that carries
// Electron's fuse wire (sentinel, version 1, eight fuses).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const afterPack = createRequire(import.meta.url)('./after-pack.cjs') as (
  ctx: unknown,
) => Promise<void>;

describe('after-pack fuses', () => {
  it('turns RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off, asar integrity and asar-only on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-fuses-'));
    const exe = path.join(dir, 'vagtkonsol');
    // Wire order: RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity, OnlyAsar, V8Snapshot, FileProtocol
    fs.writeFileSync(
      exe,
      Buffer.concat([
        Buffer.from('ELF…'),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from('11110001'),
        Buffer.from('…'),
      ]),
    );
    await afterPack({
      electronPlatformName: 'linux',
      appOutDir: dir,
      packager: { appInfo: { productFilename: 'Vagtkonsol' }, executableName: 'vagtkonsol' },
    });
    const bin = fs.readFileSync(exe);
    const at = bin.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(bin.subarray(at, at + 8).toString()).toBe('01001100');
  });
});
