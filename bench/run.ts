// `npm run bench`: every benchmark, printing numbers (speed and memory targets live here,
// not in timed tests). A section can be run alone: `npm run bench -- domain`.
import { existsSync } from 'node:fs';

type Section = { name: string; file: string; fn: string };
const SECTIONS: Section[] = [
  { name: 'domain', file: './domain.ts', fn: 'runDomainBench' },
  { name: 'host', file: './host.ts', fn: 'runHostBench' },
  { name: 'renderer', file: './renderer.ts', fn: 'runRendererBench' },
  { name: 'claims', file: './claims.ts', fn: 'runClaimsBench' },
  { name: 'sync', file: './sync.ts', fn: 'runSyncBench' },
  { name: 'server', file: './server.ts', fn: 'runServerBench' },
  { name: 'phone', file: './phone.ts', fn: 'runPhoneBench' },
  { name: 'region-claims', file: './region-claims.ts', fn: 'runRegionClaimsBench' },
  { name: 'audit', file: './audit.ts', fn: 'runAuditBench' },
];

const only = process.argv.slice(2);
for (const s of SECTIONS) {
  if (only.length && !only.includes(s.name)) continue;
  if (!existsSync(new URL(s.file, import.meta.url))) continue;
  console.log(`\n## ${s.name}`);
  const mod = (await import(s.file)) as Record<string, () => Promise<void>>;
  await mod[s.fn]!();
}
