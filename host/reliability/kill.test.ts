// Crash safety: a child records contacts through the dispatcher; we SIGKILL it at random
// moments (≥ 200 times, one data folder) and after every kill check that the kill landed (the
// child died by SIGKILL), that the app itself (createHost) reopens what the kill left, and then
// that each acknowledged record and autosave is there, no record is half-written, and the
// database passes integrity_check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createHost, DB_FILE } from '../host';
import { findMigrationsDir } from '../db/migrate';
import { LOAD_HOURS_FROM_CELLS } from '../stores/load';
import { tempDir } from '../testing';

// VAGT_KILLS only shortens a local run (e.g. when checking a planted bug); CI uses 200.
const KILLS = Number(process.env.VAGT_KILLS ?? 200);
// Kills are placed by progress (after a random number of acknowledged steps), not by elapsed
// time, so a slow or busy machine gets the same kind of run; only vitest's timeout is a clock.
const TIMEOUT_MS = 900_000;

async function bundleRecorder(): Promise<string> {
  const out = path.join(process.cwd(), 'node_modules', '.cache', 'vagt-kill-test', 'recorder.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'recorder.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    minify: true,
    logLevel: 'error',
    // The recorder never prints a claim; a stub keeps pdfkit's fonts out of each start-up.
    plugins: [
      {
        name: 'no-pdfkit',
        setup(b) {
          b.onResolve({ filter: /^pdfkit$/ }, () => ({ path: 'pdfkit', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: 'module.exports = class PDFDocument {};',
          }));
        },
      },
    ],
  });
  return out;
}

interface Acked {
  rev: Map<string, number>;
  /** The note of each contact's last acknowledged autosave or correction. */
  note: Map<string, string>;
  autosaves: number;
}

function runOnce(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  acked: Acked,
  rnd: () => number,
) {
  return new Promise<{
    lines: number;
    ready: boolean;
    error: string | null;
    signal: NodeJS.Signals | null;
  }>((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    let lines = 0;
    let ready = false;
    let error: string | null = null;
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    // Most kills land while contacts are being written (after 0–15 acknowledged steps, plus up
    // to 3 ms so they fall inside the next write); some during start-up and sign-in.
    const duringStartup = rnd() < 0.15;
    const killAfterAcks = Math.floor(rnd() * 16);
    const jitterMs = Math.floor(rnd() * 4);
    let acks = 0;
    const armKill = () => {
      if (!timer) timer = setTimeout(kill, jitterMs);
    };
    if (duringStartup) timer = setTimeout(kill, Math.floor(rnd() * 150));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines++;
        const [kind, id, rev] = line.split(' ');
        if (kind === 'ready' && !ready) {
          ready = true;
          if (killAfterAcks === 0) armKill();
        } else if (kind === 'error') error = line;
        else if (kind === 'autosaved' && id && rev) {
          acked.note.set(id, rev);
          acked.autosaves++;
        } else if (id && rev) {
          acked.rev.set(id, Math.max(acked.rev.get(id) ?? 0, Number(rev)));
          if (kind === 'corrected') acked.note.set(id, 'rettet');
        }
        if (ready && kind !== 'ready' && ++acks >= killAfterAcks) armKill();
      }
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({
        lines,
        ready,
        signal,
        error: error ?? (stderr.trim() ? stderr.trim().slice(0, 500) : null),
      });
    });
  });
}

/** The app, not the test, is the first to open what a kill left (it recovers the WAL). */
async function reopenByApp(dataDir: string): Promise<void> {
  const host = createHost({ dataDir, mode: 'browser', ticker: false, backups: false });
  try {
    expect((await host.dispatch('setup.status', {})).ok).toBe(true);
  } finally {
    host.close();
  }
}

function verify(file: string, acked: Acked): { contacts: number } {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const rows = db.prepare('SELECT id, rev, status, state FROM contacts').all() as Array<{
      id: string;
      rev: number;
      status: string;
      state: string;
    }>;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, rev] of acked.rev) {
      const r = byId.get(id);
      expect(r, `acknowledged contact ${id} is missing`).toBeDefined();
      expect(r!.rev).toBeGreaterThanOrEqual(rev);
    }
    // Every acknowledged autosave is durable: the contact's state (working state of an open
    // call, or the revision that followed) holds its note. The only later note the recorder
    // writes is a correction's "rettet", which may have landed just before the kill.
    for (const [id, note] of acked.note) {
      const r = byId.get(id);
      expect(r, `autosaved contact ${id} is missing`).toBeDefined();
      const got = (JSON.parse(r!.state) as { note: string }).note;
      expect([note, 'rettet'], `autosave of ${id} lost`).toContain(got);
    }
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    // Every revision 1..rev exists and nothing beyond it.
    expect(
      one(
        'SELECT COUNT(*) AS n FROM contacts c WHERE (SELECT COUNT(*) FROM contact_revisions r WHERE r.contact_id = c.id) != c.rev OR (SELECT MAX(rev) FROM contact_revisions r WHERE r.contact_id = c.id) != c.rev',
      ),
    ).toBe(0);
    // A committed contact's current state is exactly its latest revision.
    expect(
      one(
        "SELECT COUNT(*) AS n FROM contacts c JOIN contact_revisions r ON r.contact_id = c.id AND r.rev = c.rev WHERE c.status != 'open' AND r.state != c.state",
      ),
    ).toBe(0);
    // Shifts too: one revision row and one outbox item per revision, no more.
    expect(
      one(
        "SELECT COUNT(*) AS n FROM shifts s WHERE s.rev != (SELECT COUNT(*) FROM shift_revisions r WHERE r.shift_id = s.id) OR s.rev != (SELECT COUNT(*) FROM outbox o WHERE o.type = 'shift' AND o.item_id = s.id)",
      ),
    ).toBe(0);
    // Every revision has its outbox item (same transaction).
    expect(
      one(
        "SELECT COUNT(*) AS n FROM contact_revisions r LEFT JOIN outbox o ON o.item_id = r.contact_id AND o.rev = r.rev AND o.type = 'contact' WHERE o.seq IS NULL",
      ),
    ).toBe(0);
    expect(
      one(
        "SELECT COUNT(*) AS n FROM outbox o WHERE o.type = 'contact' AND NOT EXISTS (SELECT 1 FROM contact_revisions r WHERE r.contact_id = o.item_id AND r.rev = o.rev)",
      ),
    ).toBe(0);
    // Load cells of each committed contact are present (derived in the same transaction).
    expect(
      one(
        "SELECT COUNT(*) AS n FROM contacts c WHERE c.status != 'voided' AND NOT EXISTS (SELECT 1 FROM load_cells l WHERE l.contact_id = c.id)",
      ),
    ).toBe(0);
    // The per-hour sums match their cells (maintained in the same transactions).
    const cells = `SELECT * FROM (${LOAD_HOURS_FROM_CELLS}) WHERE contacts != 0 OR talk_s != 0`;
    const hours = 'SELECT * FROM load_hours WHERE contacts != 0 OR talk_s != 0';
    expect(one(`SELECT COUNT(*) AS n FROM (${cells} EXCEPT ${hours})`)).toBe(0);
    expect(one(`SELECT COUNT(*) AS n FROM (${hours} EXCEPT ${cells})`)).toBe(0);
    expect(
      one(
        "SELECT COUNT(*) AS n FROM (SELECT doctor_id FROM contacts WHERE status = 'open' GROUP BY doctor_id HAVING COUNT(*) > 1)",
      ),
    ).toBe(0);
    return { contacts: rows.length };
  } finally {
    db.close();
  }
}

describe('crash safety (SIGKILL while recording)', () => {
  it(
    `keeps every acknowledged contact across ${KILLS} kills`,
    { timeout: TIMEOUT_MS },
    async () => {
      const script = await bundleRecorder();
      const dataDir = tempDir('vagt-kill-');
      const setup = createHost({ dataDir, mode: 'browser', ticker: false, backups: false });
      const d = (await setup.dispatch('setup.createFirstSupervisor', {
        name: 'Kill Test',
        authId: 'K1',
        pin: '2468',
      })) as {
        ok: true;
        value: { id: string };
      };
      setup.close();
      const env = { ...process.env, VAGT_MIGRATIONS_DIR: findMigrationsDir() };
      let seed = 0x5eed;
      const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const acked: Acked = { rev: new Map(), note: new Map(), autosaves: 0 };
      const started = Date.now();
      let kills = 0;
      let readyRuns = 0;
      let contacts = 0;
      while (kills < KILLS) {
        const r = await runOnce(script, [dataDir, d.value.id, '2468'], env, acked, rnd);
        expect(r.error).toBeNull();
        expect(r.signal, 'the kill landed (the child did not exit by itself)').toBe('SIGKILL');
        kills++;
        if (r.ready) readyRuns++;
        await reopenByApp(dataDir);
        contacts = verify(path.join(dataDir, DB_FILE), acked).contacts;
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `kill test: ${kills} kills in ${seconds.toFixed(1)} s, ${readyRuns} mid-recording, ${acked.rev.size} acknowledged contacts, ${acked.autosaves} acknowledged autosaves, ${contacts} in the database`,
      );
      expect(acked.rev.size).toBeGreaterThan(KILLS);
      expect(acked.autosaves).toBeGreaterThan(KILLS);
      expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(true);
    },
  );

  it(
    'survives kills during first start (migrations, workstation id, backup)',
    { timeout: 300_000 },
    async () => {
      const script = await bundleRecorder();
      const env = { ...process.env, VAGT_MIGRATIONS_DIR: findMigrationsDir() };
      let seed = 0xf00d;
      const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const found = new Map<string, number>();
      const latest = Math.max(
        ...fs.readdirSync(findMigrationsDir()).flatMap((f) => {
          const m = /^(\d{3})_.*\.sql$/.exec(f);
          return m ? [Number(m[1])] : [];
        }),
      );
      for (let i = 0; i < 20; i++) {
        const dataDir = tempDir('vagt-kill-first-');
        // No doctor exists, so the child stops at sign-in and waits (VAGT_RECORDER_HOLD) for the
        // kill, which mostly lands during first start.
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
          const child = spawn(
            process.execPath,
            [script, dataDir, '00000000-0000-7000-8000-000000000000', '0000'],
            { env: { ...env, VAGT_RECORDER_HOLD: '1' }, stdio: ['ignore', 'pipe', 'ignore'] },
          );
          let t: NodeJS.Timeout | null = null;
          // Killed a random moment after it starts opening the database.
          child.stdout.once('data', () => {
            t = setTimeout(() => child.kill('SIGKILL'), Math.floor(rnd() * 40));
          });
          child.on('close', (_code, sig) => {
            if (t) clearTimeout(t);
            resolve(sig);
          });
        });
        expect(signal, 'the kill landed during first start').toBe('SIGKILL');
        const file = path.join(dataDir, DB_FILE);
        const left = fs.existsSync(file) ? 'database' : 'none';
        found.set(left, (found.get(left) ?? 0) + 1);
        // Whatever the kill interrupted, the next start (the app, first to open it) completes
        // the set-up; only then does the test look at the file itself.
        await reopenByApp(dataDir);
        const raw = new Database(file);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(raw.pragma('user_version', { simple: true })).toBe(latest);
        raw.close();
      }
      console.log('first-start kills, file left by the kill:', Object.fromEntries(found));
    },
  );
});
