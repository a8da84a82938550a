// Region claims benchmark (issue 14, R-CLAIM-5): a month of 60 000 contacts from ten workstations
// on the server's SQLite store (and PostgreSQL when VAGT_TEST_PG_URL is set). Measures a doctor's
// claim drafted and recorded over the region's records (target ≤ 2 s), for a typical doctor
// (1/30 of the contacts) and for the worst case of one doctor holding all 60 000. Prints numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { claimBytes } from '../server/claim-files';
import { draftServerClaim, recordServerClaim } from '../server/claims';
import { addDoctor } from '../server/reference';
import { openStorage } from '../server/store/open';
import type { NewItem, Storage } from '../server/store/types';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const N = 60_000;
const WORKSTATIONS = 10;
const DOCTORS = 30;
const MONTH = { from: '2025-01-01', to: '2025-01-31' };

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
/** CPU time of this process (user + system), ms: steadier than wall time on a shared machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wsId = (w: number) => `0000000${w}-0000-7000-8000-000000000000`;

async function seed(store: Storage, doctors: string[]): Promise<void> {
  const start = Date.parse('2024-12-31T23:00:00.000Z');
  const step = Math.floor((31 * 86_400_000) / N);
  let batch: NewItem[] = [];
  for (let i = 0; i < N; i++) {
    const doctorId = doctors[i % doctors.length]!;
    const answeredAt = new Date(start + i * step).toISOString();
    const c = makeContact(wsId(i % WORKSTATIONS), i, 1, {
      doctorId,
      revisedBy: doctorId,
      answeredAt,
    });
    batch.push({
      id: c.id,
      type: 'contact',
      rev: 1,
      deviceId: c.workstationId,
      payload: JSON.stringify(c),
      hash: `h${i}`,
      storedAt: answeredAt,
      contact: { answeredAt, status: c.status },
    });
    if (batch.length === 5000 || i === N - 1) {
      const items = batch;
      await store.items.write((tx) => tx.insert(items));
      batch = [];
    }
  }
}

async function run(store: Storage, label: string): Promise<void> {
  const doctors: string[] = [];
  for (let d = 0; d < DOCTORS; d++)
    doctors.push(
      (await addDoctor(store, { name: `Læge ${d}`, authId: `L${d}`, roles: ['doctor'] })).id,
    );
  let t0 = performance.now();
  await seed(store, doctors);
  console.log(
    `[${label}] seed ${N} contacts, ${DOCTORS} doctors, ${WORKSTATIONS} workstations: ${ms(t0)}`,
  );

  t0 = performance.now();
  const c0 = cpuMs();
  const one = await draftServerClaim(
    store,
    { doctorId: doctors[0]!, ...MONTH },
    new Date().toISOString(),
  );
  await recordServerClaim(store, one, { deviceId: 'bench', createdBy: null });
  console.log(
    `[${label}] one doctor's claim (${one.claim.lines.length} lines of ${N} region contacts), draft + mark: ${ms(t0)} (CPU ${(cpuMs() - c0).toFixed(0)} ms; target ≤ 2 s)`,
  );
  t0 = performance.now();
  const again = await draftServerClaim(
    store,
    { doctorId: doctors[0]!, ...MONTH },
    new Date().toISOString(),
  );
  console.log(`[${label}] same claim again (empty: ${again.claim.lines.length} lines): ${ms(t0)}`);
}

async function worstCase(store: Storage, label: string): Promise<void> {
  const doctor = (await addDoctor(store, { name: 'Alle', authId: 'ALLE', roles: ['doctor'] })).id;
  let t0 = performance.now();
  await seed(store, [doctor]);
  console.log(`[${label}] seed ${N} contacts of one doctor: ${ms(t0)}`);
  t0 = performance.now();
  const c0 = cpuMs();
  const d = await draftServerClaim(store, { doctorId: doctor, ...MONTH }, new Date().toISOString());
  const draftMs = performance.now() - t0;
  await recordServerClaim(store, d, { deviceId: 'bench', createdBy: null });
  console.log(
    `[${label}] one doctor holding all ${N} contacts, region-wide claim of ${d.claim.lines.length} lines: draft ${draftMs.toFixed(0)} ms, draft + mark ${ms(t0)} (CPU ${(cpuMs() - c0).toFixed(0)} ms; target ≤ 2 s)`,
  );
  t0 = performance.now();
  const csv = await claimBytes(d.claim, 'csv');
  console.log(`[${label}]   CSV ${(csv.length / 1e6).toFixed(1)} MB: ${ms(t0)}`);
}

/** A throwaway database on the test cluster (server/testing/backends.ts imports vitest). */
async function freshPgDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vagt_b_${randomBytes(6).toString('hex')}`;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await sql(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function onBackend(
  label: string,
  open: () => Promise<{ store: Storage; drop(): Promise<void> }>,
) {
  for (const f of [run, worstCase]) {
    const { store, drop } = await open();
    try {
      await f(store, label);
    } finally {
      await store.close();
      await drop();
    }
  }
}

export async function runRegionClaimsBench(): Promise<void> {
  await onBackend('sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vagt-bench-claims-'));
    return {
      store: await openStorage({ dataDir: dir }),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  });
  const admin = process.env.VAGT_TEST_PG_URL;
  if (admin) {
    await onBackend('postgresql', async () => {
      const db = await freshPgDatabase(admin);
      return { store: await openStorage({ databaseUrl: db.url }), drop: db.drop };
    });
  } else {
    console.log('[postgresql] skipped: VAGT_TEST_PG_URL not set');
  }
}
