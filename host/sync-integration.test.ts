// Issue 7 end to end in one process: a real sync server (server/http.ts) on 127.0.0.1, a
// workstation host and a supervisor host, both registered with their workstation ids. The
// roster and a rule set pulled from the server are used on the workstation; its contacts reach
// the supervisor's load view from the server (R-LOAD-2), and from pulled records when offline.
// It is one story whose steps build on each other, so it runs as ONE test (named steps inside),
// with its own server and hosts: no test depends on another test or on their order.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import type { RuleSet } from '../shared/rules/schema';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import { SYNC_CONFIG_FILE } from './sync/config';
import {
  serverCommands,
  startServerProcess,
  type ServerProcess,
} from './sync/testing/server-process';
import { enqueue } from './stores/outbox';
import { testHost, tempDir, type TestHost } from './testing';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CPR = { type: 'cpr' as const, cpr: '0101901234' };
/** Tuesday 4 March 2025, 17:30 in Copenhagen: band A. */
const START = '2025-03-04T16:30:00.000Z';

const REGION_RULES: RuleSet = {
  ...OK21_NATIONAL,
  id: 'region-test-2025',
  name: 'Region test 2025',
  validFrom: '2025-01-01',
  feePeriods: [
    {
      from: '2025-01-01',
      agreementYear: 3,
      fees: { 'TLF-A': 8000, 'TLF-B': 9900, 'TLF-C': 11000, 'VIDEO-A': 21000, 'VIDEO-B': 26000 },
    },
  ],
  continuationFrom: null,
} as RuleSet;

let server: ServerProcess;
let serverDir: string;
let serverClosed = false;
let ws: TestHost;
let sup: TestHost;
let anna: { id: string };
let wsToken: string;
let supToken: string;
const hosts: TestHost[] = [];

async function firstSupervisor(h: TestHost, authId: string) {
  const d = await h.call('setup.createFirstSupervisor', {
    name: `Lokal ${authId}`,
    authId,
    pin: '4321',
  });
  await h.call('auth.signIn', { doctorId: d.id, pin: '4321' });
  return d;
}

async function endedCall(h: TestHost, minutes = 3) {
  const c = await h.call('contact.start', { kind: 'telefon' });
  h.clock.advance(minutes * 60_000);
  await h.call('contact.update', {
    id: c.id,
    patch: { patient: CPR, outcome: 'raad-og-vejledning', reason: 'feber' },
  });
  return h.call('contact.end', { id: c.id });
}

/** The server's command line (npm run server -- …), as an operator would use it. */
const cli = (cmd: string, ...args: string[]) => serverCommands(serverDir).json(cmd, ...args);

function rulesFile(rules: RuleSet): string {
  const file = join(serverDir, `rules-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(rules));
  return file;
}

function setRules(rules: RuleSet): void {
  cli('set-rules', '--file', rulesFile(rules));
}

/** The same, while the workstation is live (beside it: ServerCommands.live). */
async function setRulesLive(rules: RuleSet): Promise<void> {
  await serverCommands(serverDir).live('set-rules', '--file', rulesFile(rules));
}

async function setUpRegion(): Promise<void> {
  serverDir = tempDir('vagt-sync-srv-');
  anna = {
    id: cli('add-doctor', '--name', 'Anna Server', '--auth-id', 'A100', '--pin', '2468')
      .doctorId as string,
  };
  cli('add-doctor', '--name', 'Uden Pin', '--auth-id', 'U100');
  setRules(REGION_RULES);
  ws = testHost(START);
  sup = testHost(START);
  hosts.push(ws, sup);
  const device = (name: string, role: string, id: string) =>
    cli('add-device', '--name', name, '--role', role, '--id', id).token as string;
  wsToken = device('Arbejdsplads 1', 'workstation', ws.ctx.deviceId);
  supToken = device('Leder', 'supervisor', sup.ctx.deviceId);
  server = await startServerProcess(serverDir);
}

/** The story's steps, run in this order by the one test below. */
const steps: Array<[string, () => Promise<void> | void]> = [];
function step(name: string, fn: () => Promise<void> | void): void {
  steps.push([name, fn]);
}

afterAll(async () => {
  for (const h of hosts) await h.shutdown();
  if (!serverClosed) await server?.stop();
});

step('sync.* methods validate their input and refuse non-supervisors', async () => {
  const before = await ws.call('sync.status', {});
  expect(before).toMatchObject({ configured: false, serverUrl: null, role: null });
  // Not signed in: configuring is for supervisors only.
  expect((await ws.fail('sync.configure', { serverUrl: server.url, token: wsToken })).code).toBe(
    'NOT_SIGNED_IN',
  );
  await firstSupervisor(ws, 'S1');
  expect((await ws.fail('sync.configure', { serverUrl: '', token: 'x' })).code).toBe(
    'INVALID_INPUT',
  );
  expect((await ws.fail('sync.configure', { serverUrl: server.url })).code).toBe('INVALID_INPUT');
  for (const bad of [
    'ftp://127.0.0.1/',
    'not a url',
    'http://user:pw@127.0.0.1:1/',
    'file:///etc',
  ]) {
    const e = await ws.fail('sync.configure', { serverUrl: bad, token: wsToken });
    expect(e).toMatchObject({ code: 'VALIDATION', details: { serverUrl: 'SYNC_URL' } });
  }
  // Nothing listens on port 9 of loopback (discard): unreachable.
  expect(
    await ws.fail('sync.configure', { serverUrl: 'http://127.0.0.1:9', token: wsToken }),
  ).toMatchObject({ code: 'SYNC_FAILED', details: { serverUrl: 'SYNC_UNREACHABLE' } });
  expect(
    await ws.fail('sync.configure', { serverUrl: server.url, token: 'wrong-token' }),
  ).toMatchObject({ code: 'SYNC_FAILED', details: { token: 'SYNC_TOKEN_REFUSED' } });
  // Nothing was saved by the failed attempts.
  expect((await ws.call('sync.status', {})).configured).toBe(false);
});

step('configures the workstation: token saved 0600, roster and rule set pulled', async () => {
  const roster: string[] = [];
  ws.events.subscribe((e) => {
    if (e.type === 'roster') roster.push(e.type);
  });
  const s = await ws.call('sync.configure', { serverUrl: `${server.url}/`, token: wsToken });
  expect(s).toMatchObject({
    configured: true,
    serverUrl: server.url,
    online: true,
    role: 'workstation',
  });
  expect(s.lastSuccessAt).not.toBeNull();
  const file = join(ws.dataDir, SYNC_CONFIG_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
    serverUrl: server.url,
    token: wsToken,
  });
  // Roster: the server's doctors are on the local roster; a 'roster' event went out.
  const names = (await ws.call('roster.list', {})).map((d) => d.name);
  expect(names).toEqual(expect.arrayContaining(['Anna Server', 'Uden Pin', 'Lokal S1']));
  expect(roster.length).toBeGreaterThan(0);
  // Rule sets: the pulled one is loaded and is the one in force now.
  const rules = await ws.call('rules.list', {});
  expect(rules.find((r) => r.id === 'region-test-2025')).toMatchObject({ active: true });
});

step(
  'signs a doctor from the server roster in with the server PIN; no PIN → PIN_NOT_SET',
  async () => {
    await ws.call('auth.signOut', {});
    expect((await ws.fail('auth.signIn', { doctorId: anna.id, pin: '0000' })).code).toBe(
      'WRONG_PIN',
    );
    const session = await ws.call('auth.signIn', { doctorId: anna.id, pin: '2468' });
    expect(session.doctor.name).toBe('Anna Server');
    const noPin = (await ws.call('roster.list', {})).find((d) => d.name === 'Uden Pin')!;
    expect(await ws.fail('auth.signIn', { doctorId: noPin.id, pin: '1234' })).toMatchObject({
      code: 'FORBIDDEN',
      details: { pin: 'PIN_NOT_SET' },
    });
    await ws.call('auth.signIn', { doctorId: anna.id, pin: '2468' });
  },
);

step('prices new contacts with the pulled rule set and pushes them', async () => {
  await ws.call('shift.open', {});
  const c1 = await endedCall(ws);
  const c2 = await endedCall(ws, 5);
  expect(c1.rulesId).toBe('region-test-2025');
  expect(c1.lines).toEqual([expect.objectContaining({ code: 'TLF-A', amountOre: 8000 })]);
  expect(c2.lines[0]!.amountOre).toBe(8000);
  const s = await ws.call('sync.now', {});
  expect(s).toMatchObject({ online: true, waiting: 0, conflicts: 0, rejected: 0 });
  // Its own records come back in its pull and are not copied to the remote tables.
  const remote = ws.db.prepare('SELECT COUNT(*) AS n FROM remote_contacts').get() as {
    n: number;
  };
  expect(remote.n).toBe(0);
});

step(
  'recorded contacts are never re-priced when the server changes the rule set (R-FEE-8)',
  async () => {
    await setRulesLive({
      ...REGION_RULES,
      feePeriods: [
        {
          ...REGION_RULES.feePeriods[0]!,
          fees: { ...REGION_RULES.feePeriods[0]!.fees, 'TLF-A': 9000 },
        },
      ],
    });
    expect(await ws.call('sync.now', {})).toMatchObject({ online: true });
    const shift = (await ws.call('shift.current', {}))!;
    const before = await ws.call('contact.listByShift', { shiftId: shift.id });
    expect(before.every((c) => c.lines[0]!.amountOre === 8000)).toBe(true);
    const c3 = await endedCall(ws);
    expect(c3.lines[0]!.amountOre).toBe(9000);
    await ws.call('sync.now', {});
  },
);

step(
  "the supervisor device's load.local shows every workstation from the server (R-LOAD-2)",
  async () => {
    await firstSupervisor(sup, 'L1');
    const s = await sup.call('sync.configure', { serverUrl: server.url, token: supToken });
    expect(s.role).toBe('supervisor');
    const range = { from: '2025-03-04T12:00:00.000Z', to: '2025-03-05T12:00:00.000Z' };
    sup.clock.set(Date.parse('2025-03-04T20:00:00.000Z'));
    const report = await sup.call('load.local', range);
    expect(report.source).toBe('server');
    expect(report.asOf).toBe('2025-03-04T20:00:00.000Z');
    const a = report.doctors.find((d) => d.doctorId === anna.id);
    expect(a).toMatchObject({ name: 'Anna Server', totals: { contacts: 3, feesOre: 25000 } });
    // The workstation's records were pulled into the supervisor's remote tables, not its own.
    const n = (t: string) =>
      (sup.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(n('remote_contacts')).toBe(3);
    expect(n('remote_shifts')).toBe(1);
    expect(n('remote_audit')).toBeGreaterThan(0);
    expect(n('contacts')).toBe(0);
  },
);

step('a workstation device never gets the server load: its own data, source local', async () => {
  await ws.call('auth.signOut', {});
  const local = (await ws.call('roster.list', {})).find((d) => d.name === 'Lokal S1')!;
  await ws.call('auth.signIn', { doctorId: local.id, pin: '4321' });
  const report = await ws.call('load.local', {
    from: '2025-03-04T12:00:00.000Z',
    to: '2025-03-05T12:00:00.000Z',
  });
  expect(report.source).toBe('local');
  expect(report.doctors.find((d) => d.doctorId === anna.id)?.totals.contacts).toBe(3);
});

step('lists kept items with their reason and no CPR (sync.problems)', async () => {
  const stranger = makeContact('0193a0b0-0000-7000-8000-00000000abcd', 1);
  ws.db.transaction(() =>
    enqueue(ws.db, {
      itemId: stranger.id,
      type: 'contact',
      rev: 1,
      payload: stranger,
      createdAt: new Date().toISOString(),
    }),
  )();
  const s = await ws.call('sync.now', {});
  expect(s.rejected).toBe(1);
  const problems = await ws.call('sync.problems', {});
  expect(problems).toEqual([
    expect.objectContaining({ type: 'contact', id: stranger.id, rev: 1, status: 'rejected' }),
  ]);
  expect(JSON.stringify(problems)).not.toContain('0101901234');
});

step('the command line prints the workstation id and saves a tested configuration', () => {
  const dir = tempDir('vagt-sync-cli-');
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'host/cli/main.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });
  const id = cli('workstation-id', '--data', dir).stdout.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const token = serverCommands(serverDir).json('add-device', '--name', 'CLI', '--id', id)
    .token as string;
  const refused = cli('sync-configure', '--data', dir, '--server', server.url, '--token', 'nope');
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('SYNC_TOKEN_REFUSED');
  const ok = cli('sync-configure', '--data', dir, '--server', server.url, '--token', token);
  expect(ok.status).toBe(0);
  expect(JSON.parse(ok.stdout)).toEqual({
    serverUrl: server.url,
    role: 'workstation',
    workstationId: id,
  });
  expect(statSync(join(dir, SYNC_CONFIG_FILE)).mode & 0o777).toBe(0o600);
});

step('offline: the supervisor sees local + pulled records, as of the last sync', async () => {
  const last = (await sup.call('sync.status', {})).lastSuccessAt;
  await server.stop();
  serverClosed = true;
  sup.clock.advance(3_600_000);
  const report = await sup.call('load.local', {
    from: '2025-03-04T12:00:00.000Z',
    to: '2025-03-05T12:00:00.000Z',
  });
  expect(report.source).toBe('local');
  expect(report.asOf).toBe(last);
  expect(report.doctors.find((d) => d.doctorId === anna.id)).toMatchObject({
    totals: { contacts: 3, feesOre: 25000 },
  });
  // The workstation goes offline; what it records waits in the outbox.
  await ws.call('shift.open', {});
  await endedCall(ws);
  const s = await ws.call('sync.now', {});
  expect(s).toMatchObject({ online: false });
  expect(s.waiting).toBeGreaterThan(0);
});

step('disconnect forgets the server and keeps the outbox', async () => {
  const waiting = (await ws.call('sync.status', {})).waiting;
  await ws.call('sync.disconnect', {});
  const s = await ws.call('sync.status', {});
  // Nothing is dropped; the disconnect's own audit row joins the queue.
  expect(s).toMatchObject({ configured: false, serverUrl: null, waiting: waiting + 1 });
  expect((await ws.fail('sync.now', {})).code).toBe('INVALID_STATE');
});

describe('sync integration (workstation, supervisor, real server)', () => {
  it('one workstation and one supervisor through a real server, step by step', async () => {
    await setUpRegion();
    for (const [name, fn] of steps) {
      try {
        await fn();
      } catch (e) {
        if (e instanceof Error) e.message = `step "${name}": ${e.message}`;
        throw e;
      }
    }
  }, 240_000);
});
