// `npm run fuzz`: the push-door fuzz at full size (9 000 batches, ≥ 100 000 generated items;
// the suite runs 200 batches). Prints the item count and the 5xx count; exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

const r = spawnSync(
  join(ROOT, 'node_modules', '.bin', 'vitest'),
  ['run', 'server/poison.test.ts', '-t', 'fuzz'],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VAGT_FUZZ_RUNS: process.env.VAGT_FUZZ_RUNS ?? '9000' },
  },
);
process.exit(r.status ?? 1);
