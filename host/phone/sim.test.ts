// The phone-platform simulator: its nights and its command line (R-PHONE-1).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { phoneEventSchema } from '../../shared/phone/events';
import { tempDir, testHost } from '../testing';
import { generateNight, planFromFile, shiftPlan } from './sim-night';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

describe('phone simulator (R-PHONE-1)', () => {
  it('R-PHONE-1 a generated night is valid, ordered, one doctor at a time, 16:00 to 08:00', () => {
    const plan = generateNight('2025-05-28', 'A1B2C', 7);
    expect(plan.length).toBeGreaterThan(40);
    for (const p of plan) expect(phoneEventSchema.safeParse(p.event).success).toBe(true);
    for (let i = 1; i < plan.length; i++)
      expect(plan[i]!.sendAt).toBeGreaterThanOrEqual(plan[i - 1]!.sendAt);
    const first = plan[0]!.event;
    expect(first.type === 'answered' && first.answeredAt >= '2025-05-28T14:00:00.000Z').toBe(true);
    expect(plan.at(-1)!.sendAt).toBeLessThanOrEqual(
      Date.parse('2025-05-29T06:00:00.000Z') + 3_600_000,
    );
    expect(generateNight('2025-05-28', 'A1B2C', 7)).toEqual(plan);
    const moved = shiftPlan(plan, Date.parse('2026-01-01T00:00:00.000Z'), 60);
    expect(moved[0]!.sendAt).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    expect(moved[0]!.event.type === 'answered' && moved[0]!.event.answeredAt).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });

  it('R-PHONE-1 a night file: replays keep their own sendAt; a bad entry is refused', () => {
    const ev = {
      type: 'answered',
      callId: 'c1',
      answeredAt: '2025-05-28T13:59:50.000Z',
      agentAuthId: 'A',
    };
    const plan = planFromFile({ events: [{ sendAt: '2025-05-28T14:00:05.000Z', event: ev }, ev] });
    expect(plan.map((p) => p.sendAt)).toEqual([
      Date.parse('2025-05-28T13:59:50.000Z'),
      Date.parse('2025-05-28T14:00:05.000Z'),
    ]);
    expect(() => planFromFile({ events: [{ ...ev, answeredAt: 'soon' }] })).toThrow();
  });

  it('R-PHONE-1 the command line plays a night against a workstation and never takes the key as an argument', async () => {
    const h = testHost(new Date(Date.now() - 60_000).toISOString());
    const sup = await h.call('setup.createFirstSupervisor', {
      name: 'S',
      authId: 'S1',
      pin: '4321',
    });
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    await h.call('shift.open', {});
    h.clock.set(Date.now());
    const st = await h.call('phone.configure', { enabled: true, port: 0 });
    const dir = tempDir();
    const at = new Date(Date.now() - 1000).toISOString();
    const night = path.join(dir, 'night.json');
    fs.writeFileSync(
      night,
      JSON.stringify({
        events: [{ type: 'answered', callId: 'cli-1', answeredAt: at, agentAuthId: 'S1' }],
      }),
    );
    const refused = await run(TSX, [
      'host/phone/sim.ts',
      '--workstation',
      st.url!,
      '--night',
      night,
      '--key',
      st.key,
    ]).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stderr: string }).stderr).toMatch(/må ikke stå på kommandolinjen/);
    // The same for a key that begins with '-' (base64url keys may), and for --key=KEY.
    for (const keyArgs of [['--key', `-${st.key}`], [`--key=${st.key}`]]) {
      const r = await run(TSX, [
        'host/phone/sim.ts',
        '--workstation',
        st.url!,
        '--night',
        night,
        ...keyArgs,
      ]).catch((e: { code: number; stderr: string }) => e);
      expect((r as { code: number }).code).toBe(2);
      expect((r as { stderr: string }).stderr).toMatch(/må ikke stå på kommandolinjen/);
    }
    const { stdout } = await run(
      TSX,
      ['host/phone/sim.ts', '--workstation', st.url!, '--night', night],
      {
        env: { ...process.env, VAGT_PHONE_KEY: st.key },
      },
    );
    expect(JSON.parse(stdout.trim())).toMatchObject({
      callId: 'cli-1',
      http: 201,
      status: 'created',
    });
    expect((await h.call('contact.current', {}))?.phone?.callId).toBe('cli-1');
    h.close();
  });
});
