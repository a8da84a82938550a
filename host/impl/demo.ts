// Demo data for trying the console: four doctors (PIN 1234 for all) and a past week of night
// shifts (16:00–08:00) with contacts, busiest in the evening as in a real lægevagt. Everything is marked demo and never queued for sync.
import type { Contact, Doctor, Outcome, Shift } from '../../shared/contract/models';
import { CALLERS, OUTCOMES } from '../../shared/contract/models';
import { HostError } from '../../shared/contract/errors';
import { localToMs, ZONE } from '../../shared/time';
import { DateTime } from 'luxon';
import type { HostContext } from '../context';
import { commitRevision } from '../stores/contacts';
import { countDoctors } from '../stores/doctors';
import { commitShift } from '../stores/shifts';
import { uuidv7 } from '../uuidv7';
import { price } from './pricing';
import { addDoctor } from './roster';

export const DEMO_PIN = '1234';

export const DEMO_DOCTORS = [
  { name: 'Anne Holm (demo)', authId: 'DEMO-AH1', roles: ['doctor', 'supervisor'] as const },
  { name: 'Bo Lindberg (demo)', authId: 'DEMO-BL2', roles: ['doctor'] as const },
  { name: 'Camilla Friis (demo)', authId: 'DEMO-CF3', roles: ['doctor'] as const },
  { name: 'Dennis Kjær (demo)', authId: 'DEMO-DK4', roles: ['doctor', 'coordinator'] as const },
];

/** Small seeded PRNG (mulberry32) so the demo week looks the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fakeCpr(r: () => number): string {
  const year = 1935 + Math.floor(r() * 85);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const seventh = year >= 2000 ? 4 : Math.floor(r() * 4);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(day)}${p2(month)}${p2(year % 100)}${seventh}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
}

export function seedDemo(ctx: HostContext): { doctors: number; contacts: number } {
  const { db } = ctx;
  const r = rng(20220101);
  return db.transaction(() => {
    if (countDoctors(db) > 0) throw new HostError('ALREADY_SET_UP', 'The roster is not empty');
    const docs: Doctor[] = DEMO_DOCTORS.map((d) =>
      addDoctor(ctx, { ...d, roles: [...d.roles], pin: DEMO_PIN, demo: true }, null),
    );
    const [anne, bo, camilla, dennis] = docs as [Doctor, Doctor, Doctor, Doctor];
    const today = DateTime.fromMillis(ctx.clock.now(), { zone: ZONE }).startOf('day');
    let contacts = 0;
    for (let back = 7; back >= 1; back--) {
      const day = today.minus({ days: back });
      const start = localToMs(day.year, day.month, day.day, 16);
      const next = day.plus({ days: 1 });
      // Never past the present: demo data loaded at 03:00 stops at 03:00.
      const end = Math.min(localToMs(next.year, next.month, next.day, 8), ctx.clock.now());
      const shifts = new Map<string, Shift>();
      for (const d of docs) {
        const s: Shift = {
          id: uuidv7(start),
          rev: 1,
          doctorId: d.id,
          workstationId: ctx.deviceId,
          openedAt: iso(start),
          closedAt: null,
        };
        commitShift(db, s, 'open', d.id, s.openedAt, false);
        shifts.set(d.id, s);
      }
      for (const d of [anne, bo, camilla]) {
        const shift = shifts.get(d.id)!;
        for (let t = start + minutes(r, 2, 15); t < end;) {
          const ended = t + minutes(r, 2, 9);
          const escalate = r() < 0.12;
          const toDennis = escalate && r() < 0.5;
          const connected = escalate && r() < 0.8;
          const videoDoctor = toDennis ? dennis : d;
          const connectAt = ended - 60_000;
          const outcome: Outcome = escalate
            ? 'video'
            : OUTCOMES[Math.floor(r() * OUTCOMES.length)]!;
          const opened: Contact = withPrice(ctx, {
            id: uuidv7(t),
            rev: 1,
            shiftId: shift.id,
            doctorId: d.id,
            workstationId: ctx.deviceId,
            kind: 'telefon',
            answeredAt: iso(t),
            endedAt: null,
            video: null,
            status: 'open',
            patient: null,
            group: 1,
            caller: null,
            reason: '',
            outcome: null,
            transportGranted: false,
            note: '',
            revisedBy: d.id,
            revisedAt: iso(t),
            revisionReason: null,
          });
          commitRevision(db, opened, { action: 'create', demo: true, sync: false });
          const done: Contact = withPrice(ctx, {
            ...opened,
            rev: 2,
            endedAt: iso(ended),
            status: 'ended',
            video: escalate
              ? {
                  doctorId: videoDoctor.id,
                  requestedAt: iso(t + 60_000),
                  connectedAt: connected ? iso(connectAt) : null,
                  failedAt: connected ? null : iso(connectAt),
                  failReason: connected ? null : 'forbindelsen mislykkedes',
                  endedAt: connected ? iso(ended) : null,
                }
              : null,
            patient: { type: 'cpr', cpr: fakeCpr(r) },
            group: r() < 0.05 ? 2 : 1,
            caller: CALLERS[Math.floor(r() * CALLERS.length)]!,
            reason: 'Demo-henvendelse',
            outcome,
            transportGranted: outcome === 'konsultation' && r() < 0.3,
            note: '',
            revisedAt: iso(ended),
          });
          commitRevision(db, done, {
            action: 'end',
            demo: true,
            sync: false,
            // As contact.escalate records it: the video part belongs to its doctor's shift.
            videoShiftId: escalate ? shifts.get(videoDoctor.id)!.id : null,
          });
          contacts += 1;
          t = ended + gapAfter(r, ended);
        }
      }
      for (const s of shifts.values())
        commitShift(db, { ...s, rev: 2, closedAt: iso(end) }, 'close', s.doctorId, iso(end), false);
    }
    return { doctors: docs.length, contacts };
  })();
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Calls thin out through the night: every few minutes at 18:00, about hourly at 04:00. */
function gapAfter(r: () => number, ms: number): number {
  const hour = DateTime.fromMillis(ms, { zone: ZONE }).hour;
  if (hour >= 16 && hour < 22) return minutes(r, 1, 20);
  if (hour >= 22 || hour < 2) return minutes(r, 10, 40);
  return minutes(r, 25, 90);
}

function minutes(r: () => number, min: number, max: number): number {
  return Math.round((min + r() * (max - min)) * 60_000);
}

function withPrice(
  ctx: HostContext,
  c: Contact | Omit<Contact, 'band' | 'vagttid' | 'holiday' | 'rulesId' | 'lines' | 'flags'>,
): Contact {
  return { ...c, ...price(ctx, c, false) } as Contact;
}
