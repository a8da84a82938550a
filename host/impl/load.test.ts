import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/models';
import { contactLoadRows } from '../../shared/load/cells';
import { HOUR_MS, hourStart } from '../../shared/load/hours';
import { buildLoadReport, sumRows } from '../../shared/load/report';
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
