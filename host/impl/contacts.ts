// Contacts (docs/rules.md §3): start, autosave, video escalation and hand-over, end, correction, void.
// Instants come from the host clock. Each committed step is one transaction that writes the
// revision, its outbox item and the load cells together (R-REV-1, docs/sync-protocol.md).
import type { Contact, ContactFields, Doctor, Video } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import { MAX_CONTACT_MS } from '../../shared/record/possible';
import type { HostContext } from '../context';
import { hasRole, nowIso, requireDoctor, requireRole } from '../context';
import {
  commitRevision,
  contactsOfShift,
  getContact,
  openContactOf,
  revisionsOf,
  saveWorkingState,
  videoShiftIdOf,
  type RevisionAction,
} from '../stores/contacts';
import { getDoctorSecret } from '../stores/doctors';
import { getShift, openShiftOf } from '../stores/shifts';
import { uuidv7 } from '../uuidv7';
import { afterOutboxWrite } from './outbox-events';
import { price } from './pricing';
import { loadShiftFor } from './shifts';
import type { ImplPart } from './types';
import { validateForEnd } from './validate';
import {
  checkedAnsweredAt,
  endInstant,
  markFirstSave,
  setAnsweredAtColumn,
} from '../phone/contact';

type Methods =
  | 'contact.start'
  | 'contact.update'
  | 'contact.escalate'
  | 'contact.videoConnected'
  | 'contact.videoFailed'
  | 'contact.videoEnded'
  | 'contact.end'
  | 'contact.correct'
  | 'contact.void'
  | 'contact.get'
  | 'contact.current'
  | 'contact.listByShift'
  | 'contact.history';

function mustGet(ctx: HostContext, id: string): Contact {
  const c = getContact(ctx.db, id);
  if (!c) throw new HostError('NOT_FOUND', 'Unknown contact');
  return c;
}

function canSee(me: Doctor, c: Contact): boolean {
  return c.doctorId === me.id || c.video?.doctorId === me.id || hasRole(me, 'supervisor');
}

function mergeFields(c: Contact, patch: Partial<ContactFields>): Contact {
  const next = { ...c };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (next as Record<string, unknown>)[k] = v;
  }
  return next;
}

export function contactMethods(ctx: HostContext): ImplPart<Methods> {
  const { db } = ctx;

  /** Commits the next revision of `c` in its own transaction; the caller has checked the rules. */
  function commit(
    prev: Contact,
    next: Contact,
    action: RevisionAction,
    by: Doctor,
    reason: string | null,
    opts: { keepRules: boolean; videoShiftId?: string | null } = { keepRules: true },
  ): Contact {
    const priced = { ...next, ...price(ctx, next, opts.keepRules) };
    const c: Contact = {
      ...priced,
      rev: prev.rev + 1,
      revisedBy: by.id,
      revisedAt: nowIso(ctx),
      revisionReason: reason,
    };
    commitRevision(db, c, { action, videoShiftId: opts.videoShiftId ?? null });
    return c;
  }

  /** Re-reads the contact inside the transaction so checks and write see the same state. */
  function step(id: string, fn: (c: Contact) => Contact): Contact {
    const out = db.transaction(() => fn(mustGet(ctx, id)))();
    afterOutboxWrite(ctx);
    return out;
  }

  /**
   * D30: the instant of a step on a contact, at most MAX_CONTACT_MS after it was answered. A
   * call left open past that (a forgotten call) is recorded as lasting the longest possible.
   */
  function stepAt(c: Contact): string {
    const limit = Date.parse(c.answeredAt) + MAX_CONTACT_MS;
    return new Date(Math.min(ctx.clock.now(), limit)).toISOString();
  }

  function ownOpen(me: Doctor, c: Contact): void {
    if (c.doctorId !== me.id) throw new HostError('FORBIDDEN', 'Not your call');
    if (c.status !== 'open') throw new HostError('INVALID_STATE', 'The call is not open');
  }

  /** The shift a handed-over video belongs to: fixed when first known (the taker may open it late). */
  function videoShift(c: Contact, v: Video): string | null {
    return videoShiftIdOf(db, c.id) ?? openShiftOf(db, v.doctorId)?.id ?? null;
  }

  /** Video steps may be taken by the doctor who owns the video part or the answering doctor. */
  function videoStep(me: Doctor, c: Contact): Video {
    if (c.status === 'voided') throw new HostError('INVALID_STATE', 'The contact is voided');
    if (!c.video) throw new HostError('INVALID_STATE', 'No video on this contact');
    if (c.video.doctorId !== me.id && c.doctorId !== me.id)
      throw new HostError('FORBIDDEN', 'Not your video');
    return c.video;
  }

  function videoTaker(me: Doctor, toDoctorId: string | undefined): string {
    if (!toDoctorId || toDoctorId === me.id) return me.id;
    const t = getDoctorSecret(db, toDoctorId);
    if (!t) throw new HostError('NOT_FOUND', 'Unknown doctor');
    // R-CON-5: hand-over goes to a coordinator who can sign in now.
    if (!t.doctor.active || !t.doctor.roles.includes('coordinator')) {
      throw new HostError('VALIDATION', 'Video can only be handed to an active coordinator', {
        toDoctorId: 'NOT_COORDINATOR',
      });
    }
    if (t.lockedUntil !== null && t.lockedUntil > ctx.clock.now()) {
      throw new HostError('VALIDATION', 'The coordinator is locked out', {
        toDoctorId: 'LOCKED_OUT',
      });
    }
    return t.doctor.id;
  }

  return {
    'contact.start': ({ kind }) => {
      const me = requireRole(ctx, 'doctor', 'coordinator');
      const c = db.transaction(() => {
        const shift = openShiftOf(db, me.id);
        if (!shift) throw new HostError('NO_OPEN_SHIFT', 'Open a shift first');
        if (openContactOf(db, me.id))
          throw new HostError('CALL_ALREADY_OPEN', 'A call is already open');
        const at = nowIso(ctx);
        const base = {
          id: uuidv7(),
          rev: 1,
          shiftId: shift.id,
          doctorId: me.id,
          workstationId: ctx.deviceId,
          kind,
          answeredAt: at,
          endedAt: null,
          video:
            kind === 'video-forvisiteret'
              ? {
                  doctorId: me.id,
                  requestedAt: at,
                  connectedAt: null,
                  failedAt: null,
                  failReason: null,
                  endedAt: null,
                }
              : null,
          status: 'open' as const,
          patient: null,
          group: 1 as const,
          caller: null,
          reason: '',
          outcome: null,
          transportGranted: false,
          note: '',
          revisedBy: me.id,
          revisedAt: at,
          revisionReason: null,
          source: 'manual' as const,
        };
        const contact: Contact = { ...base, ...price(ctx, base, false) };
        commitRevision(db, contact, {
          action: 'create',
          videoShiftId: kind === 'video-forvisiteret' ? shift.id : null,
        });
        return contact;
      })();
      afterOutboxWrite(ctx);
      return c;
    },

    'contact.update': ({ id, patch }) => {
      const me = requireDoctor(ctx);
      return db.transaction(() => {
        const c = mustGet(ctx, id);
        ownOpen(me, c);
        const merged = mergeFields(c, patch);
        const next: Contact = { ...merged, ...price(ctx, merged, true) };
        saveWorkingState(db, next);
        markFirstSave(db, id, nowIso(ctx));
        return next;
      })();
    },

    'contact.escalate': ({ id, toDoctorId }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        ownOpen(me, c);
        if (c.kind !== 'telefon')
          throw new HostError('INVALID_STATE', 'Only a telephone contact is escalated');
        if (c.video && c.video.failedAt === null)
          throw new HostError('INVALID_STATE', 'Video is already requested');
        const taker = videoTaker(me, toDoctorId);
        const at = stepAt(c);
        const video: Video = {
          doctorId: taker,
          requestedAt: at,
          connectedAt: null,
          failedAt: null,
          failReason: null,
          endedAt: null,
        };
        const videoShiftId = openShiftOf(db, taker)?.id ?? null;
        const reason = taker === me.id ? 'video anmodet' : 'video overdraget';
        return commit(c, { ...c, video }, 'save', me, reason, { keepRules: true, videoShiftId });
      });
    },

    'contact.videoConnected': ({ id }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        const v = videoStep(me, c);
        if (v.connectedAt || v.failedAt)
          throw new HostError('INVALID_STATE', 'The video has already connected or failed');
        return commit(
          c,
          { ...c, video: { ...v, connectedAt: stepAt(c) } },
          'save',
          me,
          'video forbundet',
          { keepRules: true, videoShiftId: videoShift(c, v) },
        );
      });
    },

    'contact.videoFailed': ({ id, reason }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        const v = videoStep(me, c);
        if (v.connectedAt || v.failedAt)
          throw new HostError('INVALID_STATE', 'The video has already connected or failed');
        // R-CON-2: a failed escalation leaves a telephone contact (priced without video).
        return commit(
          c,
          { ...c, video: { ...v, failedAt: stepAt(c), failReason: reason } },
          'save',
          me,
          `video mislykket: ${reason}`,
        );
      });
    },

    'contact.videoEnded': ({ id }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        const v = videoStep(me, c);
        if (!v.connectedAt || v.endedAt)
          throw new HostError('INVALID_STATE', 'The video is not connected');
        return commit(
          c,
          { ...c, video: { ...v, endedAt: stepAt(c) } },
          'save',
          me,
          'video afsluttet',
          { keepRules: true, videoShiftId: videoShift(c, v) },
        );
      });
    },

    'contact.end': ({ id }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        ownOpen(me, c);
        const now = ctx.clock.now();
        validateForEnd(c, now);
        // The phone system's end where it has one; never past the 24 h a contact may last.
        const at = endInstant(c, Math.min(now, Date.parse(c.answeredAt) + MAX_CONTACT_MS));
        let video = c.video;
        // Ending the call ends the doctor's own connected video; a handed-over video runs on.
        if (video && video.doctorId === me.id && video.connectedAt && !video.endedAt)
          video = { ...video, endedAt: at };
        return commit(c, { ...c, video, endedAt: at, status: 'ended' }, 'end', me, null);
      });
    },

    'contact.correct': ({ id, patch, reason, answeredAt }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        if (c.doctorId !== me.id && !hasRole(me, 'supervisor'))
          throw new HostError('FORBIDDEN', 'Not your contact');
        if (c.status !== 'ended')
          throw new HostError('INVALID_STATE', 'Only an ended contact is corrected');
        const next = mergeFields(c, patch);
        if (answeredAt !== undefined)
          next.answeredAt = checkedAnsweredAt(c, answeredAt, getShift(db, c.shiftId)?.openedAt);
        validateForEnd(next, ctx.clock.now());
        const out = commit(c, next, 'correct', me, reason);
        if (out.answeredAt !== c.answeredAt) setAnsweredAtColumn(db, out);
        return out;
      });
    },

    'contact.void': ({ id, reason }) => {
      const me = requireDoctor(ctx);
      return step(id, (c) => {
        if (c.doctorId !== me.id && !hasRole(me, 'supervisor'))
          throw new HostError('FORBIDDEN', 'Not your contact');
        if (c.status === 'voided')
          throw new HostError('INVALID_STATE', 'The contact is already voided');
        return commit(
          c,
          { ...c, status: 'voided', endedAt: c.endedAt ?? stepAt(c) },
          'void',
          me,
          reason,
        );
      });
    },

    'contact.get': ({ id }) => {
      const me = requireDoctor(ctx);
      const c = mustGet(ctx, id);
      if (!canSee(me, c)) throw new HostError('FORBIDDEN', 'Not your contact');
      return c;
    },

    'contact.current': () => openContactOf(db, requireDoctor(ctx).id),

    'contact.listByShift': ({ shiftId }) => {
      const s = loadShiftFor(ctx, shiftId);
      return contactsOfShift(db, s.id);
    },

    'contact.history': ({ id }) => {
      const me = requireDoctor(ctx);
      const c = mustGet(ctx, id);
      if (!canSee(me, c)) throw new HostError('FORBIDDEN', 'Not your contact');
      return revisionsOf(db, id);
    },
  };
}
