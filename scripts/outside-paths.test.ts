// docs/architecture.md: the repository stands alone. No file reads or names a path outside it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanRepository, scanText } from './outside-paths';

const ROOT = path.resolve(import.meta.dirname, '..');
// Planted paths are built at run time, so this file itself names nothing outside the repo.
const UP = (n: number) => Array<string>(n).fill('..').join('/');
const SEG = (n: number) => Array.from({ length: n }, () => "'" + '..' + "'").join(', ');

describe('nothing outside the repository', () => {
  it('no tracked file reads or names a path above the repository root', () => {
    expect(scanRepository(ROOT)).toEqual([]);
  });

  it('finds a planted read of the old rules folder beside the repository', () => {
    const planted = `const dir = new URL('${UP(3)}/shared/golden/', import.meta.url);\n`;
    expect(scanText(ROOT, 'shared/pricing/x.test.ts', planted)).not.toEqual([]);
    expect(scanText(ROOT, 'README.md', `The rules: ${UP(1)}/shared/SPEC.md.\n`)).not.toEqual([]);
    expect(scanText(ROOT, 'host/cli/x.ts', `join(ROOT, '${UP(1)}/shared/golden')\n`)).not.toEqual(
      [],
    );
  });

  it('finds any relative path that climbs above the root, in code, joins and links', () => {
    expect(scanText(ROOT, 'host/db/x.ts', `readFileSync('${UP(3)}/etc/passwd')\n`)).toHaveLength(1);
    expect(scanText(ROOT, 'host/x.ts', `path.join(__dirname, ${SEG(2)}, 'other')\n`)).toHaveLength(
      1,
    );
    expect(scanText(ROOT, 'scripts/x.mjs', `join(ROOT, ${SEG(1)}, 'sibling')\n`)).toHaveLength(1);
    expect(scanText(ROOT, 'docs/x.md', `See [the spec](${UP(2)}/SPEC.md).\n`)).toHaveLength(1);
  });

  it('leaves paths that stay inside alone (imports of shared/, the migrations folder)', () => {
    expect(scanText(ROOT, 'host/db/x.ts', `import { a } from '${UP(2)}/shared/money';\n`)).toEqual(
      [],
    );
    expect(
      scanText(ROOT, 'host/db/x.ts', `path.join(__dirname, ${SEG(2)}, 'migrations')\n`),
    ).toEqual([]);
    expect(scanText(ROOT, 'docs/x.md', `See [the host](${UP(1)}/host/README.md).\n`)).toEqual([]);
  });

  it('scans untracked files too, so a new file is caught before it is committed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vagt-outside-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared', 'a.test.ts'), `read('${UP(2)}/shared/golden/x')\n`);
    expect(scanRepository(dir).map((f) => f.file)).toContain('shared/a.test.ts');
  });
});
