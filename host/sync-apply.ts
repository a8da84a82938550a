// Applies pulled sync items to the workstation's tables (docs/sync-protocol.md "GET /v1/pull"). Called by the
// sync client inside the transaction that also stores the new cursor, so items and cursor commit
// together or not at all.
//  - `doctor`: upserts the roster (the server owns it). A server doctor without a PIN keeps the
//    local PIN hash, or (new on this workstation) is stored with an empty hash that no PIN
//    matches: sign-in is refused with PIN_NOT_SET until the server sends one.
//  - `rules`: upserts rule_sets; the host then rebuilds its tariff for new contacts. Recorded
//    contacts keep the band and fee lines they were priced with (R-FEE-8).
//  - `shift` / `contact` / `audit` of OTHER devices go to remote_* tables (migration 005); this
//    workstation's own items coming back are skipped, so a local record is never overwritten.
import type { PulledItem } from './sync/client';
import type { DB } from './db/open';
import { q } from './db/sql';
import { normaliseRoles } from './stores/doctors';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';

export interface ApplyOutcome {
  roster: boolean;
  rules: boolean;
  remote: number;
  /** Items not applied, with why (e.g. a roster entry whose authId a local doctor already has). */
  skipped: string[];
}

/** The PIN hash stored for a doctor the server sent without a PIN: verifyPin never accepts it. */
export const NO_PIN = '';

export function applyPulledItems(
  db: DB,
  ownDeviceId: string,
  items: PulledItem[],
  nowIso: string,
): ApplyOutcome {
  const out: ApplyOutcome = { roster: false, rules: false, remote: 0, skipped: [] };
  for (const item of items) {
    switch (item.type) {
      case 'doctor': {
        const p = item.payload;
        const clash = q(db, 'SELECT id FROM doctors WHERE auth_id = ? AND id != ?').get(
          p.authId,
          p.id,
        ) as { id: string } | undefined;
        if (clash) {
          out.skipped.push(`doctor ${p.id}: authId is used by local doctor ${clash.id}`);
          continue;
        }
        const cur = q(db, 'SELECT pin_hash FROM doctors WHERE id = ?').get(p.id) as
          { pin_hash: string } | undefined;
        const roles = JSON.stringify(normaliseRoles(p.roles));
        if (!cur) {
          q(
            db,
            `INSERT INTO doctors (id, name, auth_id, roles, active, demo, pin_hash, device_id, rev,
               created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            p.id,
            p.name,
            p.authId,
            roles,
            p.active ? 1 : 0,
            p.demo ? 1 : 0,
            p.pinHash ?? NO_PIN,
            item.deviceId,
            item.rev,
            nowIso,
            nowIso,
          );
        } else {
          const pinChanged = p.pinHash !== null && p.pinHash !== cur.pin_hash;
          q(
            db,
            `UPDATE doctors SET name = ?, auth_id = ?, roles = ?, active = ?, demo = ?,
               pin_hash = COALESCE(?, pin_hash), rev = rev + 1, updated_at = ?,
               failed_pins = CASE WHEN ? THEN 0 ELSE failed_pins END,
               locked_until = CASE WHEN ? THEN NULL ELSE locked_until END
             WHERE id = ?`,
          ).run(
            p.name,
            p.authId,
            roles,
            p.active ? 1 : 0,
            p.demo ? 1 : 0,
            p.pinHash,
            nowIso,
            pinChanged ? 1 : 0,
            pinChanged ? 1 : 0,
            p.id,
          );
        }
        out.roster = true;
        break;
      }
      case 'rules': {
        // The built-in rule set is part of the program; a server copy never replaces it.
        if (item.payload.id === OK21_NATIONAL.id) continue;
        q(
          db,
          `INSERT INTO rule_sets (id, json, imported_at, imported_by) VALUES (?, ?, ?, 'sync')
           ON CONFLICT (id) DO UPDATE SET json = excluded.json, imported_at = excluded.imported_at,
             imported_by = excluded.imported_by`,
        ).run(item.payload.id, JSON.stringify(item.payload), nowIso);
        out.rules = true;
        break;
      }
      case 'contact': {
        const c = item.payload;
        if (item.deviceId === ownDeviceId || c.workstationId === ownDeviceId) continue;
        q(
          db,
          `INSERT INTO remote_contacts (id, rev, device_id, doctor_id, answered_at, state, pulled_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, device_id = excluded.device_id,
             doctor_id = excluded.doctor_id, answered_at = excluded.answered_at,
             state = excluded.state, pulled_at = excluded.pulled_at
           WHERE excluded.rev > remote_contacts.rev`,
        ).run(c.id, item.rev, item.deviceId, c.doctorId, c.answeredAt, JSON.stringify(c), nowIso);
        out.remote += 1;
        break;
      }
      case 'shift': {
        const s = item.payload;
        if (item.deviceId === ownDeviceId || s.workstationId === ownDeviceId) continue;
        q(
          db,
          `INSERT INTO remote_shifts (id, rev, device_id, doctor_id, opened_at, state, pulled_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, device_id = excluded.device_id,
             doctor_id = excluded.doctor_id, opened_at = excluded.opened_at,
             state = excluded.state, pulled_at = excluded.pulled_at
           WHERE excluded.rev > remote_shifts.rev`,
        ).run(s.id, item.rev, item.deviceId, s.doctorId, s.openedAt, JSON.stringify(s), nowIso);
        out.remote += 1;
        break;
      }
      case 'audit': {
        const a = item.payload;
        if (item.deviceId === ownDeviceId || a.deviceId === ownDeviceId) continue;
        q(
          db,
          `INSERT OR IGNORE INTO remote_audit (id, device_id, at, state, pulled_at)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(a.id, item.deviceId, a.at, JSON.stringify(a), nowIso);
        out.remote += 1;
        break;
      }
    }
  }
  return out;
}
