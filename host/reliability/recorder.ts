// Child process for the crash test: records contacts through the dispatcher in a loop, on real
// files, and prints each acknowledged step on stdout (synchronously, after the call returned):
// committed revisions (`started|saved|ended|corrected <id> <rev>`) and autosaves of the open
// call's working state (`autosaved <id> <note>`, the "Gemt" the doctor sees).
// The test SIGKILLs it at random moments and checks that every acknowledged record survived.
// Usage: node recorder.cjs <dataDir> <doctorId> <pin>
import fs from 'node:fs';
import { createHost } from '../host';

const [dataDir, doctorId, pin] = process.argv.slice(2) as [string, string, string];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function main(): Promise<void> {
  say('opening');
  const host = createHost({ dataDir, mode: 'browser', ticker: false });
  const call = async (method: string, input: unknown) => {
    const r = await host.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as { id: string; rev: number };
  };
  await call('auth.signIn', { doctorId, pin });
  const shift = (await host.dispatch('shift.current', {})) as {
    ok: true;
    value: { id: string } | null;
  };
  if (!shift.value) await call('shift.open', {});
  const patch = {
    patient: { type: 'cpr', cpr: '0101901234' },
    outcome: 'raad-og-vejledning',
    reason: 'test',
  };
  // A call left open by the previous (killed) run is finished first.
  const open = (await host.dispatch('contact.current', {})) as {
    ok: true;
    value: { id: string } | null;
  };
  if (open.value) {
    await call('contact.update', { id: open.value.id, patch });
    const e = await call('contact.end', { id: open.value.id });
    say(`ended ${e.id} ${e.rev}`);
  }
  say('ready');
  for (let i = 0; ; i++) {
    const c = await call('contact.start', { kind: 'telefon' });
    say(`started ${c.id} ${c.rev}`);
    const a = await call('contact.update', { id: c.id, patch: { ...patch, note: `n${i}` } });
    say(`autosaved ${a.id} n${i}`);
    if (i % 5 === 4) {
      await call('contact.escalate', { id: c.id });
      const v = await call('contact.videoConnected', { id: c.id });
      say(`saved ${v.id} ${v.rev}`);
    }
    const e = await call('contact.end', { id: c.id });
    say(`ended ${e.id} ${e.rev}`);
    if (i % 7 === 6) {
      const k = await call('contact.correct', {
        id: c.id,
        patch: { note: 'rettet' },
        reason: 'rettelse',
      });
      say(`corrected ${k.id} ${k.rev}`);
    }
  }
}

main().catch((err) => {
  say(`error ${String(err)}`);
  // The first-start test stops at sign-in on purpose and must be the one that ends the
  // process (so it can check that its kill landed): stay alive until killed.
  if (process.env.VAGT_RECORDER_HOLD === '1') setInterval(() => {}, 60_000);
  else process.exit(1);
});
