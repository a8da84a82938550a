// The phone link end to end through its HTTP door (R-PHONE-1): what an event does, what is
// refused (and logged without CPR), idempotency, and hostile input (0 contacts, 0 crashes).
import { describe, expect, it } from 'vitest';
import { testHost, type TestHost } from '../testing';

// Wednesday 28 May 2025, CEST: 14:00Z is 16:00 local, the start of band A.
const OPENED = '2025-05-28T13:50:00.000Z';
const BEFORE_16 = '2025-05-28T13:59:50.000Z';
const AFTER_16 = '2025-05-28T14:00:20.000Z';

async function linked(opts: { auth?: string } = {}) {
  const h = testHost(OPENED);
  const sup = await h.call('setup.createFirstSupervisor', {
    name: 'Sara Sup',
    authId: opts.auth ?? 'S1AB2',
    pin: '4321',
  });
  await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
  const shift = await h.call('shift.open', {});
  const st = await h.call('phone.configure', { enabled: true, port: 0 });
  expect(st.listening).toBe(true);
  const post = (body: unknown, key: string | null = st.key, init: RequestInit = {}) =>
    fetch(st.url!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  return { h, sup, shift, st, post };
}

const answered = (over: Record<string, unknown> = {}) => ({
  type: 'answered',
  callId: 'call-1',
  answeredAt: BEFORE_16,
  agentAuthId: 'S1AB2',
  callerNumber: '+4512345678',
  ivrCpr: '010190-1234',
  queue: 'Lægevagten',
  ...over,
});

function contactCount(h: TestHost): number {
  return (h.db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
}

describe('phone link (R-PHONE-1)', () => {
  it('R-PHONE-1 answered opens a contact at the phone system instant: band and fee follow it', async () => {
    const { h, post } = await linked();
    h.clock.set(Date.parse(AFTER_16)); // the event arrives after 16:00; the answer was before
    const res = await post(answered());
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; contactId: string };
    expect(body.status).toBe('created');
    const c = await h.call('contact.current', {});
    expect(c?.id).toBe(body.contactId);
    expect(c?.answeredAt).toBe(BEFORE_16);
    expect(c?.band).toBe('DAY');
    expect(c?.lines).toEqual([]);
    expect(c?.flags).toContain('uden-for-vagttid');
    expect(c?.source).toBe('phone');
    expect(c?.patient).toEqual({ type: 'cpr', cpr: '0101901234' });
    expect(c?.phone).toMatchObject({
      callId: 'call-1',
      callerNumber: '+4512345678',
      queue: 'Lægevagten',
      ivrCpr: 'valid',
      receivedAt: AFTER_16,
    });
    // A manual call keyed at the same moment is an A call (TLF-A 7 213 øre, docs/rules.md §4).
    await h.call('contact.void', { id: c!.id, reason: 'test af manuel' });
    const manual = await h.call('contact.start', { kind: 'telefon' });
    expect(manual.source).toBe('manual');
    expect(manual.lines.map((l) => [l.code, l.amountOre])).toEqual([['TLF-A', 7213]]);
    h.close();
  });

  it('R-PHONE-1 a bad IVR CPR is shown as such and not stored as the patient', async () => {
    const { h, post } = await linked();
    h.clock.set(Date.parse(AFTER_16));
    const res = await post(answered({ ivrCpr: '320190-1234' }));
    expect(res.status).toBe(201);
    const c = await h.call('contact.current', {});
    expect(c?.patient).toBeNull();
    expect(c?.phone?.ivrCpr).toBe('invalid');
    expect(c?.phone?.ivrCprInvalid).toBe('320190-1234');
    h.close();
  });

  it('R-PHONE-1 the same call id twice is the same contact', async () => {
    const { h, post } = await linked();
    h.clock.set(Date.parse(AFTER_16));
    const a = (await (await post(answered())).json()) as { contactId: string };
    const again = await post(answered({ answeredAt: '2025-05-28T13:59:55.000Z' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'duplicate', contactId: a.contactId });
    expect(contactCount(h)).toBe(1);
    h.close();
  });

  it('R-PHONE-1 refusals create nothing, say why, and are logged without CPR', async () => {
    const { h, sup, post } = await linked();
    const cases: Array<[Record<string, unknown>, string, () => void]> = [
      [answered({ callId: 'x1', agentAuthId: 'OTHER' }), 'OTHER_DOCTOR', () => {}],
      [answered({ callId: 'x2', answeredAt: '2025-05-28T14:00:00.000Z' }), 'IN_FUTURE', () => {}],
      [answered({ callId: 'x3', answeredAt: '2025-05-28T13:40:00.000Z' }), 'TOO_OLD', () => {}],
      [
        answered({ callId: 'x4', answeredAt: '2025-05-28T13:49:00.000Z' }),
        'BEFORE_SHIFT',
        () => {},
      ],
    ];
    h.clock.set(Date.parse('2025-05-28T13:51:00.000Z'));
    for (const [ev, reason] of cases) {
      const r = await post(ev);
      expect(r.status, reason).toBe(409);
      expect(((await r.json()) as { reason: string }).reason).toBe(reason);
    }
    expect(contactCount(h)).toBe(0);
    // A second open call.
    await post(answered({ answeredAt: '2025-05-28T13:50:30.000Z' }));
    const second = await post(answered({ callId: 'x5', answeredAt: '2025-05-28T13:50:40.000Z' }));
    expect(((await second.json()) as { reason: string }).reason).toBe('CALL_ALREADY_OPEN');
    expect(contactCount(h)).toBe(1);
    // No shift, no doctor.
    const open = await h.call('contact.current', {});
    await h.call('contact.void', { id: open!.id, reason: 'test' });
    await h.call('shift.close', { shiftId: (await h.call('shift.current', {}))!.id });
    const noShift = await post(answered({ callId: 'x6', answeredAt: '2025-05-28T13:50:50.000Z' }));
    expect(((await noShift.json()) as { reason: string }).reason).toBe('NO_OPEN_SHIFT');
    await h.call('auth.signOut', {});
    const nobody = await post(answered({ callId: 'x7', answeredAt: '2025-05-28T13:50:50.000Z' }));
    expect(((await nobody.json()) as { reason: string }).reason).toBe('NOT_SIGNED_IN');
    expect(contactCount(h)).toBe(1);
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const log = await h.call('phone.refusals', {});
    expect(log.map((r) => r.reason)).toEqual([
      'NOT_SIGNED_IN',
      'NO_OPEN_SHIFT',
      'CALL_ALREADY_OPEN',
      'BEFORE_SHIFT',
      'TOO_OLD',
      'IN_FUTURE',
      'OTHER_DOCTOR',
    ]);
    const raw = JSON.stringify(h.db.prepare('SELECT * FROM phone_refusals').all());
    expect(raw).not.toMatch(/0101901234|010190-1234|12345678/);
    h.close();
  });

  it('R-PHONE-1 ended sets the end when the doctor has not; the doctor end stands otherwise', async () => {
    const { h, post } = await linked();
    h.clock.set(Date.parse(AFTER_16));
    const { contactId } = (await (await post(answered())).json()) as { contactId: string };
    const endAt = '2025-05-28T14:00:10.000Z';
    const r = await post({ type: 'ended', callId: 'call-1', endedAt: endAt });
    expect(await r.json()).toEqual({ status: 'ended', contactId });
    h.clock.set(Date.parse('2025-05-28T14:03:00.000Z'));
    await h.call('contact.update', { id: contactId, patch: { outcome: 'recept' } });
    const done = await h.call('contact.end', { id: contactId });
    expect(done.endedAt).toBe(endAt);
    const late = await post({ type: 'ended', callId: 'call-1', endedAt: endAt });
    expect(((await late.json()) as { status: string }).status).toBe('already-ended');
    const unknown = await post({ type: 'ended', callId: 'nope', endedAt: endAt });
    expect(((await unknown.json()) as { reason: string }).reason).toBe('UNKNOWN_CALL');
    // Answer → first save for the load view.
    const share = await h.call('phone.share', {
      from: '2025-05-28T00:00:00.000Z',
      to: '2025-05-29T00:00:00.000Z',
    });
    expect(share).toEqual([
      expect.objectContaining({
        night: '2025-05-28',
        contacts: 1,
        phone: 1,
        medianFirstSaveSeconds: 190,
      }),
    ]);
    h.close();
  });

  it('R-PHONE-1 hostile input: wrong key, bad JSON, bad events, oversize, flood → 0 contacts, host alive', async () => {
    const { h, st, post } = await linked();
    h.clock.set(Date.parse(AFTER_16));
    expect((await post(answered(), null)).status).toBe(401);
    expect((await post(answered(), 'x'.repeat(43))).status).toBe(401);
    // The key in the URL is not a way in.
    const inUrl = await fetch(`${st.url}?key=${st.key}`, {
      method: 'POST',
      body: JSON.stringify(answered()),
    });
    expect(inUrl.status).toBe(404);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    expect((await post(answered({ answeredAt: '2025-02-30T10:00:00Z' }))).status).toBe(400);
    expect((await post(answered({ callId: 'a b' }))).status).toBe(400);
    expect((await post(answered({ extra: 1 }))).status).toBe(400);
    expect((await post(answered({ answeredAt: '2025-05-28T13:59:50' }))).status).toBe(400);
    expect((await post({ ...answered(), type: 'hangup' })).status).toBe(400);
    expect((await post('x'.repeat(100_000)).catch(() => ({ status: 413 }))).status).toBe(413);
    const browser = await post(answered(), st.key, {
      headers: { Origin: 'http://evil.example', Authorization: `Bearer ${st.key}` },
    });
    expect(browser.status).toBe(403);
    const flood = await Promise.all(Array.from({ length: 120 }, () => post('{}')));
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(contactCount(h)).toBe(0);
    // Still serving once the bucket refills.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await post(answered())).status).toBe(201);
    expect((await h.call('phone.status', {})).rateLimited).toBeGreaterThan(0);
    h.close();
  });

  it('R-PHONE-1 the link is off until a supervisor enables it', async () => {
    const h = testHost(OPENED);
    const sup = await h.call('setup.createFirstSupervisor', {
      name: 'S',
      authId: 'S1',
      pin: '4321',
    });
    await h.call('auth.signIn', { doctorId: sup.id, pin: '4321' });
    const st = await h.call('phone.status', {});
    expect(st).toMatchObject({ enabled: false, listening: false, url: null });
    expect(st.key.length).toBeGreaterThanOrEqual(40);
    const on = await h.call('phone.configure', { enabled: true, port: 0 });
    const off = await h.call('phone.configure', { enabled: false });
    expect(off.listening).toBe(false);
    await expect(fetch(on.url!, { method: 'POST', body: '{}' })).rejects.toThrow();
    const renewed = await h.call('phone.configure', { newKey: true });
    expect(renewed.key).not.toBe(st.key);
    h.close();
  });
});

describe('correcting a phone-system instant (R-PHONE-1)', () => {
  it('R-PHONE-1 a correction of the answered instant is a revision with a reason and re-prices', async () => {
    const { h, post } = await linked();
    h.clock.set(Date.parse(AFTER_16));
    const { contactId } = (await (await post(answered())).json()) as { contactId: string };
    await h.call('contact.update', { id: contactId, patch: { outcome: 'recept' } });
    const ended = await h.call('contact.end', { id: contactId });
    expect(ended.band).toBe('DAY');
    const fixed = await h.call('contact.correct', {
      id: contactId,
      patch: {},
      answeredAt: '2025-05-28T14:00:02.000Z',
      reason: 'telefonsystemets ur gik forkert',
    });
    expect(fixed.answeredAt).toBe('2025-05-28T14:00:02.000Z');
    expect(fixed.lines.map((l) => [l.code, l.amountOre])).toEqual([['TLF-A', 7213]]);
    const hist = await h.call('contact.history', { id: contactId });
    expect(hist.at(-1)).toMatchObject({
      action: 'correct',
      reason: 'telefonsystemets ur gik forkert',
    });
    expect(hist[0]!.contact.answeredAt).toBe(BEFORE_16);
    const col = h.db.prepare('SELECT answered_at FROM contacts WHERE id = ?').get(contactId);
    expect(col).toEqual({ answered_at: '2025-05-28T14:00:02.000Z' });
    // Not before the shift, not after the end.
    for (const at of ['2025-05-28T13:40:00.000Z', '2025-05-28T14:00:30.000Z']) {
      const f = await h.fail('contact.correct', {
        id: contactId,
        patch: {},
        answeredAt: at,
        reason: 'forkert',
      });
      expect(f.code).toBe('VALIDATION');
    }
    h.close();
  });
});
