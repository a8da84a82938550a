// The server suites run once per storage backend. SQLite needs nothing; PostgreSQL needs a
// server to create throwaway databases in, named by VAGT_TEST_PG_URL (scripts/pg-test-cluster.sh
// starts one on loopback; .ci/run does so on CI). On CI a missing URL fails the suite instead of
// skipping it, so the PostgreSQL backend can never go untested there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';

export type BackendName = 'sqlite' | 'postgresql';

/** Where a test server keeps its data: a temp folder or a fresh PostgreSQL database. */
export interface TestPlace {
  backend: BackendName;
  /** CLI arguments naming the place (--data DIR or --database URL). */
  args: string[];
  dataDir?: string;
  databaseUrl?: string;
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.VAGT_TEST_PG_URL;
const ON_CI = process.env.CI === 'true';

/** A new empty PostgreSQL database on the test cluster, dropped afterwards. */
export async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_ADMIN_URL) throw new Error('VAGT_TEST_PG_URL is not set');
  const name = `vagt_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function testPlace(backend: BackendName): Promise<TestPlace> {
  if (backend === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'vagt-server-'));
    return {
      backend,
      args: ['--data', dataDir],
      dataDir,
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const db = await freshPgDatabase();
  return { backend, args: ['--database', db.url], databaseUrl: db.url, drop: db.drop };
}

/**
 * describe() once per backend. Without VAGT_TEST_PG_URL the PostgreSQL run is skipped locally
 * (with that reason in its title) and fails on CI.
 */
export function describeBackends(
  title: string,
  body: (backend: BackendName) => void,
  backends: BackendName[] = ['sqlite', 'postgresql'],
): void {
  for (const backend of backends) {
    if (backend === 'postgresql' && !PG_ADMIN_URL) {
      if (ON_CI) {
        describe(`${title} [postgresql]`, () => {
          it('has a PostgreSQL server to test against', () => {
            throw new Error('VAGT_TEST_PG_URL is not set on CI (.ci/run starts a cluster)');
          });
        });
      } else {
        describe.skip(`${title} [postgresql] — skipped: VAGT_TEST_PG_URL not set (eval "$(scripts/pg-test-cluster.sh start)")`, () =>
          body(backend));
      }
      continue;
    }
    describe(`${title} [${backend}]`, () => body(backend));
  }
}
