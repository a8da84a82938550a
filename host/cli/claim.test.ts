// `claim` on the command line (docs/rules.md §8), as the claims office runs it: a real child process on a
// workstation data folder made by the host. Golden bytes are shared with host/claims.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimSchema } from '../../shared/claims/model';
import { NIGHT, seedNight } from '../claims/testing/night';
import { testHost } from '../claims/testing/host';
import { claimCommand } from './claim';

const ROOT = new URL('../../', import.meta.url).pathname;
const GOLDEN = path.join(ROOT, 'host/claims/golden');
const made: string[] = [];

/** A data folder holding the fixed night, closed again so the CLI opens it alone. */
function nightFolder(): string {
  const h = testHost(NIGHT.generatedAt);
  seedNight(h.ctx);
  h.close();
  made.push(h.dataDir);
  return h.dataDir;
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', 'claim', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, VAGT_TEST_CLOCK: NIGHT.generatedAt },
  });
  return { status: r.status, stderr: r.stderr };
}

const CI = process.env.CI === 'true';
const hasPdftotext = () => spawnSync('pdftotext', ['-v']).status === 0;

const out = mkdtempSync(path.join(tmpdir(), 'vagt-claim-cli-'));
afterAll(() => {
  for (const d of [...made, out]) rmSync(d, { recursive: true, force: true });
});

const args = (data: string, format: string, file: string, doctor: string = NIGHT.anne) => [
  '--data',
  data,
  '--doctor',
  doctor,
  '--from',
  NIGHT.from,
  '--to',
  NIGHT.to,
  '--format',
  format,
  '--out',
  file,
];

describe('CLI claim (docs/rules.md §8)', () => {
  it('writes CSV, JSON and PDF claims equal to the golden night, and marks them claimed (R-CLAIM-3)', () => {
    const csvDir = nightFolder();
    const csvFile = path.join(out, 'anne.csv');
    // By autorisations-id here, by uuid below: both name the doctor.
    const r = cli(args(csvDir, 'csv', csvFile, 'AH123'));
    expect(r.stderr).toContain('433,51 kr.');
    expect(r.status).toBe(0);
    const csv = readFileSync(csvFile, 'utf8');
    const id = /^\uFEFFAfregning;([0-9a-f-]{36})\r\n/.exec(csv)?.[1];
    expect(id).toBeDefined();
    expect(csv.replace(id!, NIGHT.claimId)).toBe(
      readFileSync(path.join(GOLDEN, 'anne.csv'), 'utf8'),
    );

    const jsonFile = path.join(out, 'anne.json');
    expect(cli(args(nightFolder(), 'json', jsonFile)).status).toBe(0);
    const claim = claimSchema.parse(JSON.parse(readFileSync(jsonFile, 'utf8')));
    expect(JSON.stringify({ ...claim, claimId: NIGHT.claimId }, null, 2) + '\n').toBe(
      readFileSync(path.join(GOLDEN, 'anne.json'), 'utf8'),
    );

    const pdfFile = path.join(out, 'anne.pdf');
    expect(cli(args(nightFolder(), 'pdf', pdfFile)).status).toBe(0);
    const pdf = readFileSync(pdfFile);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The same period again: everything is claimed, so there is nothing to claim (exit 3).
    const again = path.join(out, 'again.json');
    const r2 = cli(args(csvDir, 'json', again));
    expect(r2.status).toBe(3);
    expect(r2.stderr).toMatch(/Intet at afregne/);
    expect(existsSync(again)).toBe(false);
  });

  it("the PDF claim's text carries the night's total", (ctx) => {
    // Off CI, a machine without poppler-utils skips (stated); on CI (CI=true) it must be there.
    ctx.skip(
      !CI && !hasPdftotext(),
      'pdftotext (poppler-utils) is not installed, so the PDF text cannot be extracted',
    );
    expect(hasPdftotext(), 'pdftotext (poppler-utils) must be installed on CI').toBe(true);
    const pdfFile = path.join(out, 'anne-text.pdf');
    expect(cli(args(nightFolder(), 'pdf', pdfFile)).status).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('433,51 kr.');
  });
  it('bad arguments get a Danish error and a non-zero exit status (child process)', () => {
    const data = nightFolder();
    const f = path.join(out, 'x.csv');
    const r = cli(args(data, 'xls', f));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--format skal være csv, json, pdf/);
    expect(existsSync(f)).toBe(false);
  });

  it('every kind of bad argument is refused in Danish (in-process, same function)', async () => {
    const data = nightFolder();
    const f = path.join(out, 'y.csv');
    const base = args(data, 'csv', f);
    const dates = (from: string, to: string) => [
      ...base.slice(0, 4),
      '--from',
      from,
      '--to',
      to,
      ...base.slice(8),
    ];
    const cases: Array<[string[], RegExp]> = [
      [base.slice(0, -2), /--out mangler/],
      [dates('2025-02-30', NIGHT.to), /--from skal være en dato/],
      [dates(NIGHT.to, NIGHT.from), /--from må ikke ligge efter --to/],
      [dates(NIGHT.from, '5/3-2025'), /--to skal være en dato/],
      [args(data, 'csv', f, 'ukendt'), /Ingen læge med id eller autorisations-id "ukendt"/],
      [args(path.join(out, 'findes-ikke'), 'csv', f), /indeholder ingen Vagtkonsol-database/],
      [[...base, '--ekstra', '1'], /Ukendt tilvalg --ekstra/],
      [[...base, '--out', f], /--out er angivet mere end én gang/],
      [['--data'], /--data mangler en værdi/],
    ];
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      for (const [a, message] of cases) {
        err.mockClear();
        const status = await claimCommand(a);
        expect(status, a.join(' ')).not.toBe(0);
        expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(message);
      }
    } finally {
      err.mockRestore();
    }
    expect(existsSync(f)).toBe(false);
  });
});
