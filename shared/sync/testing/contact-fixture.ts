// Valid `contact` sync payloads for tests of the server, the client and the bench (pure, so
// every layer may use it).
import type { Contact } from '../../contract/models';

/** Ids derived from the workstation id: unique per device, stable across runs. */
export const contactId = (workstationId: string, i: number): string =>
  `${workstationId.slice(0, 24)}${i.toString(16).padStart(12, '0')}`;

export const fixtureDoctorId = (i: number): string =>
  `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function makeContact(
  workstationId: string,
  i: number,
  rev = 1,
  overrides: Partial<Contact> = {},
): Contact {
  const answered = Date.UTC(2025, 0, 6, 16, 0, 0) + i * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const doctorId = fixtureDoctorId(i % 5);
  return {
    id: contactId(workstationId, i),
    rev,
    shiftId: contactId(workstationId, 0xffffffff),
    doctorId,
    workstationId,
    kind: 'telefon',
    answeredAt: iso(answered),
    endedAt: iso(answered + 240_000),
    video: null,
    status: 'ended',
    patient: { type: 'cpr', cpr: '0101901234' },
    group: 1,
    caller: 'self',
    reason: `Feber og hoste ${i}`,
    outcome: 'raad-og-vejledning',
    transportGranted: false,
    note: rev > 1 ? `rettet ${rev}` : '',
    band: 'A',
    vagttid: true,
    holiday: null,
    rulesId: 'ok21-national',
    lines: [
      {
        code: 'TLF-A',
        regionalCode: null,
        band: 'A',
        unitOre: 7213,
        count: 1,
        amountOre: 7213,
        decidedAt: iso(answered),
      },
    ],
    flags: ['april-2021-niveau'],
    revisedBy: doctorId,
    revisedAt: iso(answered + 240_000),
    revisionReason: null,
    ...overrides,
  };
}
