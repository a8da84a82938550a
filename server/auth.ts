// Device tokens and doctor PINs. Only hashes are stored: a token is 32 random bytes shown once,
// kept as sha256 (it has full entropy, so a fast hash is enough); a PIN has little entropy, so
// it gets scrypt with a random salt.
import { createHash, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import type { Db } from './db';

export type DeviceRole = 'workstation' | 'supervisor';
export interface Device {
  id: string;
  name: string;
  role: DeviceRole;
}

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export function addDevice(
  db: Db,
  opts: { name: string; role: DeviceRole; id?: string },
  now = new Date(),
): { deviceId: string; token: string; role: DeviceRole } {
  const deviceId = opts.id ?? randomUUID();
  const token = randomBytes(32).toString('base64url');
  db.prepare(
    'INSERT INTO devices (id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(deviceId, opts.name, opts.role, hashToken(token), now.toISOString());
  return { deviceId, token, role: opts.role };
}

export function revokeDevice(db: Db, deviceId: string, now = new Date()): boolean {
  const r = db
    .prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .run(now.toISOString(), deviceId);
  return r.changes === 1;
}

/** The device a bearer token belongs to, or null if missing, unknown or revoked. */
export function deviceForToken(db: Db, token: string | null): Device | null {
  if (!token) return null;
  const row = db
    .prepare('SELECT id, name, role FROM devices WHERE token_hash = ? AND revoked_at IS NULL')
    .get(hashToken(token)) as Device | undefined;
  return row ?? null;
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

/** `scrypt$N$r$p$salt$hash` (rosterDoctorPayloadSchema.pinHash; workstations verify it). */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
