import { describe, expect, it } from 'vitest';
import type { Contact, Shift } from '../contract/models';
import { makeContact } from '../sync/testing/contact-fixture';
import { auditFindings, type AuditInput, type FindingCode } from './findings';

const WS = '11111111-2222-4333-8444-555555555555';
const DOCTOR = '00000000-0000-4000-8000-000000000007';
const SHIFT = '99999999-2222-4333-8444-555555555555';
// A Monday night in January: 16:00 to 08:00 local is 15:00 to 07:00 UTC.
const NIGHT = Date.UTC(2025, 0, 6, 15, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const min = 60_000;

const shift: Shift = {
  id: SHIFT,
  rev: 2,
  doctorId: DOCTOR,
  workstationId: WS,
  openedAt: iso(NIGHT),
  closedAt: iso(NIGHT + 16 * 60 * min),
};

/** Contact i of the night: answered i × 10 min after the shift opened, 4 min long. */
function contact(i: number, o: Partial<Contact> = {}): Contact {
  const answered = NIGHT + 5 * min + i * 10 * min;
  return makeContact(WS, i, 1, {
    doctorId: DOCTOR,
    revisedBy: DOCTOR,
    shiftId: SHIFT,
    answeredAt: iso(answered),
    endedAt: iso(answered + 4 * min),
    revisedAt: iso(answered + 4 * min),
    ...o,
  });
}

/** A telephone contact escalated to video that connected for `seconds`. */
function video(i: number, seconds: number, o: Partial<Contact> = {}): Contact {
  const answered = NIGHT + 5 * min + i * 10 * min;
  const v = {
    doctorId: DOCTOR,
    requestedAt: iso(answered + min),
    connectedAt: iso(answered + 2 * min),
    failedAt: null,
    failReason: null,
    endedAt: iso(answered + 2 * min + seconds * 1000),
  };
  return contact(i, {
    video: v,
    outcome: 'video',
    endedAt: iso(answered + 3 * min + seconds * 1000),
    ...o,
  });
}

function night(): Contact[] {
  return [...Array.from({ length: 8 }, (_, i) => contact(i)), video(8, 300)];
}

const run = (contacts: Contact[], o: Partial<AuditInput> = {}) =>
  auditFindings({
    contacts,
    shifts: [shift],
    ruleSets: [],
    claims: contacts.map((c) => ({ contactId: c.id, rev: c.rev, claimedAt: iso(NIGHT + 86e6) })),
    minVideoSeconds: 60,
    ...o,
  });

const codes = (contacts: Contact[], o: Partial<AuditInput> = {}): FindingCode[] =>
  run(contacts, o).map((f) => f.code);

describe('R-AUDIT-1 the claims office audit', () => {
  it('R-AUDIT-1 a clean night has no findings', () => {
    expect(run(night())).toEqual([]);
  });

  it('R-AUDIT-1 VIDEO-GEBYR-UDEN-VIDEO: a video fee on a contact without a video request', () => {
    const priced = video(3, 300);
    const planted = contact(3, { lines: priced.lines });
    const f = run([...night().filter((c) => c.id !== planted.id), planted]);
    // The rule set gives no video fee without a video either, so the fee also differs.
    expect(f.map((x) => [x.code, x.contactId])).toEqual([
      ['HONORAR-AFVIGER', planted.id],
      ['VIDEO-GEBYR-UDEN-VIDEO', planted.id],
    ]);
    expect(f[1]!.text).toMatch(/Videohonorar uden en videoanmodning/);
  });

  it('R-AUDIT-1 VIDEO-KORT: video connected for under the configured time', () => {
    const short = video(8, 30);
    expect(codes([...night().slice(0, 8), short])).toEqual(['VIDEO-KORT']);
    // The limit is configurable: 20 s makes the same call fine.
    expect(codes([...night().slice(0, 8), short], { minVideoSeconds: 20 })).toEqual([]);
  });

  it('R-AUDIT-1 ESKALERET-IKKE-VIDEO: escalated and connected, outcome not video', () => {
    const planted = video(8, 300, { outcome: 'raad-og-vejledning' });
    const f = run([...night().slice(0, 8), planted]);
    expect(f.map((x) => [x.code, x.contactId])).toEqual([['ESKALERET-IKKE-VIDEO', planted.id]]);
  });

  it('R-AUDIT-1 OVERLAP: two contacts of one doctor at the same time', () => {
    const first = contact(2);
    const planted = contact(9, {
      answeredAt: iso(Date.parse(first.answeredAt) + 2 * min),
      endedAt: iso(Date.parse(first.answeredAt) + 3 * min),
      revisedAt: iso(Date.parse(first.answeredAt) + 3 * min),
    });
    const f = run([...night(), planted]);
    expect(f.map((x) => [x.code, x.contactId])).toEqual([['OVERLAP', planted.id]]);
    expect(f[0]!.text).toContain(first.id);
    // Another doctor at the same time is no overlap.
    const other = { ...planted, doctorId: '00000000-0000-4000-8000-000000000008' };
    expect(
      codes([...night(), other], { shifts: [shift, { ...shift, doctorId: other.doctorId }] }),
    ).toEqual([]);
  });

  it('R-AUDIT-1 BELASTNING-ROED: an hour at the red load threshold (rule set: 20)', () => {
    const hour = NIGHT + 2 * 60 * min;
    const busy = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        makeContact(WS, 100 + i, 1, {
          doctorId: DOCTOR,
          revisedBy: DOCTOR,
          shiftId: SHIFT,
          answeredAt: iso(hour + i * 3 * min),
          endedAt: iso(hour + i * 3 * min + 2 * min),
          revisedAt: iso(hour + i * 3 * min + 2 * min),
        }),
      );
    expect(codes(busy(19))).toEqual([]);
    const f = run(busy(20));
    expect(f.map((x) => [x.code, x.at, x.contactId])).toEqual([
      ['BELASTNING-ROED', iso(hour), null],
    ]);
    expect(f[0]!.text).toMatch(/^20 kontakter i timen fra 2025-01-06 kl\. 18:00/);
  });

  it('R-AUDIT-1 RETTET-EFTER-AFREGNING: a contact corrected after it was claimed', () => {
    const contacts = night();
    const claims = contacts.map((c) => ({ contactId: c.id, rev: 1, claimedAt: iso(NIGHT) }));
    const planted = { ...contacts[4]!, rev: 2, revisionReason: 'rettet udfald' };
    const f = run([...contacts.filter((c) => c.id !== planted.id), planted], { claims });
    expect(f.map((x) => [x.code, x.contactId])).toEqual([['RETTET-EFTER-AFREGNING', planted.id]]);
    // Without claim data the finding cannot be made (and nothing else is).
    expect(codes([planted], { claims: null })).toEqual([]);
  });

  it('R-AUDIT-1 UDEN-FOR-VAGT: a contact outside any of the doctor’s shifts', () => {
    const planted = contact(0, {
      answeredAt: iso(NIGHT - 30 * min),
      endedAt: iso(NIGHT - 26 * min),
      revisedAt: iso(NIGHT - 26 * min),
    });
    const f = run([...night().slice(1), planted]);
    expect(f.map((x) => [x.code, x.contactId])).toEqual([['UDEN-FOR-VAGT', planted.id]]);
    // Another doctor's shift does not cover it.
    expect(codes([planted], { shifts: [{ ...shift, doctorId: planted.workstationId }] })).toEqual([
      'UDEN-FOR-VAGT',
    ]);
  });

  it('R-AUDIT-1 HONORAR-AFVIGER: a stored fee that differs from the rule set', () => {
    const base = contact(5);
    const line = { ...base.lines[0]!, unitOre: 99_00, amountOre: 99_00 };
    const planted = { ...base, lines: [line] };
    const f = run([...night().filter((c) => c.id !== base.id), planted]);
    expect(f.map((x) => [x.code, x.contactId])).toEqual([['HONORAR-AFVIGER', planted.id]]);
    expect(f[0]!.text).toMatch(/Gemt honorar \(TLF-A 99,00 kr\) afviger fra regelsættets \(TLF-/);
  });

  it('R-AUDIT-1 every finding has its own id and the list is sorted', () => {
    const planted = [
      video(8, 10, { outcome: 'recept' }),
      contact(20, { answeredAt: iso(NIGHT - 60 * min), endedAt: iso(NIGHT - 59 * min) }),
    ];
    const f = run([...night().slice(0, 8), ...planted]);
    expect(f.map((x) => x.code).sort()).toEqual(
      ['ESKALERET-IKKE-VIDEO', 'UDEN-FOR-VAGT', 'VIDEO-KORT'].sort(),
    );
    expect(new Set(f.map((x) => x.id)).size).toBe(f.length);
    expect(f.map((x) => x.at)).toEqual([...f.map((x) => x.at)].sort());
  });
});
