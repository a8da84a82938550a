// The roster: first supervisor on an empty roster, then supervisor-only changes. A workstation
// that was never linked edits its own roster; a linked one sends every change to the sync server
// (POST /v1/roster, R-ROSTER-1) and its roster follows by the pull that comes right after: the
// server is the one truth, and nothing is edited locally (docs/decisions.md D95–D97).
import type { Doctor, Role } from '../../shared/contract/models';
import type { RosterChange, RosterChangeAnswer } from '../../shared/sync/roster';
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
import { SyncHttpError } from '../sync/transport';
import { uuidv7 } from '../uuidv7';
import { afterOutboxWrite } from './outbox-events';
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

/** What a failed POST /v1/roster means to the supervisor (Danish texts in renderer/i18n). */
export function rosterServerError(e: unknown): HostError {
  if (e instanceof HostError) return e;
  if (e instanceof SyncHttpError) {
    if (e.kind === 'auth') return new HostError('ROSTER_REFUSED', e.message);
    if (e.kind === 'request') {
      if (/^HTTP 400 UNKNOWN_DOCTOR:/.test(e.message)) {
        return new HostError('ROSTER_NOT_ON_SERVER', e.message);
      }
      if (/^HTTP 400 AUTH_ID_TAKEN:/.test(e.message)) {
        return new HostError('VALIDATION', e.message, { authId: 'AUTH_ID_TAKEN' });
      }
      return new HostError('ROSTER_REFUSED', e.message);
    }
    // The server answered 200 with something that is not the protocol's answer: it may have
    // made the change, so "nothing changed" would be untrue; the pull after it shows what it did.
    if (e.kind === 'server' && e.status === 200) return new HostError('INTERNAL', e.message);
    return new HostError('ROSTER_OFFLINE', e.message);
  }
  return new HostError('INTERNAL', e instanceof Error ? e.message : String(e));
}

type RosterInput = {
  id: string;
  name?: string | undefined;
  authId?: string | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
  pin?: string | undefined;
};

/**
 * A linked device's roster change: one request per kind of change (fields, active, PIN), then a
 * sync so the pulled revision updates the local roster. Nothing is written to the local roster
 * here: offline or refused, it stays as it was.
 */
async function changeOnServer(
  ctx: HostContext,
  by: Doctor,
  requests: RosterChange[],
): Promise<RosterChangeAnswer[]> {
  const sync = ctx.sync!;
  if (!sync.rosterChange) throw new HostError('INVALID_STATE', 'Sync cannot change the roster');
  const answers: RosterChangeAnswer[] = [];
  let failure: HostError | null = null;
  for (const r of requests) {
    try {
      answers.push(await sync.rosterChange(r));
    } catch (e) {
      failure = rosterServerError(e);
      break;
    }
  }
  if (answers.length > 0) {
    // The server holds the change; the pull brings it here (sync-apply.ts) and emits `roster`.
    await sync.syncNow().catch(() => undefined);
    writeAudit(ctx.db, {
      at: nowIso(ctx),
      doctorId: by.id,
      deviceId: ctx.deviceId,
      action: 'roster-server-change',
      subjectId: answers[0]!.doctor.id,
      details: {
        actions: requests.slice(0, answers.length).map((r) => r.action),
        changed: answers.map((a) => a.changed),
      },
    });
    afterOutboxWrite(ctx);
  }
  if (failure) throw failure;
  return answers;
}

/** The doctor as this workstation now has it (pulled), else as the server answered. */
function afterServerChange(ctx: HostContext, a: RosterChangeAnswer): Doctor {
  const { pin: _pin, ...fromServer } = a.doctor;
  return getDoctor(ctx.db, a.doctor.id) ?? fromServer;
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
    'roster.add': async (input) => {
      const by = requireRole(ctx, 'supervisor');
      if (ctx.sync?.link) {
        if (authIdTaken(db, input.authId)) {
          throw new HostError('VALIDATION', 'Autorisations-id is already on the roster', {
            authId: 'TAKEN',
          });
        }
        const [a] = await changeOnServer(ctx, by, [
          {
            action: 'add',
            by: `${by.name} (${by.authId})`,
            name: input.name,
            authId: input.authId,
            roles: normaliseRoles(input.roles),
            pinHash: hashPin(input.pin),
          },
        ]);
        return afterServerChange(ctx, a!);
      }
      const d = db.transaction(() => addDoctor(ctx, input, by.id))();
      changed();
      return d;
    },
    'roster.update': async (input) => {
      const by = requireRole(ctx, 'supervisor');
      if (ctx.sync?.link) return updateOnServer(ctx, by, input);
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

/** roster.update on a linked device: the same checks as locally, then the server. */
async function updateOnServer(ctx: HostContext, by: Doctor, input: RosterInput): Promise<Doctor> {
  const cur = getDoctor(ctx.db, input.id);
  if (!cur) throw new HostError('NOT_FOUND', 'Unknown doctor');
  if (input.authId !== undefined && authIdTaken(ctx.db, input.authId, cur.id)) {
    throw new HostError('VALIDATION', 'Autorisations-id is already on the roster', {
      authId: 'TAKEN',
    });
  }
  const roles = input.roles === undefined ? undefined : normaliseRoles(input.roles);
  if (
    cur.id === by.id &&
    (input.active === false || (roles !== undefined && !roles.includes('supervisor')))
  ) {
    throw new HostError('VALIDATION', 'You cannot remove your own supervisor access', {
      roles: 'SELF',
    });
  }
  const who = `${by.name} (${by.authId})`;
  const requests: RosterChange[] = [];
  if (input.name !== undefined || input.authId !== undefined || roles !== undefined) {
    requests.push({
      action: 'update',
      doctorId: cur.id,
      by: who,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.authId !== undefined ? { authId: input.authId } : {}),
      ...(roles !== undefined ? { roles } : {}),
    });
  }
  if (input.active !== undefined && input.active !== cur.active) {
    requests.push({
      action: input.active ? 'reactivate' : 'deactivate',
      doctorId: cur.id,
      by: who,
    });
  }
  if (input.pin !== undefined) {
    requests.push({ action: 'reset-pin', doctorId: cur.id, by: who, pinHash: hashPin(input.pin) });
  }
  if (requests.length === 0) return cur;
  const answers = await changeOnServer(ctx, by, requests);
  return afterServerChange(ctx, answers[answers.length - 1]!);
}
