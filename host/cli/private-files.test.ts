// The host CLI writes what holds CPR numbers for the user alone: the claim export 0600, and the
// database it opens (with its WAL) 0600 in a 0700 folder, even when they were made wider.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NIGHT, seedNight } from '../claims/testing/night';
import { testHost } from '../claims/testing/host';
import { DB_FILE } from '../host';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('CLI files are private', () => {
  it('claim export 0600; database 0600 and folder 0700 after the CLI opened them', () => {
    const h = testHost(NIGHT.generatedAt);
    seedNight(h.ctx);
    h.close();
    // As an older version (or another tool) may have left them.
    fs.chmodSync(h.dataDir, 0o755);
    fs.chmodSync(path.join(h.dataDir, DB_FILE), 0o644);
    const out = path.join(fs.mkdtempSync(path.join(h.dataDir, 'out-')), 'anne.json');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'host/cli/main.ts',
        'claim',
        ...['--data', h.dataDir, '--doctor', NIGHT.anne, '--from', NIGHT.from, '--to', NIGHT.to],
        ...['--format', 'json', '--out', out],
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VAGT_TEST_CLOCK: NIGHT.generatedAt } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(h.dataDir, DB_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(h.dataDir).mode & 0o777).toBe(0o700);
  });
});
