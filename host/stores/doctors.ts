// The local roster (R-ROLE-1). PIN hashes and lockout state never leave this module's rows.
import type { Doctor, Role } from '../../shared/contract/models';
import type { DB } from '../db/open';
import { q } from '../db/sql';

interface Row {
  id: string;
  name: string;
  auth_id: string;
  roles: string;
  active: number;
  demo: number;
  pin_hash: string;
  failed_pins: number;
  locked_until: number | null;
}

const ROLE_ORDER: Role[] = ['doctor', 'coordinator', 'supervisor'];

export function normaliseRoles(roles: Role[]): Role[] {
  return ROLE_ORDER.filter((r) => roles.includes(r));
}

function toDoctor(r: Row): Doctor {
  return {
    id: r.id,
    name: r.name,
    authId: r.auth_id,
    roles: JSON.parse(r.roles) as Role[],
    active: r.active === 1,
    demo: r.demo === 1,
  };
}

export function getDoctor(db: DB, id: string): Doctor | null {
  const r = q(db, 'SELECT * FROM doctors WHERE id = ?').get(id) as Row | undefined;
  return r ? toDoctor(r) : null;
}

export function getDoctorSecret(
  db: DB,
  id: string,
): { doctor: Doctor; pinHash: string; failedPins: number; lockedUntil: number | null } | null {
  const r = q(db, 'SELECT * FROM doctors WHERE id = ?').get(id) as Row | undefined;
  return r
    ? {
        doctor: toDoctor(r),
        pinHash: r.pin_hash,
        failedPins: r.failed_pins,
        lockedUntil: r.locked_until,
      }
    : null;
}

export function listDoctors(db: DB): Doctor[] {
  return (q(db, 'SELECT * FROM doctors ORDER BY name COLLATE NOCASE, id').all() as Row[]).map(
    toDoctor,
  );
}

export function countDoctors(db: DB): number {
  return (q(db, 'SELECT COUNT(*) AS n FROM doctors').get() as { n: number }).n;
}

export function authIdTaken(db: DB, authId: string, exceptId?: string): boolean {
  const r = q(db, 'SELECT id FROM doctors WHERE auth_id = ?').get(authId) as
    { id: string } | undefined;
  return !!r && r.id !== exceptId;
}

export function insertDoctor(
  db: DB,
  d: Doctor & { pinHash: string; deviceId: string; at: string },
): void {
  q(
    db,
    `INSERT INTO doctors (id, name, auth_id, roles, active, demo, pin_hash, device_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.name,
    d.authId,
    JSON.stringify(normaliseRoles(d.roles)),
    d.active ? 1 : 0,
    d.demo ? 1 : 0,
    d.pinHash,
    d.deviceId,
    d.at,
    d.at,
  );
}

export function updateDoctor(db: DB, d: Doctor, at: string, pinHash?: string): void {
  q(
    db,
    `UPDATE doctors SET name = ?, auth_id = ?, roles = ?, active = ?, rev = rev + 1, updated_at = ?,
       pin_hash = COALESCE(?, pin_hash) WHERE id = ?`,
  ).run(
    d.name,
    d.authId,
    JSON.stringify(normaliseRoles(d.roles)),
    d.active ? 1 : 0,
    at,
    pinHash ?? null,
    d.id,
  );
}

export function setPinState(
  db: DB,
  id: string,
  failedPins: number,
  lockedUntil: number | null,
): void {
  q(db, 'UPDATE doctors SET failed_pins = ?, locked_until = ? WHERE id = ?').run(
    failedPins,
    lockedUntil,
    id,
  );
}
