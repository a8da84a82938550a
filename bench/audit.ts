// Region audit benchmark (issue 14, R-AUDIT-1): the claims office's audit over a month of 60 000
// synced contacts on the server's SQLite backend (target ≤ 5 s). The server code runs in a
// process of its own (bench/ does not import server/); it seeds the store and times the audit.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function runAuditBench(): Promise<void> {
  const place = process.env.VAGT_BENCH_DATABASE_URL
    ? ['--database', process.env.VAGT_BENCH_DATABASE_URL]
    : [];
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./server/testing/bench-audit.ts').then(m => m.main(${JSON.stringify(place)}))`,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out.trim()) as {
    backend: string;
    contacts: number;
    findings: number;
    seedMs: number;
    auditMs: number;
  };
  console.log(
    `region audit (${r.backend}): ${r.contacts} contacts of a month → ${r.findings} findings in ` +
      `${r.auditMs} ms (target ≤ 5000 ms; seeding took ${r.seedMs} ms)`,
  );
  return Promise.resolve();
}
