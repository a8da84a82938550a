// The command line as operators run it (`npm run server -- …`), as a real process.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';

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
