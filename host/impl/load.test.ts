import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/models';
import { contactLoadRows } from '../../shared/load/cells';
import { HOUR_MS, hourStart } from '../../shared/load/hours';
import { buildLoadReport, sumRows } from '../../shared/load/report';
import { OK21_NATIONAL } from '../../shared/rules/ok21-national';
import { testHost } from '../testing';

describe('load.local (R-LOAD-1)', () => {
  it('matches the in-memory reference over the demo week, for supervisors only', async () => {
    const h = testHost();
    await h.call('setup.loadDemo', {});
    const roster = await h.call('roster.list', {});
    const sup = roster.find((d) => d.roles.includes('supervisor'))!;
    const doc = roster.find((d) => d.roles.length === 1)!;
    const from = new Date(h.clock.now() - 8 * 86_400_000).toISOString();
    const to = new Date(h.clock.now()).toISOString();
    await h.call('auth.signIn', { doctorId: doc.id, pin: '1234' });
    expect((await h.fail('load.local', { from, to })).code).toBe('FORBIDDEN');
    await h.call('auth.signIn', { doctorId: sup.id, pin: '1234' });
    const report = await h.call('load.local', { from, to });
    const contacts = (
      h.db.prepare('SELECT state FROM contacts').all() as Array<{ state: string }>
    ).map((r) => JSON.parse(r.state) as Contact);
    const fromMs = hourStart(Date.parse(from));
    const toMs = hourStart(Date.parse(to) - 1) + HOUR_MS;
    const expected = buildLoadReport(
      sumRows(
        contacts.flatMap((c) => contactLoadRows(c)),
        fromMs,
        toMs,
      ),
      {
        source: 'local',
        asOf: report.asOf,
        from,
        to,
        thresholds: { amber: 12, red: 20 },
        names: new Map(roster.map((d) => [d.id, d.name])),
      },
    );
    expect(report).toEqual(expected);
    expect(report.doctors).toHaveLength(4);
    expect(report.doctors.reduce((s, d) => s + d.totals.contacts, 0)).toBeGreaterThan(
      contacts.length,
    );
    h.close();
  });
});

/** A supervisor on shift at Tuesday 4 March 2025, 17:05 Copenhagen (band A). */
async function supervisorOnShift() {
  const h = testHost('2025-03-04T16:05:00.000Z');
  const sup = await h.call('setup.createFirstSupervisor', {
    name: 'Sara Sup',
    authId: 'S1',
    pin: '4321',
  });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  await h.call('shift.open', {});
  return { h, sup };
}

const NIGHT = { from: '2025-03-04T15:00:00.000Z', to: '2025-03-05T07:00:00.000Z' };

describe('load.local: R-CON-6 and the thresholds', () => {
  it('R-CON-6: "transport bevilget" is counted per doctor and clock hour, and follows corrections', async () => {
    const { h, sup } = await supervisorOnShift();
    const call = async (outcome: 'konsultation' | 'recept', transportGranted: boolean) => {
      const c = await h.call('contact.start', { kind: 'telefon' });
      h.clock.advance(4 * 60_000);
      await h.call('contact.update', {
        id: c.id,
        patch: {
          patient: { type: 'cpr', cpr: '0101901234' },
          reason: 'mavesmerter',
          outcome,
          transportGranted,
        },
      });
      return h.call('contact.end', { id: c.id });
    };
    // 17:05–17:21: two referrals with transport, one without, one prescription.
    const first = await call('konsultation', true);
    await call('konsultation', true);
    await call('konsultation', false);
    await call('recept', false);
    // 18:xx: one more with transport.
    h.clock.set(Date.parse('2025-03-04T17:10:00.000Z'));
    await call('konsultation', true);
    const hours = async () => {
      const r = await h.call('load.local', NIGHT);
      const d = r.doctors.find((x) => x.doctorId === sup.id)!;
      return {
        hours: d.hours.map((x) => [x.hour, x.contacts, x.transportGranted]),
        total: d.totals.transportGranted,
      };
    };
    expect(await hours()).toEqual({
      hours: [
        ['2025-03-04T16:00:00.000Z', 4, 2],
        ['2025-03-04T17:00:00.000Z', 1, 1],
      ],
      total: 3,
    });
    // A correction that withdraws the transport takes it out of its hour again.
    await h.call('contact.correct', {
      id: first.id,
      patch: { transportGranted: false },
      reason: 'transport ikke bevilget alligevel',
    });
    expect(await hours()).toEqual({
      hours: [
        ['2025-03-04T16:00:00.000Z', 4, 1],
        ['2025-03-04T17:00:00.000Z', 1, 1],
      ],
      total: 2,
    });
    h.close();
  });

  it('R-LOAD-1: the thresholds are the rule set’s, also when they are not the defaults', async () => {
    const { h } = await supervisorOnShift();
    const custom = {
      ...OK21_NATIONAL,
      id: 'test-thresholds',
      name: 'Test thresholds',
      validFrom: '2025-01-01',
      loadThresholds: { amber: 5, red: 9 },
    };
    expect((await h.call('load.local', NIGHT)).thresholds).toEqual({ amber: 12, red: 20 });
    await h.call('rules.import', { json: JSON.stringify(custom) });
    expect((await h.call('load.local', NIGHT)).thresholds).toEqual({ amber: 5, red: 9 });
    h.close();
  });
});
