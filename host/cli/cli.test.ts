// The CLI as the claims office runs it (docs/rules.md §8), through a real child process.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';

const ROOT = new URL('../../', import.meta.url).pathname;
const GOLDEN = join(ROOT, 'shared/pricing/golden');

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return {
    status: r.status,
    lines: r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    stderr: r.stderr,
  };
}

describe('CLI (docs/rules.md §8)', () => {
  it('price: the golden worked examples, band and fee lines exactly', () => {
    const input = readFileSync(join(GOLDEN, 'fees.in.jsonl'), 'utf8');
    const expected = readFileSync(join(GOLDEN, 'fees.expected.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const r = cli(['price'], input);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => ({ id: l.id, band: l.band, lines: l.lines }))).toEqual(expected);
  });

  it('price: bad lines get an error object, good lines around them still price, exit status 2', () => {
    const good = (id: string) =>
      JSON.stringify({
        id,
        kind: 'telefon',
        answeredAt: '2025-03-04T21:00:00.000Z',
        video: null,
        group: 1,
      });
    const input = [
      good('a'),
      '{not json',
      JSON.stringify({
        id: 'b',
        kind: 'fax',
        answeredAt: '2025-03-04T21:00:00.000Z',
        video: null,
        group: 1,
      }),
      JSON.stringify({
        id: 'c',
        kind: 'telefon',
        answeredAt: '2025-03-04 21:00',
        video: null,
        group: 1,
      }),
      JSON.stringify({
        id: 'd',
        kind: 'telefon',
        answeredAt: '2025-03-04T21:00:00.000Z',
        video: null,
        group: 3,
      }),
      '[]',
      good('e'),
    ].join('\n');
    const r = cli(['price'], input);
    expect(r.status).toBe(2);
    expect(r.lines).toHaveLength(7);
    expect(r.lines[0]).toMatchObject({
      id: 'a',
      band: 'B',
      lines: [{ code: 'TLF-B', amountOre: 9418 }],
    });
    expect(r.lines[1]).toMatchObject({ id: null, error: { code: 'INVALID_JSON' } });
    expect(r.lines[2]).toMatchObject({ id: 'b', error: { code: 'INVALID_INPUT' } });
    expect(r.lines[3]).toMatchObject({ id: 'c', error: { code: 'INVALID_INPUT' } });
    expect(r.lines[4]).toMatchObject({ id: 'd', error: { code: 'INVALID_INPUT' } });
    expect(r.lines[5]).toMatchObject({ id: null, error: { code: 'INVALID_INPUT' } });
    expect(r.lines[6]).toMatchObject({ id: 'e', band: 'B' });
    for (const l of r.lines.filter((x) => x.error))
      expect(l.error.message.length).toBeGreaterThan(10);
  });

  it('price --rules FILE prices with an imported rule set (R-RULE-1, R-FEE-6)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vagt-cli-'));
    const file = join(dir, 'rules.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...OK21_NATIONAL,
        id: 'indexed',
        index: [{ from: '2025-01-01', factor: '1.1' }],
      }),
    );
    const r = cli(
      ['price', '--rules', file],
      JSON.stringify({
        id: 'x',
        kind: 'telefon',
        answeredAt: '2025-03-04T16:00:00.000Z',
        video: null,
        group: 1,
      }),
    );
    expect(r.status).toBe(0);
    expect(r.lines[0].lines).toEqual([{ code: 'TLF-A', amountOre: 7934 }]); // 7213 × 1.1 = 7934.3
  });

  it('band <ISO> prints band, vagttid, holiday and local time', () => {
    expect(cli(['band', '2025-04-17T10:00:00Z']).lines[0]).toEqual({
      band: 'B',
      vagttid: true,
      holiday: 'Skærtorsdag',
      local: '2025-04-17T12:00:00.000+02:00',
    });
    expect(cli(['band', '2025-03-04T10:00:00.000Z']).lines[0]).toMatchObject({
      band: 'DAY',
      vagttid: false,
      holiday: null,
    });
    expect(cli(['band', 'yesterday']).status).toBe(2);
  });
});
