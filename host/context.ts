// What every host service needs: the database, the clock, this workstation's id, the tariff
// and the signed-in doctor (one per host). Built once by createHost.
import type { Tariff } from '../shared/tariff';
import type { Doctor, Role } from '../shared/contract/models';
import { HostError } from '../shared/contract/errors';
import type { Clock } from './clock';
import type { DB } from './db/open';
import type { HostEvents } from './events';
import type { SyncController } from './sync/controller';
import type { PhoneLink } from './phone/types';
import { getDoctor } from './stores/doctors';

export interface HostContext {
  readonly db: DB;
  readonly clock: Clock;
  readonly deviceId: string;
  /** The data folder (the database, backups, sync and display settings live here). */
  readonly dataDir: string;
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  readonly events: HostEvents;
  tariff: Tariff;
  session: { doctorId: string; signedInAt: string } | null;
  /** The sync link's controller (set by createHost; absent when sync is off). */
  sync?: SyncController;
  /** The phone link (set by createHost; absent when the host runs without it). */
  phone?: PhoneLink;
}

export function nowIso(ctx: HostContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

/** The signed-in doctor, re-read so a deactivation takes effect at once. */
export function requireDoctor(ctx: HostContext): Doctor {
  if (!ctx.session) throw new HostError('NOT_SIGNED_IN', 'No doctor is signed in');
  const d = getDoctor(ctx.db, ctx.session.doctorId);
  if (!d || !d.active) {
    ctx.session = null;
    throw new HostError('NOT_SIGNED_IN', 'No doctor is signed in');
  }
  return d;
}

export function requireRole(ctx: HostContext, ...roles: Role[]): Doctor {
  const d = requireDoctor(ctx);
  if (!roles.some((r) => d.roles.includes(r))) {
    throw new HostError('FORBIDDEN', `Requires role ${roles.join(' or ')}`);
  }
  return d;
}

export function hasRole(d: Doctor, role: Role): boolean {
  return d.roles.includes(role);
}
