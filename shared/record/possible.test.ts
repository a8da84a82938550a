// R-REC-1 at the schema level (what every door uses), and issue 12 §2: load work is bounded by
// the question, not by the record.
import { describe, expect, it } from 'vitest';
import { contactSchema } from '../contract/models';
import { payloadSchemas } from '../sync/items';
import { contactLoadRows } from '../load/cells';
import { HOUR_MS } from '../load/hours';
import { makeContact } from '../sync/testing/contact-fixture';
import { AUDIT_POISONS, CONTACT_POISONS } from './testing/poison';
import { MAX_CONTACT_MS } from './possible';

const WS = '01900000-0000-7000-8000-000000000001';

describe('R-REC-1 possible records', () => {
  it('R-REC-1: the fixture contacts are possible (so the poisons below test one thing each)', () => {
    for (let i = 0; i < 200; i++)
      expect(contactSchema.safeParse(makeContact(WS, i)).success).toBe(true);
  });

  it.each(CONTACT_POISONS.map((p) => [p.name, p] as const))(
    'R-REC-1: contact "%s" is refused with a reason',
    (_n, p) => {
      const r = payloadSchemas.contact.safeParse(p.make(makeContact(WS, 7)));
      expect(r.success).toBe(false);
      // A meaning problem names its reason code; a shape problem keeps zod's code.
      const i = r.error!.issues[0]!;
      if (i.code === 'custom') expect((i.params as { reason: string }).reason).toMatch(/^[A-Z_]+$/);
    },
  );

  it.each(AUDIT_POISONS.map((p) => [p.name, p] as const))(
    'R-REC-1: audit "%s" is refused without a stack overflow',
    (_n, p) => {
      const base = {
        id: WS,
        at: '2025-01-06T16:00:00.000Z',
        doctorId: null,
        deviceId: WS,
        action: 'sign-in',
        subjectId: null,
        details: {},
      };
      expect(payloadSchemas.audit.safeParse(base).success).toBe(true);
      expect(payloadSchemas.audit.safeParse(p.make(base)).success).toBe(false);
    },
  );

  it('R-REC-1: a handed-over video may run on after the call; the 24 h bound still holds', () => {
    const c = makeContact(WS, 3);
    const other = '00000000-0000-4000-8000-0000000000ff';
    const at = (d: number) => new Date(Date.parse(c.answeredAt) + d).toISOString();
    const video = {
      doctorId: other,
      requestedAt: at(60_000),
      connectedAt: at(600_000),
      failedAt: null,
      failReason: null,
      endedAt: at(900_000),
    };
    const handed = makeContact(WS, 3, 1, { video, endedAt: at(120_000) });
    expect(contactSchema.safeParse(handed).success).toBe(true);
    const late = { ...handed, video: { ...video, endedAt: at(MAX_CONTACT_MS + 1) } };
    expect(contactSchema.safeParse(late).success).toBe(false);
  });
});

describe('issue 12 §2: load work bounded by the question (R-LOAD-1)', () => {
  it('R-LOAD-1: a contact ending in year 9999 gives rows only for the asked window', () => {
    const c = { ...makeContact(WS, 1), endedAt: '9999-12-31T23:59:59.999Z' };
    const from = Date.parse('2025-01-06T16:00:00.000Z');
    const window = { fromMs: from, toMs: from + 3 * HOUR_MS };
    const rows = contactLoadRows(c, window);
    expect(rows.map((r) => r.hourMs)).toEqual([from, from + HOUR_MS, from + 2 * HOUR_MS]);
    expect(rows[0]!.contacts).toBe(1);
    expect(rows[1]!.talkSeconds).toBe(3600);
    // Without a window it is still bounded by a possible contact's length.
    expect(contactLoadRows(c).length).toBeLessThanOrEqual(MAX_CONTACT_MS / HOUR_MS + 2);
  });

  it('R-LOAD-1: a window after the contact gives no rows; the split seconds are unchanged inside', () => {
    const c = makeContact(WS, 1, 1, {
      answeredAt: '2025-01-06T16:50:00.000Z',
      endedAt: '2025-01-06T17:10:00.000Z',
    });
    const t = Date.parse('2025-01-06T16:00:00.000Z');
    expect(contactLoadRows(c, { fromMs: t + 5 * HOUR_MS, toMs: t + 6 * HOUR_MS })).toEqual([]);
    const inside = contactLoadRows(c, { fromMs: t + HOUR_MS, toMs: t + 2 * HOUR_MS });
    const whole = contactLoadRows(c);
    expect(inside).toEqual(whole.filter((r) => r.hourMs === t + HOUR_MS));
    expect(whole.map((r) => r.talkSeconds)).toEqual([600, 600]);
  });
});
