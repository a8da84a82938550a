// Device tokens and doctor PINs. Only hashes are stored: a token is 32 random bytes shown once,
// kept as sha256 (it has full entropy, so a fast hash is enough); a PIN has little entropy, so
// it gets scrypt with a random salt.
import { createHash, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { Storage } from './store/types';

import type { DeviceRole } from './store/types';

export type { DeviceRole };
export interface Device {
  id: string;
  name: string;
  role: DeviceRole;
}

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export async function addDevice(
  store: Storage,
  opts: { name: string; role: DeviceRole; id?: string },
  now = new Date(),
): Promise<{ deviceId: string; token: string; role: DeviceRole }> {
  const deviceId = opts.id ?? randomUUID();
  if (await store.devices.exists(deviceId)) throw new DeviceExistsError(deviceId);
  const token = randomBytes(32).toString('base64url');
  await store.devices.add({
    id: deviceId,
    name: opts.name,
    role: opts.role,
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
  });
  return { deviceId, token, role: opts.role };
}

export class DeviceExistsError extends Error {
  constructor(readonly deviceId: string) {
    super(`device ${deviceId} exists`);
  }
}

export function revokeDevice(store: Storage, deviceId: string, now = new Date()): Promise<boolean> {
  return store.devices.revoke(deviceId, now.toISOString());
}

/** The device a bearer token belongs to, or null if missing, unknown or revoked. */
export async function deviceForToken(store: Storage, token: string | null): Promise<Device | null> {
  if (!token) return null;
  return store.devices.byTokenHash(hashToken(token));
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

/** `scrypt$N$r$p$salt$hash` (rosterDoctorPayloadSchema.pinHash; workstations verify it). */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
