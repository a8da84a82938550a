// Issue 12 §7 and issue 17 §1: inputs that have the contract's SHAPE (the types and formats a
// naive schema checks) but are impossible in MEANING (R-REC-1). Each is refused at the door
// with INVALID_INPUT and a reason, and nothing is written: no row, no outbox item, and the open
// call's working state is unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_TABLES, countRows, testHost } from './testing';

const unrealInstants = [
  '2025-02-28T25:61:61.999Z',
  '2025-02-30T10:00:00.000Z',
  '2025-03-04T24:00:00.000Z',
  '2025-13-01T00:00:00.000Z',
  '2025-03-04T10:00:60.000Z',
];
const badText = ['hoste \uD800', '\uDC00', 'a\u0000b', 'x\u001Bb', '\uDFFF\uD800'];
const badPatient = [
  { type: 'cpr', cpr: '0000000000' },
  { type: 'cpr', cpr: '3102901234' },
  { type: 'cpr', cpr: '0113901234' },
  { type: 'visitor', birthDate: '1980-02-30', country: 'DE', letters: 'ANHA' },
  { type: 'visitor', birthDate: '1980-00-10', country: 'DE', letters: 'ANHA' },
];

describe('meaning-wrong inputs at the host API (R-REC-1)', () => {
  it(
    'refuses generated shape-valid, meaning-wrong calls and writes nothing',
    { timeout: 120_000 },
    async () => {
      const h = testHost();
      const sup = await h.call('setup.createFirstSupervisor', {
        name: 'Poison Sup',
        authId: 'P1',
        pin: '1357',
      });
      await h.call('auth.signIn', { doctorId: sup.id, pin: '1357' });
      await h.call('shift.open', {});
      const open = await h.call('contact.start', { kind: 'telefon' });
      const before = countRows(h, ALL_TABLES);
      const state = () => h.db.prepare('SELECT state FROM contacts WHERE id = ?').get(open.id);
      const stateBefore = state();

      const call = fc.oneof(
        fc.record({
          method: fc.constant('contact.update' as const),
          input: fc.oneof(
            fc.constantFrom(...badPatient).map((patient) => ({ id: open.id, patch: { patient } })),
            fc
              .record({
                field: fc.constantFrom('note', 'reason'),
                text: fc.constantFrom(...badText),
                pad: fc.string({ maxLength: 10 }),
              })
              .map(({ field, text, pad }) => ({
                id: open.id,
                patch: { [field]: pad + text + pad },
              })),
          ),
        }),
        fc.record({
          method: fc.constant('contact.correct' as const),
          input: fc
            .constantFrom(...badText)
            .map((t) => ({ id: open.id, patch: { note: 'ok' }, reason: `rettelse ${t}` })),
        }),
        fc.record({
          method: fc.constant('contact.videoFailed' as const),
          input: fc.constantFrom(...badText).map((t) => ({ id: open.id, reason: `net ${t}` })),
        }),
        fc.record({
          method: fc.constant('load.local' as const),
          input: fc
            .tuple(fc.constantFrom(...unrealInstants), fc.boolean())
            .map(([bad, first]) =>
              first
                ? { from: bad, to: '2025-03-05T00:00:00.000Z' }
                : { from: '2025-03-04T00:00:00.000Z', to: bad },
            ),
        }),
        fc.record({
          method: fc.constant('shift.list' as const),
          input: fc.constantFrom(...unrealInstants).map((from) => ({ from })),
        }),
        fc.record({
          method: fc.constant('roster.add' as const),
          input: fc.constantFrom(...badText).map((t) => ({
            name: `Læge ${t}`,
            authId: 'Z9',
            pin: '2468',
            roles: ['doctor'],
          })),
        }),
      );

      let runs = 0;
      await fc.assert(
        fc.asyncProperty(call, async ({ method, input }) => {
          runs++;
          const reply = await h.dispatch(method, input);
          expect(reply.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
          if (reply.ok) return;
          const error = reply.error as { code: string; details?: Record<string, string> };
          expect(error.code).toBe('INVALID_INPUT');
          expect(Object.keys(error.details ?? {}).length).toBeGreaterThan(0);
        }),
        { numRuns: 2000, seed: 1212 },
      );
      expect(runs).toBe(2000);
      expect(countRows(h, ALL_TABLES)).toEqual(before);
      expect(state()).toEqual(stateBefore);
      // The door still opens for a possible call.
      const ok = await h.call('contact.update', {
        id: open.id,
        patch: { patient: { type: 'cpr', cpr: '0101901234' }, note: 'hoste 🤒' },
      });
      expect(ok.note).toBe('hoste 🤒');
      h.close();
    },
  );
});
