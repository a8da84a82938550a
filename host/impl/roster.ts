// The local roster: first supervisor on an empty roster, then supervisor-only changes.
import type { Doctor, Role } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import type { HostContext } from '../context';
import { nowIso, requireRole } from '../context';
import { hashPin } from '../pin';
import { writeAudit } from '../stores/audit';
import {
  authIdTaken,
  countDoctors,
  getDoctor,
  insertDoctor,
  listDoctors,
  normaliseRoles,
  setPinState,
  updateDoctor,
} from '../stores/doctors';
import { uuidv7 } from '../uuidv7';
import type { ImplPart } from './types';

export function addDoctor(
  ctx: HostContext,
  input: { name: string; authId: string; pin: string; roles: Role[]; demo?: boolean },
  byDoctorId: string | null,
): Doctor {
  if (authIdTaken(ctx.db, input.authId)) {
    throw new HostError('VALIDATION', 'Autorisations-id is already on the roster', {
      authId: 'TAKEN',
    });
  }
  const d: Doctor = {
    id: uuidv7(),
    name: input.name,
    authId: input.authId,
    roles: normaliseRoles(input.roles),
    active: true,
    demo: input.demo ?? false,
  };
  const at = nowIso(ctx);
  insertDoctor(ctx.db, { ...d, pinHash: hashPin(input.pin), deviceId: ctx.deviceId, at });
  writeAudit(
    ctx.db,
    {
      at,
      doctorId: byDoctorId,
      deviceId: ctx.deviceId,
      action: 'roster-add',
      subjectId: d.id,
      details: { name: d.name, roles: d.roles },
    },
    !d.demo,
  );
  return d;
}

export function rosterMethods(
  ctx: HostContext,
): ImplPart<'setup.createFirstSupervisor' | 'roster.list' | 'roster.add' | 'roster.update'> {
  const { db } = ctx;
  const changed = () => ctx.events.emit({ type: 'roster' });
  return {
    'setup.createFirstSupervisor': (input) => {
      // The emptiness check and the insert share one transaction, so two first launches cannot both win.
      const d = db.transaction(() => {
        if (countDoctors(db) > 0) throw new HostError('ALREADY_SET_UP', 'The roster is not empty');
        return addDoctor(ctx, { ...input, roles: ['doctor', 'supervisor'] }, null);
      })();
      changed();
      return d;
    },
    'roster.list': () => listDoctors(db),
    'roster.add': (input) => {
      const by = requireRole(ctx, 'supervisor');
      const d = db.transaction(() => addDoctor(ctx, input, by.id))();
      changed();
      return d;
    },
    'roster.update': (input) => {
      const by = requireRole(ctx, 'supervisor');
      const d = db.transaction(() => {
        const cur = getDoctor(db, input.id);
        if (!cur) throw new HostError('NOT_FOUND', 'Unknown doctor');
        if (input.authId !== undefined && authIdTaken(db, input.authId, cur.id)) {
          throw new HostError('VALIDATION', 'Autorisations-id is already on the roster', {
            authId: 'TAKEN',
          });
        }
        const next: Doctor = {
          ...cur,
          name: input.name ?? cur.name,
          authId: input.authId ?? cur.authId,
          roles: normaliseRoles(input.roles ?? cur.roles),
          active: input.active ?? cur.active,
        };
        // A supervisor cannot remove their own supervision and lock the roster out.
        if (next.id === by.id && (!next.active || !next.roles.includes('supervisor'))) {
          throw new HostError('VALIDATION', 'You cannot remove your own supervisor access', {
            roles: 'SELF',
          });
        }
        const at = nowIso(ctx);
        updateDoctor(db, next, at, input.pin !== undefined ? hashPin(input.pin) : undefined);
        // A PIN reset by a supervisor also lifts a lockout.
        if (input.pin !== undefined) setPinState(db, cur.id, 0, null);
        const fields = Object.keys(input).filter((k) => k !== 'id' && k !== 'pin');
        writeAudit(db, {
          at,
          doctorId: by.id,
          deviceId: ctx.deviceId,
          action: 'roster-update',
          subjectId: cur.id,
          details: { fields, pinChanged: input.pin !== undefined },
        });
        return next;
      })();
      changed();
      return d;
    },
  };
}
