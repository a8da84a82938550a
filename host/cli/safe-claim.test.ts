// Issue 12 §4–5: the claim CLI writes its file first and marks only after the rename; every
// command line says what is wrong in one Danish line with exit 2, never zod's own text.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NIGHT, seedNight } from '../claims/testing/night';
import { testHost } from '../claims/testing/host';
import { DB_FILE } from '../host';
import { claimCommand } from './claim';

const ROOT = new URL('../../', import.meta.url).pathname;
const made: string[] = [];
const out = mkdtempSync(path.join(tmpdir(), 'vagt-claim-safe-'));
made.push(out);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function nightFolder(): string {
  const h = testHost(NIGHT.generatedAt);
  seedNight(h.ctx);
  h.close();
  made.push(h.dataDir);
  return h.dataDir;
}

const args = (data: string, file: string) => [
  '--data',
  data,
  '--doctor',
  NIGHT.anne,
  '--from',
  NIGHT.from,
  '--to',
  NIGHT.to,
  '--format',
  'json',
  '--out',
  file,
];

/** Marks and stored claims in the folder's database (what "marked claimed" means). */
function claimedRows(data: string): number {
  const db = new Database(path.join(data, DB_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function run(a: string[]): Promise<{ status: number; err: string }> {
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const status = await claimCommand(a);
    return { status, err: spy.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    spy.mockRestore();
  }
}

function cli(argv: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', ...argv], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('claim CLI writes first, marks after (issue 12 §4)', () => {
  it('--out naming a folder is a Danish usage error that marks nothing', async () => {
    const data = nightFolder();
    const dir = path.join(out, 'a-folder');
    mkdirSync(dir);
    const r = await run(args(data, dir));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/--out skal være en fil, men .* er en mappe/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(claimedRows(data)).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a write that fails marks nothing, leaves no temporary file, and the retry claims', async () => {
    const data = nightFolder();
    const dir = path.join(out, 'long');
    mkdirSync(dir);
    // A legal file name whose temporary sibling is too long: the write fails, also for root.
    const file = path.join(dir, `${'a'.repeat(245)}.json`);
    const r = await run(args(data, file));
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/filnavnet er for langt.*Intet er markeret/);
    expect(claimedRows(data)).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    const ok = await run(args(data, path.join(dir, 'retry.json')));
    expect(ok.status).toBe(0);
    expect(claimedRows(data)).toBe(1);
    expect(readdirSync(dir)).toEqual(['retry.json']);
  });

  it('the written claim is readable by its owner only (0600) and no .tmp is left', async () => {
    const data = nightFolder();
    const dir = path.join(out, 'ok');
    const file = path.join(dir, 'anne.json');
    const r = await run(args(data, file));
    expect(r.status).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['anne.json']);
    expect(claimedRows(data)).toBe(1);
  });

  it('a file where the folder should be fails before marking', async () => {
    const data = nightFolder();
    const notDir = path.join(out, 'plain-file');
    writeFileSync(notDir, 'x');
    const r = await run(args(data, path.join(notDir, 'anne.json')));
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/Intet er markeret/);
    expect(claimedRows(data)).toBe(0);
    expect(existsSync(path.join(notDir, 'anne.json'))).toBe(false);
  });
});

describe('command lines say plainly what is wrong (issue 12 §5)', () => {
  const good = JSON.stringify({
    id: 'a',
    kind: 'telefon',
    answeredAt: '2025-03-04T21:00:00.000Z',
    video: null,
    group: 1,
  });
  it.each([
    [['price', '--rule', 'x.json'], /Ukendt tilvalg --rule\. Mente du --rules\?/],
    [['price', '--rules'], /--rules mangler en værdi/],
    [['price', 'ekstra'], /Uventet argument: ekstra/],
    [['band'], /Angiv et ISO-8601-tidspunkt/],
    [['band', '2025-03-04T15:00:00+25:00'], /Angiv et ISO-8601-tidspunkt/],
    [['band', '2025-02-30T15:00:00Z'], /Angiv et ISO-8601-tidspunkt/],
    [['band', '2025-03-04T24:00:00Z'], /Angiv et ISO-8601-tidspunkt/],
    [['band', '2025-03-04T15:00:00Z', '--rules', '/findes/ikke.json'], /findes ikke/],
    [['prize'], /Ukendt kommando "prize"/],
    [['workstation-id'], /--data mangler/],
    [['workstation-id', '--dat', '/tmp'], /Ukendt tilvalg --dat\. Mente du --data\?/],
    [['sync-configure', '--data', '/tmp', '--server', 'http://x'], /--token mangler/],
    [['claim', '--data', '/tmp', '--doctor'], /--doctor mangler en værdi/],
    [['claim', '--data', '/tmp', '--from', '2025-02-30'], /--doctor mangler|--from skal være/],
  ])('%j is a one-line Danish usage error with exit 2', (argv, message) => {
    const r = cli(argv as string[], good);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/Invalid input|expected|ZodError|at .*\.ts:/);
    expect(r.stdout).toBe('');
  });

  it('price: impossible lines (R-REC-1) and invalid UTF-8 get Danish per-line errors, the rest prices', () => {
    const line = (o: object) => JSON.stringify({ id: 'x', kind: 'telefon', group: 1, ...o });
    const input = Buffer.concat([
      Buffer.from(good + '\n'),
      Buffer.from(line({ answeredAt: '2025-02-28T25:61:61.999Z', video: null }) + '\n'),
      Buffer.from(line({ answeredAt: '2025-03-04T21:00:00+25:00', video: null }) + '\n'),
      Buffer.from(
        line({
          answeredAt: '2025-03-04T21:00:00.000Z',
          video: { connectedAt: '2025-03-04T20:00:00.000Z', failedAt: null },
        }) + '\n',
      ),
      Buffer.from(
        line({
          answeredAt: '2025-03-04T21:00:00.000Z',
          video: { connectedAt: '2025-03-04T21:05:00.000Z', failedAt: '2025-03-04T21:06:00.000Z' },
        }) + '\n',
      ),
      Buffer.from(
        line({
          answeredAt: '2025-03-04T21:00:00.000Z',
          video: { connectedAt: '9999-03-04T21:05:00.000Z', failedAt: null },
        }) + '\n',
      ),
      Buffer.from('{"id":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(
        '","kind":"telefon","answeredAt":"2025-03-04T21:00:00.000Z","video":null,"group":1}\n',
      ),
      Buffer.from(good + '\n'),
    ]);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', 'price'], {
      cwd: ROOT,
      input,
    });
    expect(r.status).toBe(2);
    const lines = r.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { band?: string; error?: { code: string; message: string } });
    expect(lines).toHaveLength(8);
    expect(lines[0]!.band).toBe('B');
    expect(lines[7]!.band).toBe('B');
    const errors = lines.slice(1, 7).map((l) => l.error);
    expect(errors.map((e) => e?.code)).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_UTF8',
    ]);
    expect(errors[0]!.message).toMatch(/answeredAt: ikke et virkeligt/);
    expect(errors[2]!.message).toMatch(/video.connectedAt: ligger før opkaldet/);
    expect(errors[3]!.message).toMatch(/både være forbundet og mislykket/);
    expect(errors[4]!.message).toMatch(/højst 24 timer/);
    for (const e of errors) expect(e!.message).not.toMatch(/Invalid|expected/);
  });
});
