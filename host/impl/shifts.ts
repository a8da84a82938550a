// Shifts (R-SHIFT-1): a signed-in doctor opens one; contacts belong to it; closing needs no open call.
import type { Contact, Shift, ShiftSummary } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import { contactLoadRows } from '../../shared/load/cells';
import type { HostContext } from '../context';
import { hasRole, nowIso, requireDoctor, requireRole } from '../context';
import { contactsOfShift, openContactOf } from '../stores/contacts';
import { commitShift, getShift, listShifts, openShiftOf } from '../stores/shifts';
import { uuidv7 } from '../uuidv7';
import { afterOutboxWrite } from './outbox-events';
import type { ImplPart } from './types';

export function summarise(shift: Shift, contacts: Contact[]): ShiftSummary {
  const sum = {
    contacts: 0,
    byBand: { A: 0, B: 0, C: 0, DAY: 0 },
    videoEscalations: 0,
    videoConnected: 0,
    voided: 0,
    feesOre: 0,
  };
  for (const c of contacts) {
    if (c.status === 'voided') {
      if (c.shiftId === shift.id) sum.voided += 1;
      continue;
    }
    // The load rows already split a contact between the answering and the video doctor (R-CON-5).
    for (const r of contactLoadRows(c)) {
      if (r.doctorId !== shift.doctorId) continue;
      if (r.part === 'call' && c.shiftId !== shift.id) continue;
      sum.contacts += r.contacts;
      sum.byBand[r.band] += r.contacts;
      sum.videoEscalations += r.videoEscalations;
      sum.videoConnected += r.videoConnected;
      sum.feesOre += r.feesOre;
    }
  }
  return { shift, ...sum };
}

/** shift.list returns at most this many shifts (the newest). */
export const SHIFT_LIST_MAX = 200;

export function loadShiftFor(ctx: HostContext, shiftId: string): Shift {
  const me = requireDoctor(ctx);
  const s = getShift(ctx.db, shiftId);
  if (!s) throw new HostError('NOT_FOUND', 'Unknown shift');
  if (s.doctorId !== me.id && !hasRole(me, 'supervisor'))
    throw new HostError('FORBIDDEN', 'Not your shift');
  return s;
}

export function shiftMethods(
  ctx: HostContext,
): ImplPart<'shift.open' | 'shift.close' | 'shift.current' | 'shift.summary' | 'shift.list'> {
  const { db } = ctx;
  return {
    'shift.open': () => {
      const me = requireRole(ctx, 'doctor', 'coordinator');
      const s = db.transaction(() => {
        if (openShiftOf(db, me.id))
          throw new HostError('SHIFT_ALREADY_OPEN', 'A shift is already open');
        const at = nowIso(ctx);
        const shift: Shift = {
          id: uuidv7(),
          rev: 1,
          doctorId: me.id,
          workstationId: ctx.deviceId,
          openedAt: at,
          closedAt: null,
        };
        commitShift(db, shift, 'open', me.id, at);
        return shift;
      })();
      afterOutboxWrite(ctx);
      return s;
    },
    'shift.close': ({ shiftId }) => {
      const me = requireDoctor(ctx);
      const summary = db.transaction(() => {
        const s = loadShiftFor(ctx, shiftId);
        if (s.closedAt) throw new HostError('INVALID_STATE', 'The shift is already closed');
        if (openContactOf(db, s.doctorId))
          throw new HostError('CALL_ALREADY_OPEN', 'End the open call first');
        const at = nowIso(ctx);
        const closed: Shift = { ...s, rev: s.rev + 1, closedAt: at };
        commitShift(db, closed, 'close', me.id, at);
        return summarise(closed, contactsOfShift(db, s.id));
      })();
      afterOutboxWrite(ctx);
      return summary;
    },
    'shift.current': () => {
      const me = requireDoctor(ctx);
      return openShiftOf(db, me.id);
    },
    'shift.summary': ({ shiftId }) => {
      const s = loadShiftFor(ctx, shiftId);
      return summarise(s, contactsOfShift(db, s.id));
    },
    'shift.list': ({ doctorId, from, to }) => {
      const me = requireDoctor(ctx);
      const whose = doctorId ?? me.id;
      if (whose !== me.id && !hasRole(me, 'supervisor'))
        throw new HostError('FORBIDDEN', 'Only a supervisor sees another doctor’s shifts');
      if (from && to && from > to) throw new HostError('VALIDATION', 'from must not be after to');
      // One read for the list, then each shift's figures exactly as shift.summary has them.
      return db.transaction(() =>
        listShifts(db, whose, { from, to, limit: SHIFT_LIST_MAX }).map((s) =>
          summarise(s, contactsOfShift(db, s.id)),
        ),
      )();
    },
  };
}
