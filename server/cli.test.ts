// The command line as operators run it (`npm run server -- …`), as a real process.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';

// Each case starts the CLI as a process (tsx start-up is seconds on a busy machine).
vi.setConfig({ testTimeout: 180_000 });
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import { freshPgDatabase, PG_ADMIN_URL } from './testing/backends';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

it('manages devices, doctors and rules, never printing a PIN, and refuses a public bind', () => {
  const data = mkdtempSync(join(tmpdir(), 'vagt-cli-'));
  const dev = run([
    'add-device',
    '--data',
    data,
    '--name',
    'Arbejdsplads 3',
    '--role',
    'supervisor',
  ]);
  expect(dev.status).toBe(0);
  const created = JSON.parse(dev.stdout) as { deviceId: string; token: string; role: string };
  expect(created.role).toBe('supervisor');
  expect(created.token.length).toBeGreaterThanOrEqual(43);

  const doc = run([
    'add-doctor',
    '--data',
    data,
    '--name',
    'Anna',
    '--auth-id',
    'A1',
    '--pin',
    '73914',
    '--roles',
    'doctor,coordinator',
  ]);
  expect(doc.status).toBe(0);
  expect(doc.stdout + doc.stderr).not.toContain('73914');
  expect(JSON.parse(doc.stdout)).toMatchObject({
    name: 'Anna',
    roles: ['doctor', 'coordinator'],
    pin: true,
  });

  const rulesFile = join(data, 'rules.json');
  execFileSync('node', [
    '-e',
    `require('fs').writeFileSync(${JSON.stringify(rulesFile)}, process.argv[1])`,
    JSON.stringify(OK21_NATIONAL),
  ]);
  expect(JSON.parse(run(['set-rules', '--data', data, '--file', rulesFile]).stdout)).toEqual({
    id: OK21_NATIONAL.id,
    rev: 1,
  });
  const bad = join(data, 'bad.json');
  execFileSync('node', [
    '-e',
    `require('fs').writeFileSync(${JSON.stringify(bad)}, '{"schema":1}')`,
  ]);
  expect(run(['set-rules', '--data', data, '--file', bad]).status).not.toBe(0);

  expect(run(['revoke-device', '--data', data, '--device', created.deviceId]).status).toBe(0);
  expect(run(['revoke-device', '--data', data, '--device', created.deviceId]).status).not.toBe(0);

  const pub = run(['--data', data, '--host', '0.0.0.0', '--port', '0']);
  expect(pub.status).not.toBe(0);
  expect(pub.stderr).toContain('--allow-remote');
  expect(readFileSync(join(data, 'sync-server.db')).length).toBeGreaterThan(0);
  rmSync(data, { recursive: true, force: true });
});

const runAsync = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } },
      (err, stdout, stderr) =>
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

it('answers unknown, misspelt or incomplete options and bad values with one Danish line and exit 2', async () => {
  const data = mkdtempSync(join(tmpdir(), 'vagt-cli-'));
  try {
    const cases: [string[], RegExp][] = [
      [['add-device', '--data', data, '--nmae', 'X'], /ukendt tilvalg --nmae/],
      [['add-device', '--data', data, '--name'], /--name mangler en værdi/],
      [['add-device', '--data', data], /mangler --name/],
      [['add-device', '--data', data, '--name', 'X', '--role', 'boss'], /--role skal være/],
      [
        ['add-doctor', '--data', data, '--name', 'A', '--auth-id', 'A', '--roles', 'chef'],
        /ukendt rolle chef/,
      ],
      [['--data', data, '--port', 'abc'], /--port skal være et tal/],
      [['frobnicate', '--data', data], /ukendt kommando frobnicate/],
      [['revoke-device', '--data', data, 'extra'], /uventet argument extra/],
      [['add-device', '--database', 'mysql://x', '--name', 'X'], /postgresql/],
    ];
    const results = await Promise.all(cases.map(([args]) => runAsync(args)));
    results.forEach((r, i) => {
      const [args, msg] = cases[i]!;
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/ZodError|"code":|at .*\.ts:\d+/);
    });
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

it('refuses a second doctor with an auth id already on the roster (exit 2)', async () => {
  const data = mkdtempSync(join(tmpdir(), 'vagt-cli-'));
  try {
    const args = ['add-doctor', '--data', data, '--name', 'Anna', '--auth-id', 'A7'];
    expect((await runAsync(args)).status).toBe(0);
    const again = await runAsync([...args.slice(0, 4), 'Bo', ...args.slice(5)]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/auth-id A7 bruges allerede af Anna/);
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

it.skipIf(!PG_ADMIN_URL)(
  'migrate-to moves a SQLite server into PostgreSQL; admin commands then work on --database (needs VAGT_TEST_PG_URL)',
  async () => {
    const data = mkdtempSync(join(tmpdir(), 'vagt-cli-'));
    const db = await freshPgDatabase();
    try {
      const dev = await runAsync(['add-device', '--data', data, '--name', 'WS']);
      const { deviceId } = JSON.parse(dev.stdout) as { deviceId: string };
      expect(
        (await runAsync(['add-doctor', '--data', data, '--name', 'A', '--auth-id', 'A1'])).status,
      ).toBe(0);
      const moved = await runAsync(['migrate-to', '--data', data, '--database', db.url]);
      expect(moved.status, moved.stderr).toBe(0);
      expect(JSON.parse(moved.stdout)).toEqual({ devices: 1, items: 1 });
      // Admin commands on PostgreSQL, by URL in the environment.
      const env = { VAGT_DATABASE_URL: db.url };
      expect((await runAsync(['revoke-device', '--device', deviceId], env)).status).toBe(0);
      const dup = await runAsync(['add-doctor', '--name', 'B', '--auth-id', 'A1'], env);
      expect(dup.status).toBe(2);
      const again = await runAsync(['migrate-to', '--data', data, '--database', db.url]);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/ikke tom/);
    } finally {
      rmSync(data, { recursive: true, force: true });
      await db.drop();
    }
  },
);
