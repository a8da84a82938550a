// The phone link's contract methods (R-PHONE-1): settings and key (supervisor), refusal log,
// and the share of contacts with phone-system instants per doctor and night (load view).
import { DateTime } from 'luxon';
import type { PhoneRefusalRow, PhoneShareRow, PhoneStatus } from '../../shared/contract/phone';
import type { Contact } from '../../shared/contract/models';
import { ZONE } from '../../shared/time';
import type { HostContext } from '../context';
import { nowIso, requireRole } from '../context';
import { q } from '../db/sql';
import { writeAudit } from '../stores/audit';
import { listRefusals, newPhoneKey, readPhoneConfig, writePhoneConfig } from '../phone/store';
import type { ImplPart } from './types';

type Methods = 'phone.status' | 'phone.configure' | 'phone.refusals' | 'phone.share';

/** A night runs 16:00–08:00 (or a weekend day from 08:00): a contact before 08:00 local counts to the day before. */
export function nightOf(answeredAt: string): string {
  return DateTime.fromISO(answeredAt, { zone: ZONE }).minus({ hours: 8 }).toISODate() ?? '';
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

export function phoneMethods(ctx: HostContext): ImplPart<Methods> {
  const { db } = ctx;
  const status = (): PhoneStatus => {
    const cfg = readPhoneConfig(db, nowIso(ctx));
    const s = ctx.phone?.status() ?? {
      listening: false,
      url: null,
      lastError: null,
      rateLimited: 0,
    };
    return {
      enabled: cfg.enabled,
      listening: s.listening,
      url: s.url,
      key: cfg.key,
      port: cfg.port,
      maxSkewSeconds: cfg.maxSkewSeconds,
      maxAgeSeconds: cfg.maxAgeSeconds,
      lastError: s.lastError,
      rateLimited: s.rateLimited,
    };
  };
  return {
    'phone.status': () => {
      requireRole(ctx, 'supervisor');
      return status();
    },
    'phone.configure': async (input) => {
      const me = requireRole(ctx, 'supervisor');
      const at = nowIso(ctx);
      const cfg = readPhoneConfig(db, at);
      const next = {
        enabled: input.enabled ?? cfg.enabled,
        key: input.newKey ? newPhoneKey() : cfg.key,
        port: input.port ?? cfg.port,
        maxSkewSeconds: input.maxSkewSeconds ?? cfg.maxSkewSeconds,
        maxAgeSeconds: input.maxAgeSeconds ?? cfg.maxAgeSeconds,
      };
      db.transaction(() => {
        writePhoneConfig(db, next, at, me.id);
        // Who changed the link, never the key itself.
        writeAudit(db, {
          at,
          doctorId: me.id,
          deviceId: ctx.deviceId,
          action: 'phone.configure',
          subjectId: null,
          details: {
            enabled: next.enabled,
            newKey: input.newKey === true,
            port: next.port,
            maxSkewSeconds: next.maxSkewSeconds,
            maxAgeSeconds: next.maxAgeSeconds,
          },
        });
      })();
      await ctx.phone?.apply();
      return status();
    },
    'phone.refusals': ({ limit }) => {
      requireRole(ctx, 'supervisor');
      return listRefusals(db, limit ?? 100) as PhoneRefusalRow[];
    },
    'phone.share': ({ from, to }) => {
      requireRole(ctx, 'supervisor');
      const rows = q(
        db,
        `SELECT c.doctor_id, d.name, c.answered_at, c.source, c.first_saved_at
           FROM contacts c JOIN doctors d ON d.id = c.doctor_id
          WHERE c.answered_at >= ? AND c.answered_at < ? AND c.status != 'voided' AND c.demo = 0`,
      ).all(from, to) as Array<{
        doctor_id: string;
        name: string;
        answered_at: string;
        source: string;
        first_saved_at: string | null;
      }>;
      // Other workstations' pulled contacts count too (their first save is not synced).
      const remote = q(
        db,
        `SELECT r.doctor_id, COALESCE(d.name, r.doctor_id) AS name, r.answered_at, r.state
           FROM remote_contacts r LEFT JOIN doctors d ON d.id = r.doctor_id
          WHERE r.answered_at >= ? AND r.answered_at < ?`,
      ).all(from, to) as Array<{
        doctor_id: string;
        name: string;
        answered_at: string;
        state: string;
      }>;
      const groups = new Map<string, PhoneShareRow & { saves: number[] }>();
      const add = (
        doctorId: string,
        name: string,
        answeredAt: string,
        phone: boolean,
        save: number | null,
      ) => {
        const night = nightOf(answeredAt);
        const k = `${doctorId}|${night}`;
        let g = groups.get(k);
        if (!g) {
          g = {
            doctorId,
            name,
            night,
            contacts: 0,
            phone: 0,
            medianFirstSaveSeconds: null,
            saves: [],
          };
          groups.set(k, g);
        }
        g.contacts++;
        if (phone) g.phone++;
        if (save !== null) g.saves.push(save);
      };
      for (const r of rows) {
        const save = r.first_saved_at
          ? Math.max(
              0,
              Math.round((Date.parse(r.first_saved_at) - Date.parse(r.answered_at)) / 1000),
            )
          : null;
        add(r.doctor_id, r.name, r.answered_at, r.source === 'phone', save);
      }
      for (const r of remote) {
        const c = JSON.parse(r.state) as Contact;
        if (c.status === 'voided') continue;
        add(r.doctor_id, r.name, r.answered_at, c.source === 'phone', null);
      }
      return [...groups.values()]
        .map(({ saves, ...g }) => ({ ...g, medianFirstSaveSeconds: median(saves) }))
        .sort((a, b) => a.night.localeCompare(b.night) || a.name.localeCompare(b.name));
    },
  };
}
