// R-CLAIM-3 as a property: however a period is split into consecutive claims, with corrections
// and voids made between them, the claims add up to the claim of the whole period made once at
// the end (reversal lines included), per doctor, per service code and band, and in total.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Claim } from '../../shared/claims/model';
import type { Contact, Shift } from '../../shared/contract/models';
import { localToMs } from '../../shared/time';
import { price } from '../impl/pricing';
import type { HostContext } from '../context';
import { commitRevision, getContact } from '../stores/contacts';
import { insertDoctor } from '../stores/doctors';
import { commitShift } from '../stores/shifts';
import { HostError } from '../../shared/contract/errors';
import { commitClaim } from './service';
import { NIGHT, contactId, finishedContact } from './testing/night';
import { testHost } from './testing/host';

// Seven days across the change to summer time (Sunday 30 March 2025).
const DAYS = [
  '2025-03-27',
  '2025-03-28',
  '2025-03-29',
  '2025-03-30',
  '2025-03-31',
  '2025-04-01',
  '2025-04-02',
];
const VIDEO = ['none', 'own', 'handed', 'failed', 'handed-failed'] as const;

interface Gen {
  day: number;
  minute: number;
  group: 1 | 2;
  video: (typeof VIDEO)[number];
  prebooked: boolean;
}
interface Mutation {
  contact: number;
  kind: 'void' | 'group' | 'patient' | 'note';
  /** Made before the claim with this index (so always before the last claim). */
  before: number;
}

const genContact = fc.record({
  day: fc.integer({ min: 0, max: DAYS.length - 1 }),
  minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  group: fc.constantFrom<1 | 2>(1, 1, 1, 2),
  video: fc.constantFrom(...VIDEO),
  prebooked: fc.boolean(),
});

function seed(ctx: HostContext, contacts: Gen[]): void {
  const { db, deviceId } = ctx;
  db.transaction(() => {
    const base = {
      active: true,
      demo: false,
      pinHash: 'x',
      deviceId,
      at: '2025-03-01T00:00:00.000Z',
    };
    insertDoctor(db, { ...base, id: NIGHT.anne, name: 'Anne', authId: 'A1', roles: ['doctor'] });
    insertDoctor(db, {
      ...base,
      id: NIGHT.dennis,
      name: 'Dennis',
      authId: 'D1',
      roles: ['doctor', 'coordinator'],
    });
    for (const [id, doctorId] of [
      [NIGHT.anneShift, NIGHT.anne],
      [NIGHT.dennisShift, NIGHT.dennis],
    ] as const) {
      const s: Shift = {
        id,
        rev: 1,
        doctorId,
        workstationId: deviceId,
        openedAt: '2025-03-26T00:00:00.000Z',
        closedAt: null,
      };
      commitShift(db, s, 'open', doctorId, s.openedAt, false);
    }
    contacts.forEach((g, i) => {
      const [y, m, d] = DAYS[g.day]!.split('-').map(Number) as [number, number, number];
      const answered = localToMs(y, m, d, Math.floor(g.minute / 60), g.minute % 60);
      const prebooked = g.prebooked && g.video === 'own';
      const v = g.video;
      const c = finishedContact(
        ctx,
        deviceId,
        {
          n: i + 1,
          answered,
          ended: answered + 5 * 60_000,
          group: g.group,
          kind: prebooked ? 'video-forvisiteret' : 'telefon',
          video:
            v === 'none'
              ? undefined
              : {
                  doctorId: v.startsWith('handed') ? NIGHT.dennis : NIGHT.anne,
                  requested: answered + (prebooked ? 0 : 60_000),
                  ...(v.endsWith('failed')
                    ? { failed: answered + 120_000 }
                    : { connected: answered + 120_000 }),
                },
        },
        NIGHT.anne,
        NIGHT.anneShift,
      );
      commitRevision(db, c, { action: 'end', sync: false });
    });
  })();
}

function mutate(ctx: HostContext, m: Mutation): void {
  const c = getContact(ctx.db, contactId(m.contact + 1));
  if (!c || c.status === 'voided') return;
  let next: Contact = {
    ...c,
    rev: c.rev + 1,
    revisedAt: '2025-04-05T10:00:00.000Z',
    revisionReason: m.kind,
  };
  if (m.kind === 'void') next = { ...next, status: 'voided' };
  if (m.kind === 'group') next = { ...next, group: c.group === 1 ? 2 : 1 };
  if (m.kind === 'patient')
    next = { ...next, patient: { type: 'cpr', cpr: `01019${c.rev % 10}1234`.slice(0, 10) } };
  if (m.kind === 'note') next = { ...next, note: `rettet ${c.rev}` };
  next = { ...next, ...price(ctx, next, true) };
  commitRevision(ctx.db, next, { action: m.kind === 'void' ? 'void' : 'correct', sync: false });
}

/** Net sums of a set of claims: totalled per code|band, separate per code|reason, grand total. */
function net(claims: Claim[]): {
  byCode: Record<string, [number, number]>;
  separate: Record<string, [number, number]>;
  total: number;
} {
  const byCode: Record<string, [number, number]> = {};
  const separate: Record<string, [number, number]> = {};
  let total = 0;
  const add = (m: Record<string, [number, number]>, k: string, count: number, amount: number) => {
    const v = (m[k] ??= [0, 0]);
    v[0] += count;
    v[1] += amount;
    if (v[0] === 0 && v[1] === 0) delete m[k];
  };
  for (const c of claims) {
    total += c.totals.grandTotalOre;
    for (const t of c.totals.byCode) add(byCode, `${t.code}|${t.band}`, t.count, t.amountOre);
    for (const l of c.separate) add(separate, `${l.code}|${l.reason}`, l.count, l.amountOre);
  }
  return { byCode, separate, total };
}

describe('R-CLAIM-3: claims over any split of a period add up to the claim of the whole period', () => {
  it('with corrections and voids between the claims (reversal lines included)', () => {
    fc.assert(
      fc.property(
        fc.array(genContact, { minLength: 1, maxLength: 24 }),
        fc.uniqueArray(fc.integer({ min: 1, max: DAYS.length - 1 }), { maxLength: 4 }),
        fc.array(
          fc.record({
            contact: fc.nat(),
            kind: fc.constantFrom<Mutation['kind']>('void', 'group', 'patient', 'note'),
            before: fc.nat(),
          }),
          { maxLength: 10 },
        ),
        (contacts, cutsRaw, rawMutations) => {
          const cuts = [...cutsRaw].sort((a, b) => a - b);
          const bounds = [0, ...cuts, DAYS.length];
          const ranges = bounds
            .slice(1)
            .map((end, i) => ({ from: DAYS[bounds[i]!]!, to: DAYS[end - 1]! }));
          const mutations: Mutation[] = rawMutations.map((m) => ({
            ...m,
            contact: m.contact % contacts.length,
            before: m.before % ranges.length,
          }));
          const whole = { from: DAYS[0]!, to: DAYS[DAYS.length - 1]! };

          const split = testHost('2025-04-05T12:00:00.000Z');
          const once = testHost('2025-04-05T12:00:00.000Z');
          try {
            seed(split.ctx, contacts);
            seed(once.ctx, contacts);
            // An export with nothing to claim is refused (ALREADY_CLAIMED): it adds nothing.
            const claim = (
              h: typeof split,
              doctorId: string,
              r: { from: string; to: string },
              n: number,
            ): Claim[] => {
              try {
                return [
                  commitClaim(
                    h.db,
                    h.ctx.tariff,
                    { doctorId, ...r },
                    {
                      generatedAt: `2025-04-0${6 + Math.min(n, 3)}T08:00:00.000Z`,
                      createdBy: null,
                      deviceId: h.ctx.deviceId,
                    },
                  ),
                ];
              } catch (err) {
                if (err instanceof HostError && err.code === 'ALREADY_CLAIMED') return [];
                throw err;
              }
            };
            const doctors = [NIGHT.anne, NIGHT.dennis];
            const parts = new Map<string, Claim[]>(doctors.map((d) => [d, []]));
            ranges.forEach((r, i) => {
              for (const m of mutations) if (m.before === i) mutate(split.ctx, m);
              for (const d of doctors) parts.get(d)!.push(...claim(split, d, r, i));
            });
            for (const m of mutations) mutate(once.ctx, m);
            for (const d of doctors)
              expect(net(parts.get(d)!)).toEqual(net(claim(once, d, whole, 0)));
          } finally {
            split.cleanup();
            once.cleanup();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
