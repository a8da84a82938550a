// R-ROSTER-1: the roster managed centrally. Every change is a new revision of the doctor's
// `doctor` item (so it reaches every workstation at its next pull) plus a row in the roster
// audit: who, when, from which device. A deactivated doctor stays on the roster (records name
// them) with active: false, which a workstation refuses at sign-in.
import { randomInt, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Role } from '../shared/contract/models';
import { rosterDoctorPayloadSchema } from '../shared/sync/items';
import type { RosterDoctorPayload } from '../shared/sync/items';
import { hashPin } from './auth';
import { ReferenceError, rosterDoctors, storeReference } from './reference';
import type { RosterAuditRow, Storage } from './store/types';

/** Who made a change: the server's command line, or a supervisor device (with its doctor). */
export interface Actor {
  actor: string;
  deviceId: string | null;
}

/** The server's own command line, named with the operating-system user running it. */
export function cliActor(): Actor {
  let user = 'ukendt';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the audit still says it was the command line.
  }
  return { actor: `server CLI (os-bruger ${user})`, deviceId: null };
}

/** A roster entry as listed: never the PIN hash, only whether a PIN is set. */
export interface RosterEntry {
  id: string;
  name: string;
  authId: string;
  roles: Role[];
  active: boolean;
  pin: boolean;
}

export async function listDoctors(store: Storage): Promise<RosterEntry[]> {
  return (await rosterDoctors(store))
    .map((d) => ({
      id: d.id,
      name: d.name,
      authId: d.authId,
      roles: d.roles,
      active: d.active,
      pin: d.pinHash !== null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da') || a.id.localeCompare(b.id));
}

async function current(store: Storage, id: string): Promise<RosterDoctorPayload> {
  const d = (await rosterDoctors(store)).find((x) => x.id === id);
  if (!d)
    throw new ReferenceError(`ingen læge med id ${id} på serverens vagtplan`, 'UNKNOWN_DOCTOR');
  return d;
}

/**
 * Stores the doctor's next revision and audits it. Returns false when nothing changed (no
 * revision, no audit row). The audit row follows the committed revision: a crash between the
 * two leaves a change without its audit row, never an audit row of a change that did not happen.
 */
async function change(
  store: Storage,
  id: string,
  action: string,
  by: Actor,
  edit: (d: RosterDoctorPayload) => RosterDoctorPayload,
  details: (before: RosterDoctorPayload, after: RosterDoctorPayload) => Record<string, unknown>,
): Promise<{ doctor: RosterDoctorPayload; changed: boolean }> {
  const before = await current(store, id);
  const after = rosterDoctorPayloadSchema.parse(edit(before));
  if (JSON.stringify(after) === JSON.stringify(before)) return { doctor: before, changed: false };
  const unique = async () => {
    const taken = (await rosterDoctors(store)).find(
      (d) => d.id !== id && d.authId.toLowerCase() === after.authId.toLowerCase(),
    );
    if (taken) {
      throw new ReferenceError(
        `auth-id ${after.authId} bruges allerede af ${taken.name}`,
        'AUTH_ID_TAKEN',
      );
    }
  };
  await storeReference(store, 'doctor', id, after, unique);
  const row: RosterAuditRow = {
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: by.actor,
    deviceId: by.deviceId,
    action,
    doctorId: id,
    details: JSON.stringify(details(before, after)),
  };
  await store.rosterAudit.add(row);
  return { doctor: after, changed: true };
}

export function updateDoctor(
  store: Storage,
  id: string,
  fields: { name?: string; authId?: string; roles?: Role[] },
  by: Actor,
) {
  return change(
    store,
    id,
    'update-doctor',
    by,
    (d) => ({ ...d, ...fields }),
    (b, a) => {
      const out: Record<string, unknown> = {};
      for (const k of ['name', 'authId', 'roles'] as const) {
        if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) out[k] = { fra: b[k], til: a[k] };
      }
      return out;
    },
  );
}

export function setDoctorActive(store: Storage, id: string, active: boolean, by: Actor) {
  return change(
    store,
    id,
    active ? 'reactivate-doctor' : 'deactivate-doctor',
    by,
    (d) => ({ ...d, active }),
    () => ({ active }),
  );
}

/** A new random PIN, shown once to the operator (never taken on a command line). */
export async function resetPin(
  store: Storage,
  id: string,
  by: Actor,
): Promise<{ doctor: RosterDoctorPayload; pin: string }> {
  const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const r = await change(
    store,
    id,
    'reset-pin',
    by,
    (d) => ({ ...d, pinHash: hashPin(pin) }),
    () => ({}),
  );
  return { doctor: r.doctor, pin };
}

/** A PIN hash made on a supervisor device (POST /v1/roster): the server never sees the PIN. */
export function setPinHash(store: Storage, id: string, pinHash: string, by: Actor) {
  return change(
    store,
    id,
    'reset-pin',
    by,
    (d) => ({ ...d, pinHash }),
    () => ({}),
  );
}

/** Devices without their token hashes. */
export async function listDevices(store: Storage) {
  return (await store.allDevices()).map((d) => ({
    id: d.id,
    name: d.name,
    role: d.role,
    createdAt: d.createdAt,
    revokedAt: d.revokedAt,
  }));
}

/** Audits a doctor added on the server (add-doctor), like every other roster change. */
export async function auditAdded(store: Storage, d: RosterDoctorPayload, by: Actor): Promise<void> {
  await store.rosterAudit.add({
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: by.actor,
    deviceId: by.deviceId,
    action: 'add-doctor',
    doctorId: d.id,
    details: JSON.stringify({ name: d.name, authId: d.authId, roles: d.roles }),
  });
}
