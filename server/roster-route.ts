// POST /v1/roster (supervisor devices): a roster change made from a console, stored and audited
// like one from the command line, with the device and the acting supervisor as "who".
import { rosterChangeSchema, type RosterChangeAnswer } from '../shared/sync/roster';
import type { RosterDoctorPayload } from '../shared/sync/items';
import type { Device } from './auth';
import { addDoctor, ReferenceError } from './reference';
import { auditAdded, setDoctorActive, setPinHash, updateDoctor } from './roster';
import type { Storage } from './store/types';

/** A refused change (400): `code` is BAD_REQUEST, UNKNOWN_DOCTOR or AUTH_ID_TAKEN. */
export class RosterChangeError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_REQUEST' | 'UNKNOWN_DOCTOR' | 'AUTH_ID_TAKEN' = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

const answer = (d: RosterDoctorPayload, changed: boolean): RosterChangeAnswer => {
  const { pinHash, ...doctor } = d;
  return { doctor: { ...doctor, pin: pinHash !== null }, changed };
};

export async function rosterChangeAnswer(
  store: Storage,
  device: Device,
  body: unknown,
): Promise<RosterChangeAnswer> {
  const p = rosterChangeSchema.safeParse(body);
  if (!p.success) {
    const issue = p.error.issues[0];
    throw new RosterChangeError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const c = p.data;
  const by = { actor: `${c.by} (enhed ${device.name})`, deviceId: device.id };
  try {
    if (c.action === 'add') {
      const d = await addDoctor(store, {
        name: c.name,
        authId: c.authId,
        roles: c.roles,
        pinHash: c.pinHash,
      });
      await auditAdded(store, d, by);
      return answer(d, true);
    }
    const r =
      c.action === 'update'
        ? await updateDoctor(
            store,
            c.doctorId,
            {
              ...(c.name !== undefined ? { name: c.name } : {}),
              ...(c.authId !== undefined ? { authId: c.authId } : {}),
              ...(c.roles !== undefined ? { roles: c.roles } : {}),
            },
            by,
          )
        : c.action === 'reset-pin'
          ? await setPinHash(store, c.doctorId, c.pinHash, by)
          : await setDoctorActive(store, c.doctorId, c.action === 'reactivate', by);
    return answer(r.doctor, r.changed);
  } catch (e) {
    if (e instanceof ReferenceError) throw new RosterChangeError(e.message, e.code ?? undefined);
    throw e;
  }
}
