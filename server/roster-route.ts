// POST /v1/roster (supervisor devices): a roster change made from a console, stored and audited
// like one from the command line, with the device and the acting supervisor as "who".
import { rosterChangeSchema } from '../shared/sync/roster';
import type { Device } from './auth';
import { ReferenceError } from './reference';
import { setDoctorActive, updateDoctor } from './roster';
import type { Storage } from './store/types';

export class RosterChangeError extends Error {}

export async function rosterChangeAnswer(store: Storage, device: Device, body: unknown) {
  const p = rosterChangeSchema.safeParse(body);
  if (!p.success) {
    const issue = p.error.issues[0];
    throw new RosterChangeError(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const c = p.data;
  const by = { actor: `${c.by} (enhed ${device.name})`, deviceId: device.id };
  try {
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
        : await setDoctorActive(store, c.doctorId, c.action === 'reactivate', by);
    const { pinHash, ...doctor } = r.doctor;
    return { doctor: { ...doctor, pin: pinHash !== null }, changed: r.changed };
  } catch (e) {
    if (e instanceof ReferenceError) throw new RosterChangeError(e.message);
    throw e;
  }
}
