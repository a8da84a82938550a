// `npm run phone-sim -- --workstation URL --night FILE|DATE [--agent AUTHID] [--key-file FILE]`
// A phone platform's connector, simulated: plays a night of answered/ended events against a
// workstation's phone link (docs/phone-link.md). The key is read from --key-file, from
// VAGT_PHONE_KEY, or from stdin with `--key -`; never from the command line itself.
// Prints one JSON line per event sent; exit 0 when every event got an answer, 1 otherwise.
import fs from 'node:fs';
import { parseOptions, UsageError } from '../cli/args';
import { PHONE_PATH } from './server';
import { generateNight, planFromFile, shiftPlan, type PlannedEvent } from './sim-night';

const USAGE = `Brug: npm run phone-sim -- --workstation URL --night FIL|ÅÅÅÅ-MM-DD [--agent AUTH-ID]
  [--key-file FIL | --key -] [--clock-offset MS] [--speed N] [--seed N]
Nøglen læses fra --key-file, fra miljøvariablen VAGT_PHONE_KEY eller fra stdin (--key -).`;

function die(msg: string): never {
  console.error(`${msg}\n${USAGE}`);
  process.exit(2);
}

type Options = Record<string, string>;

const NAMES = ['workstation', 'night', 'agent', 'key-file', 'key', 'clock-offset', 'speed', 'seed'];

const KEY_ON_COMMAND_LINE =
  'Nøglen må ikke stå på kommandolinjen. Brug --key-file, VAGT_PHONE_KEY eller --key -.';

function options(args: string[]): Options {
  // A key given on the command line is refused before the options are read: as an option, a
  // key that happens to begin with '-' would only be reported as a missing value.
  const at = args.findIndex((a) => a === '--key' || a.startsWith('--key='));
  if (at >= 0) {
    const value = args[at] === '--key' ? args[at + 1] : args[at]!.slice('--key='.length);
    if (value !== '-') die(KEY_ON_COMMAND_LINE);
  }
  try {
    return parseOptions(args, { names: NAMES, required: ['workstation', 'night'] }).options;
  } catch (err) {
    if (err instanceof UsageError) die(err.message);
    throw err;
  }
}

async function readKey(o: Options): Promise<string> {
  const file = o['key-file'];
  const flag = o['key'];
  if (flag !== undefined && flag !== '-') die(KEY_ON_COMMAND_LINE);
  let key: string | undefined;
  if (file) key = fs.readFileSync(file, 'utf8');
  else if (flag === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    key = Buffer.concat(chunks).toString('utf8');
  } else key = process.env.VAGT_PHONE_KEY;
  key = key?.trim();
  if (!key) die('Ingen nøgle: brug --key-file, VAGT_PHONE_KEY eller --key -.');
  return key;
}

function endpoint(raw: string | undefined): string {
  if (!raw) die('Mangler --workstation URL.');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    die(`Ugyldig URL: ${raw}`);
  }
  if (u.search || u.username || u.password)
    die('URL’en må ikke indeholde nøgle eller forespørgsel.');
  if (u.pathname === '/' || u.pathname === '') u.pathname = PHONE_PATH;
  return u.toString();
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const url = endpoint(o['workstation']);
  const night = o['night'] ?? die('Mangler --night.');
  const offset = Number(o['clock-offset'] ?? '0');
  const speed = Number(o['speed'] ?? '1');
  if (!Number.isFinite(offset) || !Number.isFinite(speed) || speed <= 0)
    die('--clock-offset og --speed skal være tal (speed > 0).');
  const key = await readKey(o);
  const phoneNow = () => Date.now() + offset;
  let plan: PlannedEvent[];
  if (/^\d{4}-\d{2}-\d{2}$/.test(night)) {
    const agent = o['agent'] ?? die('Mangler --agent (lægens autorisations-id).');
    // A generated night is played from now: its gaps (divided by --speed), instants on our clock.
    plan = shiftPlan(
      generateNight(night, agent, Number(o['seed'] ?? '1')),
      phoneNow() + 1000,
      speed,
    );
  } else {
    try {
      plan = planFromFile(JSON.parse(fs.readFileSync(night, 'utf8')));
    } catch (err) {
      die(`Kan ikke læse natten ${night}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let failed = 0;
  for (const p of plan) {
    const wait = p.sendAt - phoneNow();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sentAt = new Date(phoneNow()).toISOString();
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify(p.event),
      });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      console.log(
        JSON.stringify({
          sentAt,
          type: p.event.type,
          callId: p.event.callId,
          http: res.status,
          ...body,
        }),
      );
    } catch (err) {
      failed++;
      console.log(
        JSON.stringify({ sentAt, type: p.event.type, callId: p.event.callId, error: String(err) }),
      );
    }
  }
  process.exit(failed ? 1 : 0);
}

void main();
