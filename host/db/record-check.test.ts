// At start each record's current state is checked against its latest revision, and a damaged
// row names itself (by id) instead of failing the whole shift it belongs to.
import { describe, expect, it } from 'vitest';
import { createHost } from '../host';
import { testHost } from '../testing';
import { checkRecords } from './record-check';

const CPR = { type: 'cpr' as const, cpr: '0101901234' };

async function shiftWithTwoCalls() {
  const h = testHost();
  const sup = await h.call('setup.createFirstSupervisor', { name: 'S', authId: 'S1', pin: '4321' });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  const shift = await h.call('shift.open', {});
  const ids: string[] = [];
  for (const reason of ['feber', 'hoste']) {
    const c = await h.call('contact.start', { kind: 'telefon' });
    await h.call('contact.update', {
      id: c.id,
      patch: { patient: CPR, outcome: 'raad-og-vejledning', reason },
    });
    await h.call('contact.end', { id: c.id });
    ids.push(c.id);
  }
  return { h, shift, ids };
}

describe('record check', () => {
  it('finds nothing wrong in a healthy database', async () => {
    const { h } = await shiftWithTwoCalls();
    expect(checkRecords(h.db)).toEqual([]);
    expect(h.recordProblems).toEqual([]);
    h.close();
  });

  it('names a contact whose current state differs from (or is behind) its latest revision, and a shift that is', async () => {
    const { h, shift, ids } = await shiftWithTwoCalls();
    h.db
      .prepare("UPDATE contacts SET state = json_set(state, '$.reason', 'ændret') WHERE id = ?")
      .run(ids[0]);
    h.db.prepare('UPDATE contacts SET rev = rev - 1 WHERE id = ?').run(ids[1]);
    h.db.prepare('UPDATE shifts SET rev = rev + 1 WHERE id = ?').run(shift.id);
    const problems = checkRecords(h.db);
    expect(problems).toEqual([
      { table: 'contacts', id: ids[0], problem: expect.stringMatching(/differs from revision/) },
      { table: 'contacts', id: ids[1], problem: expect.stringMatching(/latest revision is/) },
      { table: 'shifts', id: shift.id, problem: expect.stringMatching(/latest revision is/) },
    ]);
    expect(JSON.stringify(problems)).not.toContain('0101901234');
    // The host runs the check at start and keeps what it found.
    const dir = h.dataDir;
    h.close();
    const again = createHost({
      dataDir: dir,
      mode: 'browser',
      ticker: false,
      sync: false,
      backups: false,
    });
    expect(again.recordProblems).toHaveLength(3);
    again.close();
  });

  it('a damaged row does not fail its shift: it falls back to its latest revision', async () => {
    const { h, shift, ids } = await shiftWithTwoCalls();
    h.db.prepare("UPDATE contacts SET state = '{not json' WHERE id = ?").run(ids[0]);
    const list = await h.call('contact.listByShift', { shiftId: shift.id });
    expect(list.map((c) => c.id)).toEqual(ids);
    expect(checkRecords(h.db)[0]).toMatchObject({
      id: ids[0],
      problem: 'current state cannot be read',
    });
    // Revision damaged too (as a bad disk would, past the append-only trigger): the other call
    // is still listed, the damaged one is named.
    h.db.exec('DROP TRIGGER contact_revisions_no_update');
    h.db.prepare("UPDATE contact_revisions SET state = '[' WHERE contact_id = ?").run(ids[0]);
    const named: string[] = [];
    const { contactsOfShift } = await import('../stores/contacts');
    expect(contactsOfShift(h.db, shift.id, (id) => named.push(id)).map((c) => c.id)).toEqual([
      ids[1],
    ]);
    expect(named).toEqual([ids[0]]);
    h.close();
  });
});
