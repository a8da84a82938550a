// Host benchmarks (issue 4): contact save latency through the dispatcher on a real file with
// synchronous=FULL, and the local load query (R-LOAD-1) over a million synthetic contacts.
// Prints numbers; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { manualClock } from '../host/clock';
import { createHost } from '../host/host';
import { localLoad } from '../host/impl/load';
import { rebuildLoadHours } from '../host/stores/load';
import { uuidv7 } from '../host/uuidv7';
import { HOUR_MS } from '../shared/load/hours';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function line(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} p50 ${pct(s, 50).toFixed(2)} ms   p99 ${pct(s, 99).toFixed(2)} ms   max ${s.at(-1)!.toFixed(2)} ms`,
  );
}

async function saveLatency(dir: string, n: number): Promise<void> {
  const clock = manualClock(Date.parse('2025-03-04T16:00:00.000Z'));
  const host = createHost({ dataDir: dir, mode: 'browser', clock, backups: false, ticker: false });
  const call = async (m: string, i: unknown) => {
    const r = await host.dispatch(m, i);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value as { id: string };
  };
  const sup = await call('setup.createFirstSupervisor', {
    name: 'Bench',
    authId: 'B1',
    pin: '1234',
  });
  await call('auth.signIn', { doctorId: sup.id, pin: '1234' });
  await call('shift.open', {});
  const start: number[] = [];
  const save: number[] = [];
  const end: number[] = [];
  const patch = {
    patient: { type: 'cpr', cpr: '0101901234' },
    outcome: 'recept',
    reason: 'bench',
    note: 'x'.repeat(200),
  };
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const c = await call('contact.start', { kind: 'telefon' });
    start.push(performance.now() - t);
    clock.advance(90_000);
    t = performance.now();
    await call('contact.update', { id: c.id, patch });
    save.push(performance.now() - t);
    t = performance.now();
    await call('contact.end', { id: c.id });
    end.push(performance.now() - t);
    clock.advance(30_000);
  }
  console.log(
    `contact save latency, ${n} calls, synchronous=${String(host.db.pragma('synchronous', { simple: true }))} (2 = FULL), WAL`,
  );
  line('contact.start (revision 1)', start);
  line('contact.update (autosave)', save);
  line('contact.end (committed revision)', end);
  host.close();
}

async function loadQuery(dir: string, contacts: number): Promise<void> {
  const now = Date.parse('2025-03-04T16:00:00.000Z');
  const clock = manualClock(now);
  const host = createHost({ dataDir: dir, mode: 'browser', clock, backups: false, ticker: false });
  // Through the dispatcher (input and output validated), as the console calls it.
  const sup = (await host.dispatch('setup.createFirstSupervisor', {
    name: 'Bench Sup',
    authId: 'BS',
    pin: '1234',
  })) as { ok: true; value: { id: string } };
  await host.dispatch('auth.signIn', { doctorId: sup.value.id, pin: '1234' });
  const doctors: string[] = [];
  const at = new Date(now).toISOString();
  const insDoc = host.db.prepare(
    `INSERT INTO doctors (id, name, auth_id, roles, pin_hash, device_id, created_at, updated_at)
     VALUES (?, ?, ?, '["doctor"]', 'x', 'bench', ?, ?)`,
  );
  for (let d = 0; d < 60; d++) {
    const id = uuidv7();
    doctors.push(id);
    insDoc.run(id, `Læge ${d}`, `BENCH${d}`, at, at);
  }
  // One year of synthetic contacts as load cells (what the query reads); ~6 % cross an hour.
  const ins = host.db.prepare(
    `INSERT INTO load_cells (contact_id, part, hour_ms, doctor_id, contacts, band, talk_s, handling_s,
       video_escalations, video_connected, transport, fees_ore) VALUES (?, 'call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  host.db.pragma('foreign_keys = OFF'); // synthetic cells have no contact rows behind them
  const bands = ['A', 'B', 'C', 'DAY'];
  const yearStart = now - 365 * 24 * HOUR_MS;
  let x = 12345;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const t0 = performance.now();
  host.db.transaction(() => {
    for (let i = 0; i < contacts; i++) {
      // In time order, as a workstation records them (appends to both B-trees).
      const answered = yearStart + Math.floor(((i + rnd()) / contacts) * 365 * 24 * HOUR_MS);
      const hour = Math.floor(answered / HOUR_MS) * HOUR_MS;
      const doc = doctors[Math.floor(rnd() * doctors.length)]!;
      const talk = 60 + Math.floor(rnd() * 600);
      const id = uuidv7(answered);
      const esc = rnd() < 0.1 ? 1 : 0;
      const crosses = answered + talk * 1000 > hour + HOUR_MS;
      const first = crosses ? Math.floor((hour + HOUR_MS - answered) / 1000) : talk;
      ins.run(id, hour, doc, 1, bands[i % 4], first, talk, esc, esc, 0, 7213);
      if (crosses) ins.run(id, hour + HOUR_MS, doc, 0, bands[i % 4], talk - first, 0, 0, 0, 0, 0);
    }
  })();
  host.db.pragma('foreign_keys = ON');
  rebuildLoadHours(host.db);
  host.db.exec('ANALYZE');
  const rows = (host.db.prepare('SELECT COUNT(*) AS n FROM load_cells').get() as { n: number }).n;
  console.log(
    `load.local over ${contacts.toLocaleString('en-US')} synthetic contacts (${rows.toLocaleString('en-US')} cells, 60 doctors, one year), inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const windows: Array<[string, number]> = [
    ['one shift (8 h)', 8 * HOUR_MS],
    ['one day', 24 * HOUR_MS],
    ['one week', 7 * 24 * HOUR_MS],
    ['one month', 30 * 24 * HOUR_MS],
    ['the whole year (all 1M)', 366 * 24 * HOUR_MS],
  ];
  for (const [label, span] of windows) {
    const samples: number[] = [];
    const query: number[] = [];
    let cells = 0;
    const input = { from: new Date(now - span).toISOString(), to: new Date(now).toISOString() };
    for (let k = 0; k < 5; k++) {
      let t = performance.now();
      const rep = localLoad(host.ctx, input.from, input.to);
      query.push(performance.now() - t);
      cells = rep.doctors.reduce((s, d) => s + d.hours.length, 0);
      // A year of hourly cells for 60 doctors is not a screen; it is timed without the dispatcher.
      if (span > 31 * 24 * HOUR_MS) continue;
      t = performance.now();
      const r = await host.dispatch('load.local', input);
      samples.push(performance.now() - t);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    samples.sort((a, b) => a - b);
    query.sort((a, b) => a - b);
    const via = samples.length
      ? `; via dispatcher median ${samples[2]!.toFixed(1)} ms (min ${samples[0]!.toFixed(1)})`
      : '';
    console.log(
      `  ${label.padEnd(24)} query+report median ${query[2]!.toFixed(1)} ms${via}; ${cells.toLocaleString('en-US')} doctor-hour cells`,
    );
  }
  host.close();
}

export async function runHostBench(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vagt-bench-'));
  try {
    await saveLatency(path.join(root, 'save'), 2000);
    await loadQuery(path.join(root, 'load'), 1_000_000);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
