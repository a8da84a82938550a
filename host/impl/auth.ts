// Sign-in with PIN (one signed-in doctor per host) and lockout after 5 wrong PINs.
import { HostError } from '../../shared/contract/errors';
import type { HostContext } from '../context';
import { nowIso } from '../context';
import { LOCKOUT_MS, MAX_WRONG_PINS, verifyPin } from '../pin';
import { NO_PIN } from '../sync-apply';
import { writeAudit } from '../stores/audit';
import { getDoctor, getDoctorSecret, setPinState } from '../stores/doctors';
import type { ImplPart } from './types';

export function authMethods(
  ctx: HostContext,
): ImplPart<'auth.signIn' | 'auth.signOut' | 'auth.session'> {
  const { db } = ctx;
  return {
    'auth.signIn': ({ doctorId, pin }) => {
      const s = getDoctorSecret(db, doctorId);
      if (!s) throw new HostError('NOT_FOUND', 'Unknown doctor');
      if (!s.doctor.active)
        throw new HostError('FORBIDDEN', 'The doctor is not active on this roster');
      const now = ctx.clock.now();
      const at = nowIso(ctx);
      if (s.lockedUntil !== null && s.lockedUntil > now) {
        throw new HostError('LOCKED_OUT', 'Too many wrong PINs', {
          until: new Date(s.lockedUntil).toISOString(),
        });
      }
      // A doctor pulled from the sync server before a PIN was set there: no PIN can match.
      if (s.pinHash === NO_PIN) {
        throw new HostError('FORBIDDEN', 'No PIN has been set for this doctor', {
          pin: 'PIN_NOT_SET',
        });
      }
      if (!verifyPin(pin, s.pinHash)) {
        const failed = s.failedPins + 1;
        if (failed >= MAX_WRONG_PINS) {
          const until = now + LOCKOUT_MS;
          db.transaction(() => {
            setPinState(db, doctorId, 0, until);
            writeAudit(db, {
              at,
              doctorId,
              deviceId: ctx.deviceId,
              action: 'locked-out',
              subjectId: doctorId,
              details: {},
            });
          })();
          throw new HostError('LOCKED_OUT', 'Too many wrong PINs', {
            until: new Date(until).toISOString(),
          });
        }
        setPinState(db, doctorId, failed, null);
        throw new HostError('WRONG_PIN', 'Wrong PIN', {
          remaining: String(MAX_WRONG_PINS - failed),
        });
      }
      db.transaction(() => {
        setPinState(db, doctorId, 0, null);
        writeAudit(db, {
          at,
          doctorId,
          deviceId: ctx.deviceId,
          action: 'sign-in',
          subjectId: doctorId,
          details: {},
        });
      })();
      ctx.session = { doctorId, signedInAt: at };
      return { doctor: s.doctor, workstationId: ctx.deviceId, signedInAt: at };
    },
    'auth.signOut': () => {
      if (ctx.session) {
        const doctorId = ctx.session.doctorId;
        writeAudit(db, {
          at: nowIso(ctx),
          doctorId,
          deviceId: ctx.deviceId,
          action: 'sign-out',
          subjectId: doctorId,
          details: {},
        });
      }
      ctx.session = null;
      return { ok: true as const };
    },
    'auth.session': () => {
      if (!ctx.session) return null;
      const d = getDoctor(db, ctx.session.doctorId);
      if (!d || !d.active) {
        ctx.session = null;
        return null;
      }
      return { doctor: d, workstationId: ctx.deviceId, signedInAt: ctx.session.signedInAt };
    },
  };
}
