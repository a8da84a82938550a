// Valid `contact` sync payloads for tests of the server, the client and the bench (pure, so
// every layer may use it).
import type { Contact } from '../../contract/models';
import { createTariff, type Tariff } from '../../tariff';

let tariff: Tariff | null = null;

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
  // Times follow an overridden answeredAt, and band and fee lines are what the built-in rule set
  // gives (unless overridden), so every fixture is a possible record (R-REC-1).
  const answered = overrides.answeredAt
    ? Date.parse(overrides.answeredAt)
    : Date.UTC(2025, 0, 6, 16, 0, 0) + i * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const doctorId = fixtureDoctorId(i % 5);
  tariff ??= createTariff();
  const priced = tariff.price({
    kind: overrides.kind ?? 'telefon',
    answeredAt: iso(answered),
    video: overrides.video ?? null,
    group: overrides.group ?? 1,
  });
  const decided = tariff.decide(answered);
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
    band: priced.band,
    vagttid: decided.vagttid,
    holiday: decided.holiday,
    rulesId: priced.rulesId,
    lines: priced.lines,
    flags: priced.flags,
    revisedBy: doctorId,
    revisedAt: iso(answered + 240_000),
    revisionReason: null,
    ...overrides,
  };
}
