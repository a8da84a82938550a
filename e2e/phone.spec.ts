// R-PHONE-1 end to end: a night driven by the phone-platform simulator (`npm run phone-sim`).
// Wednesday 28 May 2025 (CEST). The host and the simulator share one clock offset so the phone
// system's instants and the workstation's clock agree, as NTP-synced machines would. A call
// answered at 15:59:50 and keyed after 16:00 is priced by its answer (dagtid: no fee); the next
// call at 16:00:45 is an A call (TLF-A 7 213 øre = 72,13 kr., docs/rules.md §4). A replayed
// event creates nothing new; an event for another doctor is refused and the console says why.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test, expect, ROOT, screen } from './fixtures';
import {
  createFirstSupervisor,
  signIn,
  openShift,
  ensureSignedIn,
  fillCall,
  endCall,
} from './helpers';

const AUTH = 'A1B2C'; // helpers.SUPERVISOR's authorisation id

test.use({ clock: '2025-05-28T13:45:00.000Z' }); // 15:45, dagtid: the shift opens before the night

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

test('R-PHONE-1 a simulated night: the phone system instant prices the boundary call, a replay creates nothing, a refusal is shown', async ({
  app: page,
  vagt,
  dataDir,
}) => {
  test.setTimeout(240_000);
  await createFirstSupervisor(page);
  await signIn(page);
  await openShift(page);

  // The supervisor turns the link on (off until then) and reads the key.
  const port = await freePort();
  await page.getByRole('button', { name: 'Synkronisering' }).click();
  const settings = page.getByTestId('phone-settings');
  await expect(settings.getByTestId('phone-state')).toContainText('Forbindelsen er slået fra');
  await settings.getByLabel('Port (0 = vælg en ledig)').fill(String(port));
  await settings.getByRole('button', { name: 'Gem port' }).click();
  await settings.getByRole('button', { name: 'Slå forbindelsen til' }).click();
  const url = `http://127.0.0.1:${port}/v1/phone/events`;
  await expect(settings.getByTestId('phone-url')).toHaveText(url);
  const key = (await settings.getByTestId('phone-key').textContent())!.trim();
  expect(key.length).toBeGreaterThan(30);
  await screen(page, 'phone-01-settings');
  await page.getByRole('button', { name: 'Synkronisering' }).click();

  // The night: host and phone system both at 15:59:30 and running.
  const offset = Date.parse('2025-05-28T13:59:30.000Z') - Date.now();
  const night = {
    events: [
      {
        type: 'answered',
        callId: 'night-001',
        answeredAt: '2025-05-28T13:59:50.000Z',
        agentAuthId: AUTH,
        callerNumber: '+4512345678',
        ivrCpr: '010190-1234',
        queue: 'Lægevagten',
      },
      {
        sendAt: '2025-05-28T13:59:55.000Z',
        event: {
          type: 'answered',
          callId: 'night-001',
          answeredAt: '2025-05-28T13:59:50.000Z',
          agentAuthId: AUTH,
        },
      },
      {
        type: 'answered',
        callId: 'night-002',
        answeredAt: '2025-05-28T14:00:00.000Z',
        agentAuthId: 'ZZ999',
      },
      { type: 'ended', callId: 'night-001', endedAt: '2025-05-28T14:00:25.000Z' },
      {
        type: 'answered',
        callId: 'night-003',
        answeredAt: '2025-05-28T14:00:45.000Z',
        agentAuthId: AUTH,
        callerNumber: '+4587654321',
        ivrCpr: '320190-1234',
      },
      { type: 'ended', callId: 'night-003', endedAt: '2025-05-28T14:01:05.000Z' },
    ],
  };
  const nightFile = path.join(dataDir, 'night.json');
  fs.writeFileSync(nightFile, JSON.stringify(night));
  fs.writeFileSync(path.join(dataDir, 'phone.key'), key, { mode: 0o600 });

  await vagt.restart(`offset:${offset}`);
  await ensureSignedIn(page);
  let simOut = '';
  const sim = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [
      'host/phone/sim.ts',
      '--workstation',
      url,
      '--night',
      nightFile,
      '--key-file',
      path.join(dataDir, 'phone.key'),
      // A negative offset starts with '-', so it goes after '=' (strict option parsing).
      `--clock-offset=${offset}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  sim.stdout.on('data', (d: Buffer) => (simOut += d.toString()));
  sim.stderr.on('data', (d: Buffer) => (simOut += d.toString()));
  const simDone = new Promise<number | null>((r) => sim.once('exit', (code) => r(code)));

  // 15:59:50: the phone system opens the call; the doctor sees number, source and the IVR's CPR.
  const panel = page.getByTestId('call-panel');
  await expect(page.getByRole('heading', { name: 'Opkald i gang', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(panel.getByTestId('contact-source')).toContainText('Fra telefonsystemet');
  await expect(panel.getByTestId('caller-number')).toHaveText('+4512345678');
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('010190-1234');
  await expect(panel).toContainText('15:59');
  // The doctor keys the call after 16:00.
  await expect(page.getByTestId('band-now')).toContainText('A', { timeout: 60_000 });
  await fillCall(page, {
    caller: 'Patienten selv',
    reason: 'Ondt i halsen',
    outcome: 'Råd og vejledning',
  });
  await endCall(page);

  // 16:00:45: the next call; its IVR CPR is not a valid number and is shown as such.
  await expect(page.getByRole('heading', { name: 'Opkald i gang', exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(panel.getByTestId('ivr-cpr-invalid')).toContainText('320190-1234');
  await expect(page.getByRole('textbox', { name: 'CPR-nummer' })).toHaveValue('');
  await screen(page, 'phone-02-invalid-ivr-cpr');
  await fillCall(page, { cpr: '010190-1234', caller: 'Pårørende', outcome: 'Recept' });
  await endCall(page);

  // The list: two contacts, priced by the phone system's answers.
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(2);
  const fees = page.getByTestId('contact-fees');
  await expect(fees.nth(0)).toContainText('0,00 kr.');
  await expect(fees.nth(0)).toContainText('Uden for vagttid');
  await expect(fees.nth(1)).toContainText('TLF-A');
  await expect(fees.nth(1)).toContainText('72,13 kr.');
  await expect(page.getByTestId('phone-tag')).toHaveCount(2);
  await screen(page, 'phone-03-list');

  // The simulator's own account: the replay was the same contact, the other doctor's call refused.
  expect(await simDone).toBe(0);
  const lines = simOut
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const first = lines.find((l) => l.callId === 'night-001' && l.status === 'created');
  const replay = lines.find((l) => l.callId === 'night-001' && l.status === 'duplicate');
  expect(replay?.contactId).toBe(first?.contactId);
  expect(lines.find((l) => l.callId === 'night-002')).toMatchObject({
    http: 409,
    reason: 'OTHER_DOCTOR',
  });
  await expect(rows).toHaveCount(2);

  // The supervisor sees the refusal and its reason.
  await page.getByRole('button', { name: 'Synkronisering' }).click();
  const refusals = page.getByTestId('phone-refusals');
  await expect(refusals).toContainText('night-002');
  await expect(refusals).toContainText('opkaldet er til en anden læge');
  await screen(page, 'phone-04-refusals');
});
