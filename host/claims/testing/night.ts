// A fixed night for the claim tests (golden files): built through the host's stores with fixed
// ids so the exported bytes are the same on every run. Tuesday 4 March 2025 (CET, UTC+1):
//   15:45 dagtid (uden for vagttid)       17:30 A          19:00 A, gruppe 2
//   20:15 A, video mislykket              22:30 B, video overdraget til Dennis (forbundet 22:35)
//   23:10 B, besøgende                    02:40 C (onsdag)
import type { Contact, Patient, Shift } from '../../../shared/contract/models';
import { localToMs } from '../../../shared/time';
import type { HostContext } from '../../context';
import type { DB } from '../../db/open';
import { price } from '../../impl/pricing';
import { hashPin } from '../../pin';
import { commitRevision } from '../../stores/contacts';
import { insertDoctor } from '../../stores/doctors';
import { commitShift } from '../../stores/shifts';

export const NIGHT = {
  anne: '00000000-0000-7000-8000-00000000a001',
  dennis: '00000000-0000-7000-8000-00000000d001',
  bo: '00000000-0000-7000-8000-00000000b001',
  anneShift: '00000000-0000-7000-8000-0000000005a1',
  dennisShift: '00000000-0000-7000-8000-0000000005d1',
  claimId: '01955f00-0000-7000-8000-00000000c001',
  generatedAt: '2025-03-05T08:00:00.000Z',
  from: '2025-03-04',
  to: '2025-03-05',
  pin: '1234',
} as const;

export const contactId = (n: number) =>
  `00000000-0000-7000-8000-0000000c${String(n).padStart(4, '0')}`;

const iso = (ms: number) => new Date(ms).toISOString();
/** Local wall-clock time on 4 March 2025 (day 4) or 5 March (day 5). */
const at = (day: 4 | 5, h: number, m: number) => localToMs(2025, 3, day, h, m);

const CPR: Patient = { type: 'cpr', cpr: '0101901234' };

export function seedDoctors(db: DB, deviceId: string): void {
  const pinHash = hashPin(NIGHT.pin);
  const when = '2025-03-01T08:00:00.000Z';
  const base = { active: true, demo: false, pinHash, deviceId, at: when };
  insertDoctor(db, {
    ...base,
    id: NIGHT.anne,
    name: 'Anne Højgaard',
    authId: 'AH123',
    roles: ['doctor'],
  });
  insertDoctor(db, {
    ...base,
    id: NIGHT.dennis,
    name: 'Dennis Kjær',
    authId: 'DK456',
    roles: ['doctor', 'coordinator'],
  });
  insertDoctor(db, {
    ...base,
    id: NIGHT.bo,
    name: 'Bo Ærø',
    authId: 'BO789',
    roles: ['doctor', 'supervisor'],
  });
}

export interface NightContact {
  n: number;
  answered: number;
  ended: number;
  patient?: Patient;
  group?: 1 | 2;
  video?: { doctorId: string; requested: number; connected?: number; failed?: number };
  kind?: Contact['kind'];
}

export const NIGHT_CONTACTS: NightContact[] = [
  { n: 1, answered: at(4, 15, 45), ended: at(4, 15, 52) },
  { n: 2, answered: at(4, 17, 30), ended: at(4, 17, 36) },
  { n: 3, answered: at(4, 19, 0), ended: at(4, 19, 7), group: 2 },
  {
    n: 4,
    answered: at(4, 20, 15),
    ended: at(4, 20, 25),
    video: { doctorId: NIGHT.anne, requested: at(4, 20, 18), failed: at(4, 20, 21) },
  },
  {
    n: 5,
    answered: at(4, 22, 30),
    ended: at(4, 22, 33),
    video: { doctorId: NIGHT.dennis, requested: at(4, 22, 32), connected: at(4, 22, 35) },
  },
  {
    n: 6,
    answered: at(4, 23, 10),
    ended: at(4, 23, 14),
    patient: { type: 'visitor', birthDate: '1985-06-15', country: 'DE', letters: 'MØLR' },
  },
  { n: 7, answered: at(5, 2, 40), ended: at(5, 2, 49) },
];

/** Builds a finished contact the way the host records it (priced at recording, R-FEE-8). */
export function finishedContact(
  ctx: Pick<HostContext, 'tariff'>,
  deviceId: string,
  c: NightContact,
  doctorId = NIGHT.anne,
  shiftId = NIGHT.anneShift,
): Contact {
  const v = c.video;
  const base = {
    id: contactId(c.n),
    rev: 1,
    shiftId,
    doctorId,
    workstationId: deviceId,
    kind: c.kind ?? ('telefon' as const),
    answeredAt: iso(c.answered),
    endedAt: iso(c.ended),
    video: v
      ? {
          doctorId: v.doctorId,
          requestedAt: iso(v.requested),
          connectedAt: v.connected ? iso(v.connected) : null,
          failedAt: v.failed ? iso(v.failed) : null,
          failReason: v.failed ? 'forbindelsen mislykkedes' : null,
          endedAt: v.connected ? iso(c.ended) : null,
        }
      : null,
    status: 'ended' as const,
    patient: c.patient ?? CPR,
    group: c.group ?? (1 as const),
    caller: 'self' as const,
    reason: 'Feber',
    outcome: v ? ('video' as const) : ('raad-og-vejledning' as const),
    transportGranted: false,
    note: '',
    revisedBy: doctorId,
    revisedAt: iso(c.ended),
    revisionReason: null,
  };
  return { ...base, ...price(ctx as HostContext, base, false) };
}

/** Doctors, both shifts and the seven contacts of the night, in one transaction. */
export function seedNight(ctx: Pick<HostContext, 'tariff' | 'db' | 'deviceId'>): void {
  const { db, deviceId } = ctx;
  db.transaction(() => {
    seedDoctors(db, deviceId);
    const shift = (id: string, doctorId: string, open: number, close: number) => {
      const s: Shift = {
        id,
        rev: 1,
        doctorId,
        workstationId: deviceId,
        openedAt: iso(open),
        closedAt: null,
      };
      commitShift(db, s, 'open', doctorId, s.openedAt, false);
      commitShift(db, { ...s, rev: 2, closedAt: iso(close) }, 'close', doctorId, iso(close), false);
    };
    shift(NIGHT.anneShift, NIGHT.anne, at(4, 15, 40), at(5, 7, 55));
    shift(NIGHT.dennisShift, NIGHT.dennis, at(4, 16, 0), at(5, 8, 0));
    for (const c of NIGHT_CONTACTS) {
      const contact = finishedContact(ctx, deviceId, c);
      commitRevision(db, contact, {
        action: 'end',
        sync: false,
        videoShiftId: c.video?.doctorId === NIGHT.dennis ? NIGHT.dennisShift : null,
      });
    }
  })();
}
