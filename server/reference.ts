// Roster and rule sets: the reference data the server owns and every device pulls. Stored in
// the same item log as pushed records (device 'server'), so one cursor covers everything.
import { randomUUID } from 'node:crypto';
import { contentHash } from './content-hash';
import { rosterDoctorPayloadSchema } from '../shared/sync/items';
import type { RosterDoctorPayload } from '../shared/sync/items';
import { ruleSetSchema } from '../shared/rules/schema';
import type { RuleSet } from '../shared/rules/schema';
import type { Role } from '../shared/contract/models';
import { hashPin } from './auth';
import type { Storage } from './store/types';

export const SERVER_DEVICE = 'server';

/** A refusal an operator can act on (the command line shows it as a usage error). */
export class ReferenceError extends Error {
  constructor(
    message: string,
    /** For POST /v1/roster's error code. */
    readonly code: 'UNKNOWN_DOCTOR' | 'AUTH_ID_TAKEN' | null = null,
  ) {
    super(message);
  }
}

/** Stores a new revision of a server-owned item unless its content is unchanged. */
export function storeReference(
  store: Storage,
  type: 'doctor' | 'rules',
  id: string,
  payload: unknown,
  check?: () => Promise<void>,
): Promise<number> {
  const canonical = JSON.stringify(payload);
  const hash = contentHash(canonical);
  return store.items.write(async (tx) => {
    // Inside the serialised write, so two admins adding the same doctor cannot both pass.
    await check?.();
    const revs = await tx.revisions([id]);
    const head = revs.reduce<(typeof revs)[number] | undefined>(
      (a, r) => (a && a.rev > r.rev ? a : r),
      undefined,
    );
    if (head && head.type !== type) {
      throw new ReferenceError(`id ${id} bruges allerede af en ${head.type}`);
    }
    if (head && head.hash === hash) return head.rev;
    const rev = head ? head.rev + 1 : 1;
    await tx.insert([
      {
        id,
        type,
        rev,
        deviceId: SERVER_DEVICE,
        payload: canonical,
        hash,
        storedAt: new Date().toISOString(),
      },
    ]);
    return rev;
  });
}

/** Latest revision of every roster doctor. */
export async function rosterDoctors(store: Storage): Promise<RosterDoctorPayload[]> {
  return (await store.items.latestOfType('doctor')).map(
    (p) => JSON.parse(p) as RosterDoctorPayload,
  );
}

export async function addDoctor(
  store: Storage,
  opts: {
    name: string;
    authId: string;
    roles: Role[];
    pin?: string;
    /** A PIN already hashed (a supervisor device's POST /v1/roster sends no PIN, only this). */
    pinHash?: string;
    id?: string;
  },
): Promise<RosterDoctorPayload> {
  const doctor = rosterDoctorPayloadSchema.parse({
    id: opts.id ?? randomUUID(),
    name: opts.name,
    authId: opts.authId,
    roles: opts.roles,
    active: true,
    demo: false,
    pinHash: opts.pinHash ?? (opts.pin === undefined ? null : hashPin(opts.pin)),
  });
  // The auth id is how a doctor signs in: two doctors with one would be ambiguous.
  const unique = async () => {
    const taken = (await rosterDoctors(store)).find(
      (d) => d.id !== doctor.id && d.authId.toLowerCase() === doctor.authId.toLowerCase(),
    );
    if (taken) {
      throw new ReferenceError(
        `auth-id ${doctor.authId} bruges allerede af ${taken.name}`,
        'AUTH_ID_TAKEN',
      );
    }
  };
  await storeReference(store, 'doctor', doctor.id, doctor, unique);
  return doctor;
}

export async function setRules(
  store: Storage,
  input: unknown,
): Promise<{ id: string; rev: number }> {
  const rules: RuleSet = ruleSetSchema.parse(input);
  return { id: rules.id, rev: await storeReference(store, 'rules', rules.id, rules) };
}

/** Latest doctor names by id, for the load report. */
export async function doctorNames(store: Storage): Promise<Map<string, string>> {
  return new Map((await rosterDoctors(store)).map((d) => [d.id, d.name]));
}
