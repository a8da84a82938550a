// Finds places where a tracked file reads or names a path outside the repository: the brief's
// material that once sat beside the repo (the rules, protocol and worked examples), or any
// relative path that climbs above the root from the file that holds it. A clone has nothing
// beside it, so such a path works on one machine and fails on every other.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// The old material by name, wherever it appears (prose too).
const NAMED = /\.\.\/+shared\/+(SPEC|SYNC|ARCHITECTURE|STYLE)\.md|\.\.\/+shared\/+(golden|hooks)\b/;
// A relative path that starts a string, a link target or a word: one or more parent steps.
const RELATIVE = /(?<=['"`(\s=]|^)((?:\.\.\/)+)([^\s'"`)]*)/g;
// path.join / resolve(…, '..', '..') written as separate segments.
const SEGMENTS = /(?:join|resolve)\(\s*([\w.]+)((?:\s*,\s*['"]\.\.['"])+)/g;
// Identifiers that name the repository root in this project's scripts and tests.
const ROOT_NAMES = /^(ROOT|root|REPO|repoRoot|process\.cwd\(\))$/;

const SKIP = /(^|\/)(package-lock\.json|node_modules\/)|\.(png|jpe?g|pdf|ico|woff2?|db)$/;

function escapes(root: string, fromDir: string, rel: string): boolean {
  const target = path.resolve(fromDir, rel);
  const back = path.relative(root, target);
  return back === '..' || back.startsWith('..' + path.sep) || path.isAbsolute(back);
}

export interface OutsidePath {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Problems in one file's text. */
export function scanText(root: string, file: string, text: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  const dir = path.dirname(path.join(root, file));
  text.split('\n').forEach((line, i) => {
    const hit = (why: string) => found.push({ file, line: i + 1, text: line.trim(), why });
    if (NAMED.test(line)) hit('names material beside the repository');
    for (const [, ups = '', rest = ''] of line.matchAll(RELATIVE)) {
      if (escapes(root, dir, ups + rest)) hit(`${ups}${rest} climbs above the repository`);
    }
    for (const [, from = '', segments = ''] of line.matchAll(SEGMENTS)) {
      const ups = (segments.match(/\.\./g) ?? []).length;
      const base = ROOT_NAMES.test(from) ? root : dir;
      if (escapes(root, base, '../'.repeat(ups)))
        hit(`${ups}× '..' from ${from} climbs above the repository`);
    }
  });
  return found;
}

/** Every tracked (and untracked, not ignored) text file of the repository at `root`. */
export function scanRepository(root: string): OutsidePath[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && !SKIP.test(f));
  const found: OutsidePath[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    if (text.includes('\u0000')) continue;
    found.push(...scanText(root, file, text));
  }
  return found;
}
