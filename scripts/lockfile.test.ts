// Reproducible set-up: `npm ci` installs exactly package-lock.json on every platform.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { missingOptionalPackages } from './lockfile';

const ROOT = path.resolve(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package-lock.json', () => {
  it("carries every platform's optional packages (rollup, esbuild, …)", () => {
    expect(missingOptionalPackages(lock)).toEqual([]);
  });

  it('a lock missing one platform package is caught', () => {
    const planted = structuredClone(lock);
    const name = Object.keys(planted.packages).find((p: string) => p.includes('rollup-win32'));
    expect(name).toBeDefined();
    delete planted.packages[name!];
    expect(missingOptionalPackages(planted)).toHaveLength(1);
  });

  it('records exactly the dependencies package.json declares', () => {
    const root = lock.packages[''];
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
  });

  it('set-up installs the lock as it is (npm ci), never rewriting it', () => {
    const setup = readFileSync(path.join(ROOT, 'scripts', 'setup.mjs'), 'utf8');
    expect(setup).toMatch(/\[\s*'ci'/);
    expect(setup).not.toMatch(/\[\s*'install'/);
  });
});
