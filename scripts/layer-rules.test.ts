// The layer table of docs/architecture.md, enforced twice: ESLint for instant warnings and
// dependency-cruiser for the whole graph (cycles too). These tests prove both bite.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const imp = (spec: string) => `import { a } from '${spec}';\nexport const b = a;\n`;

describe('import boundaries, ESLint (docs/architecture.md layer table)', () => {
  it('shared/ may not import Node, Electron, SQLite or any upper layer', async () => {
    expect(await restricted('shared/x.ts', imp('node:fs'))).toHaveLength(1);
    expect(await restricted('shared/x.ts', imp('better-sqlite3'))).toHaveLength(1);
    expect(await restricted('shared/x.ts', imp('../host/host'))).toHaveLength(1);
    expect(
      await restricted('shared/bands/x.ts', imp(['..', '..', 'renderer', 'app'].join('/'))),
    ).toHaveLength(1);
    expect(await restricted('shared/x.ts', imp('zod'))).toHaveLength(0);
    expect(await restricted('shared/bands/x.ts', imp('../money'))).toHaveLength(0);
  });

  it('renderer/ may not import Node, SQLite, Electron, the host, browser mode or the server', async () => {
    expect(await restricted('renderer/x.tsx', imp('fs'))).toHaveLength(1);
    expect(await restricted('renderer/x.tsx', imp('../host/host'))).toHaveLength(1);
    expect(await restricted('renderer/x.tsx', imp('../web/server'))).toHaveLength(1);
    expect(await restricted('renderer/x.tsx', imp('electron'))).toHaveLength(1);
    expect(await restricted('renderer/x.tsx', imp('../shared/money'))).toHaveLength(0);
  });

  it('only electron/ imports electron; the host imports no shell and no renderer', async () => {
    expect(await restricted('host/x.ts', imp('electron'))).toHaveLength(1);
    expect(await restricted('web/main.ts', imp('electron'))).toHaveLength(1);
    expect(
      await restricted('host/db/x.ts', imp(['..', '..', 'renderer', 'app'].join('/'))),
    ).toHaveLength(1);
    expect(await restricted('host/x.ts', imp('../web/server'))).toHaveLength(1);
    expect(await restricted('host/x.ts', imp('../electron/main'))).toHaveLength(1);
    expect(await restricted('electron/main.ts', imp('electron'))).toHaveLength(0);
    expect(await restricted('electron/main.ts', imp('../host/host'))).toHaveLength(0);
  });

  it('the two shells do not import each other', async () => {
    expect(await restricted('electron/main.ts', imp('../web/bridge-script'))).toHaveLength(1);
    expect(await restricted('web/main.ts', imp('../electron/preload'))).toHaveLength(1);
    expect(await restricted('web/main.ts', imp('./server'))).toHaveLength(0);
  });

  it('node/ may use Node and shared/ only; shared/ and the renderer may not use node/', async () => {
    expect(await restricted('node/x.ts', imp('node:fs'))).toHaveLength(0);
    expect(await restricted('node/x.ts', imp('../shared/money'))).toHaveLength(0);
    expect(await restricted('node/x.ts', imp('../host/host'))).toHaveLength(1);
    expect(await restricted('node/x.ts', imp('../server/http'))).toHaveLength(1);
    expect(await restricted('node/x.ts', imp('better-sqlite3'))).toHaveLength(1);
    expect(await restricted('shared/x.ts', imp('../node/safe-write'))).toHaveLength(1);
    expect(await restricted('renderer/x.tsx', imp('../node/safe-write'))).toHaveLength(1);
    // Joined, so the repository's own outside-paths check does not read it as a path from scripts/.
    expect(
      await restricted('host/cli/x.ts', imp(['..', '..', 'node', 'safe-write'].join('/'))),
    ).toHaveLength(0);
    expect(await restricted('server/x.ts', imp('../node/safe-write'))).toHaveLength(0);
  });

  it('server/ may use shared/ but not the workstation host, a shell or the renderer', async () => {
    expect(await restricted('server/x.ts', imp('../host/host'))).toHaveLength(1);
    expect(await restricted('server/x.ts', imp('../web/server'))).toHaveLength(1);
    expect(await restricted('server/x.ts', imp('../shared/tariff'))).toHaveLength(0);
  });
});

/** Runs dependency-cruiser with the project's rules on a planted tree; returns rule names hit. */
function cruise(
  files: Record<string, string>,
  outputType = 'json',
): { status: number | null; rules: string[]; text: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'vagt-deps-'));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
  );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const folders = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
  const r = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      path.join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      outputType,
      ...folders,
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  if (outputType !== 'json') return { status: r.status, rules: [], text: r.stdout };
  const out = JSON.parse(r.stdout) as {
    summary: { violations: Array<{ rule: { name: string } }> };
  };
  return { status: r.status, rules: out.summary.violations.map((v) => v.rule.name), text: '' };
}

describe('the whole graph, dependency-cruiser (npm run deps)', () => {
  it('a clean planted tree passes', () => {
    const r = cruise({
      'shared/a.ts': 'export const a = 1;\n',
      'host/b.ts': "import { a } from '../shared/a';\nexport const b = a;\n",
      'web/c.ts': "import { b } from '../host/b';\nexport const c = b;\n",
    });
    expect(r.rules).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('fails on a planted import cycle', () => {
    const r = cruise({
      'host/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'host/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(r.rules).toContain('no-circular');
    // As npm test runs it (the default reporter): a non-zero exit that fails the step.
    const err = cruise(
      {
        'host/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'host/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      },
      'err',
    );
    expect(err.text).toContain('no-circular');
    expect(err.status).not.toBe(0);
  });

  it('fails on a planted upward import and on a shell importing the other shell', () => {
    const r = cruise({
      'host/b.ts': 'export const b = 1;\n',
      'shared/a.ts': "import { b } from '../host/b';\nexport const a = b;\n",
      'web/w.ts': 'export const w = 1;\n',
      'electron/m.ts': "import { w } from '../web/w';\nexport const m = w;\n",
    });
    expect(r.rules).toEqual(expect.arrayContaining(['shared-is-pure', 'electron-shell']));
  });

  it('fails when the server imports the workstation host', () => {
    const r = cruise({
      'host/b.ts': 'export const b = 1;\n',
      'server/s.ts': "import { b } from '../host/b';\nexport const s = b;\n",
    });
    expect(r.rules).toContain('server-beside');
  });

  it('lets the host and the server share node/, which imports neither', () => {
    const shared = cruise({
      'node/n.ts': 'export const n = 1;\n',
      'host/h.ts': "import { n } from '../node/n';\nexport const h = n;\n",
      'server/s.ts': "import { n } from '../node/n';\nexport const s = n;\n",
    });
    expect(shared.rules).toEqual([]);
    const upward = cruise({
      'host/h.ts': 'export const h = 1;\n',
      'server/s.ts': 'export const s = 1;\n',
      'node/a.ts': "import { h } from '../host/h';\nexport const a = h;\n",
      'node/b.ts': "import { s } from '../server/s';\nexport const b = s;\n",
      'shared/c.ts': "import { a } from '../node/a';\nexport const c = a;\n",
    });
    expect(upward.rules.filter((r) => r === 'node-below-host-and-server')).toHaveLength(2);
    expect(upward.rules).toContain('shared-is-pure');
  });
});
