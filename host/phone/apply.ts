// What one phone event does (R-PHONE-1). `answered` for the doctor signed in here, with an open
// shift, opens a telephone contact at the phone system's instant; `ended` records the phone
// system's end of the call on the open contact. Anything else is refused with a reason, logged
// (no CPR, no caller number) and creates nothing. The same call id twice is the same contact.
import type { Contact } from '../../shared/contract/models';
import { parseCpr } from '../../shared/cpr';
import type {
  AnsweredEvent,
  EndedEvent,
  PhoneEvent,
  PhoneRefusal,
  PhoneReply,
} from '../../shared/phone/events';
import type { HostContext } from '../context';
import { getContact, commitRevision, openContactOf, saveWorkingState } from '../stores/contacts';
import { getDoctor } from '../stores/doctors';
import { openShiftOf } from '../stores/shifts';
import { afterOutboxWrite } from '../impl/outbox-events';
import { price } from '../impl/pricing';
import { localToday } from '../impl/validate';
import { uuidv7 } from '../uuidv7';
import { contactIdOfCall, logRefusal, markPhoneContact, readPhoneConfig } from './store';

/** Log text per refusal (the console shows the Danish text from renderer/i18n). */
const MESSAGES: Record<PhoneRefusal, string> = {
  NOT_SIGNED_IN: 'No doctor is signed in on this workstation',
  OTHER_DOCTOR: 'The call is for another doctor than the one signed in',
  NO_OPEN_SHIFT: 'The doctor has no open shift',
  IN_FUTURE: 'The instant is in the future beyond the allowed clock skew',
  TOO_OLD: 'The instant is older than the allowed age',
  BEFORE_SHIFT: 'The call was answered before the shift opened',
  CALL_ALREADY_OPEN: 'The doctor already has an open call',
  UNKNOWN_CALL: 'No contact was opened for this call id',
  ENDED_BEFORE_ANSWERED: 'The call ended before it was answered',
  MALFORMED: 'The event is not valid',
  UNAUTHORIZED: 'Wrong or missing key',
  TOO_LARGE: 'The request body is too large',
};

export function refusalMessage(reason: PhoneRefusal): string {
  return MESSAGES[reason];
}

class Refused extends Error {
  constructor(readonly reason: PhoneRefusal) {
    super(MESSAGES[reason]);
  }
}

/** Logs and announces a refusal; returns the reply for the connector. */
export function refuse(
  ctx: HostContext,
  reason: PhoneRefusal,
  ev: { type?: unknown; callId?: unknown; agentAuthId?: unknown } | null,
): PhoneReply {
  const at = new Date(ctx.clock.now()).toISOString();
  const str = (v: unknown, max: number) =>
    typeof v === 'string' && v.length <= max && /^[\x20-\x7e]*$/.test(v) ? v : null;
  const callId = str(ev?.callId, 100);
  try {
    logRefusal(ctx.db, {
      at,
      eventType: ev?.type === 'answered' || ev?.type === 'ended' ? ev.type : null,
      callId,
      agentAuthId: str(ev?.agentAuthId, 20),
      reason,
    });
  } catch (err) {
    console.error('[phone] could not log a refusal:', err);
  }
  ctx.events.emit({ type: 'phoneRefused', reason, at, callId });
  return { status: 'refused', reason, message: MESSAGES[reason] };
}

function ivrCheck(
  ivr: string | null | undefined,
  todayLocal: string,
): Pick<NonNullable<Contact['phone']>, 'ivrCpr' | 'ivrCprInvalid'> & { cpr: string | null } {
  if (!ivr) return { ivrCpr: 'none', ivrCprInvalid: null, cpr: null };
  const r = parseCpr(ivr, todayLocal);
  if (r.ok) return { ivrCpr: 'valid', ivrCprInvalid: null, cpr: r.cpr };
  return { ivrCpr: 'invalid', ivrCprInvalid: ivr.slice(0, 11), cpr: null };
}

function answered(ctx: HostContext, e: AnsweredEvent): PhoneReply {
  const { db } = ctx;
  const now = ctx.clock.now();
  const cfg = readPhoneConfig(db, new Date(now).toISOString());
  const existing = contactIdOfCall(db, e.callId);
  if (existing) return { status: 'duplicate', contactId: existing };
  if (!ctx.session) throw new Refused('NOT_SIGNED_IN');
  const me = getDoctor(db, ctx.session.doctorId);
  if (!me || !me.active) throw new Refused('NOT_SIGNED_IN');
  if (me.authId.trim().toUpperCase() !== e.agentAuthId.trim().toUpperCase())
    throw new Refused('OTHER_DOCTOR');
  const at = Date.parse(e.answeredAt);
  if (at > now + cfg.maxSkewSeconds * 1000) throw new Refused('IN_FUTURE');
  if (at < now - cfg.maxAgeSeconds * 1000) throw new Refused('TOO_OLD');
  const shift = openShiftOf(db, me.id);
  if (!shift) throw new Refused('NO_OPEN_SHIFT');
  if (at < Date.parse(shift.openedAt)) throw new Refused('BEFORE_SHIFT');
  if (openContactOf(db, me.id)) throw new Refused('CALL_ALREADY_OPEN');
  const answeredAt = new Date(at).toISOString();
  const nowIso = new Date(now).toISOString();
  const ivr = ivrCheck(e.ivrCpr, localToday(now));
  const base = {
    id: uuidv7(),
    rev: 1,
    shiftId: shift.id,
    doctorId: me.id,
    workstationId: ctx.deviceId,
    kind: 'telefon' as const,
    answeredAt,
    endedAt: null,
    video: null,
    status: 'open' as const,
    patient: ivr.cpr ? { type: 'cpr' as const, cpr: ivr.cpr } : null,
    group: 1 as const,
    caller: null,
    reason: '',
    outcome: null,
    transportGranted: false,
    note: '',
    revisedBy: me.id,
    revisedAt: nowIso,
    revisionReason: 'telefonsystem',
    source: 'phone' as const,
    phone: {
      callId: e.callId,
      callerNumber: e.callerNumber ?? null,
      queue: e.queue ?? null,
      ivrCpr: ivr.ivrCpr,
      ivrCprInvalid: ivr.ivrCprInvalid,
      receivedAt: nowIso,
      endedAt: null,
    },
  };
  const contact: Contact = { ...base, ...price(ctx, base, false) };
  commitRevision(db, contact, { action: 'create' });
  markPhoneContact(db, contact.id, e.callId);
  return { status: 'created', contactId: contact.id };
}

function ended(ctx: HostContext, e: EndedEvent): PhoneReply {
  const { db } = ctx;
  const now = ctx.clock.now();
  const cfg = readPhoneConfig(db, new Date(now).toISOString());
  const id = contactIdOfCall(db, e.callId);
  if (!id) throw new Refused('UNKNOWN_CALL');
  const c = getContact(db, id)!;
  const at = Date.parse(e.endedAt);
  if (at > now + cfg.maxSkewSeconds * 1000) throw new Refused('IN_FUTURE');
  if (at < Date.parse(c.answeredAt)) throw new Refused('ENDED_BEFORE_ANSWERED');
  // The doctor's own end stands; a repeated `ended` changes nothing.
  if (c.status !== 'open' || !c.phone || c.phone.endedAt)
    return { status: 'already-ended', contactId: id };
  saveWorkingState(db, { ...c, phone: { ...c.phone, endedAt: new Date(at).toISOString() } });
  return { status: 'ended', contactId: id };
}

/** Applies one validated event in one transaction; a refusal writes only its log row. */
export function applyPhoneEvent(ctx: HostContext, e: PhoneEvent): PhoneReply {
  let reply: PhoneReply;
  try {
    reply = ctx.db.transaction(() => (e.type === 'answered' ? answered(ctx, e) : ended(ctx, e)))();
  } catch (err) {
    if (err instanceof Refused) return refuse(ctx, err.reason, e);
    throw err;
  }
  if (reply.status === 'created') afterOutboxWrite(ctx);
  if (reply.status === 'created' || reply.status === 'ended')
    ctx.events.emit({
      type: 'phone',
      contactId: reply.contactId,
      status: reply.status,
      contact:
        reply.status === 'created' ? (getContact(ctx.db, reply.contactId) ?? undefined) : undefined,
    });
  return reply;
}
