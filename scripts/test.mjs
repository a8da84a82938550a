// `npm test`: every check and suite, then one closing line "N passed, N failed" for CI.
// Lint, format and typecheck count as one test each; vitest and Playwright report per test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, chromiumPath, ensureSetup } from './env.mjs';

await ensureSetup();

const OUT = join(ROOT, 'test-results');
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(name, cmd, args) {
  const ok = step(name, cmd, args) === 0;
  if (ok) tally.passed++;
  else {
    tally.failed++;
    failures.push(name);
  }
}

check('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0']);
check('format (prettier)', bin('prettier'), ['--check', '.']);
check('typecheck (tsc strict)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('layers and cycles (dependency-cruiser)', bin('depcruise'), [
  '--config',
  '.dependency-cruiser.cjs',
  ...['shared', 'node', 'host', 'web', 'electron', 'renderer', 'server', 'e2e', 'bench', 'scripts'],
]);

// Unit, property, integration and reliability suites.
const vitestJson = join(OUT, 'vitest.json');
const vitestStatus = step('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  tally.passed += v.numPassedTests;
  tally.failed += v.numFailedTests;
  tally.skipped += v.numPendingTests + v.numTodoTests;
  // A suite that fails to load has no tests to count, so count it as a failure.
  const broken = v.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  tally.failed += broken.length;
  for (const f of broken) failures.push(`vitest: ${f.name} did not run`);
  if (v.numFailedTests > 0) failures.push('vitest');
} else if (vitestStatus !== 0) {
  tally.failed++;
  failures.push('vitest did not run');
}

// End-to-end in real Chromium against browser mode.
const hasSpecs =
  existsSync(join(ROOT, 'e2e')) &&
  readdirSync(join(ROOT, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (hasSpecs) {
  if (!chromiumPath()) {
    console.error(
      "\nChromium is missing: install Debian's package (apt-get install -y chromium) to run the e2e suite.",
    );
    tally.failed++;
    failures.push('e2e: no chromium');
  } else {
    const pwJson = join(OUT, 'playwright.json');
    const status = step('e2e (playwright)', bin('playwright'), ['test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    });
    if (existsSync(pwJson)) {
      const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
      tally.passed += s.expected + s.flaky;
      tally.failed += s.unexpected;
      tally.skipped += s.skipped;
      if (s.unexpected > 0) failures.push('e2e');
      if (status !== 0 && s.unexpected === 0) {
        tally.failed++;
        failures.push('e2e run failed');
      }
    } else if (status !== 0) {
      tally.failed++;
      failures.push('e2e did not run');
    }
  }
}

const summary =
  `${tally.passed} passed, ${tally.failed} failed` +
  (tally.skipped ? `, ${tally.skipped} skipped` : '');
writeFileSync(join(OUT, 'summary.txt'), summary + '\n');
if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
if (tally.skipped)
  console.log('Skipped tests: the Electron-shell e2e specs, when no Electron binary is installed.');
console.log(summary);
process.exit(tally.failed === 0 && tally.passed > 0 ? 0 : 1);
