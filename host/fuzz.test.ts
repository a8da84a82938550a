// Dispatcher fuzz: ≥ 10 000 malformed calls (unknown methods, wrong shapes, hostile values)
// each get a stable error code, write nothing, and never crash the host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostErrorSchema } from '../shared/contract/errors';
import { METHOD_NAMES, isMethodName, methods } from '../shared/contract/methods';
import { ALL_TABLES, countRows, testHost } from './testing';

const FIELDS = [
  'id',
  'shiftId',
  'kind',
  'patch',
  'reason',
  'pin',
  'doctorId',
  'name',
  'authId',
  'roles',
  'from',
  'to',
  'json',
  'toDoctorId',
  'patient',
  'outcome',
  'group',
  '__proto__',
  'constructor',
];

const hostile = fc.oneof(
  fc.anything({
    withBigInt: false,
    withTypedArray: true,
    withMap: true,
    withSet: true,
    withDate: true,
    withNullPrototype: true,
  }),
  fc.constantFrom(
    null,
    undefined,
    NaN,
    Infinity,
    -1,
    0,
    '',
    ' ',
    '\u0000',
    'x'.repeat(5000),
    [],
    {},
    true,
  ),
  fc.uuid(),
  fc.string(),
);

const malformedInput = fc.oneof(
  hostile,
  fc.dictionary(fc.constantFrom(...FIELDS), hostile, { maxKeys: 5 }),
  fc.record({
    id: fc.oneof(fc.uuid(), fc.string()),
    patch: fc.dictionary(fc.constantFrom(...FIELDS), hostile),
  }),
);

const methodName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...METHOD_NAMES) },
  { weight: 1, arbitrary: fc.string() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'contact.',
      '',
      'setup.status ',
    ),
  },
);

describe('dispatcher fuzz', () => {
  it(
    'answers 10 000 malformed calls with a stable code and writes nothing',
    { timeout: 120_000 },
    async () => {
      const h = testHost();
      const sup = await h.call('setup.createFirstSupervisor', {
        name: 'Fuzz Sup',
        authId: 'F1',
        pin: '1357',
      });
      await h.call('auth.signIn', { doctorId: sup.id, pin: '1357' });
      await h.call('shift.open', {});
      const open = await h.call('contact.start', { kind: 'telefon' });
      const before = countRows(h, ALL_TABLES);
      const stateBefore = h.db.prepare('SELECT state FROM contacts WHERE id = ?').get(open.id);
      let runs = 0;
      const codes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(methodName, malformedInput, async (method, input) => {
          // Only calls the contract must refuse: a valid method with input its schema accepts is not malformed.
          fc.pre(!(isMethodName(method) && methods[method].input.safeParse(input ?? {}).success));
          runs++;
          const reply = await h.dispatch(method, input);
          expect(reply.ok).toBe(false);
          if (reply.ok) return;
          expect(hostErrorSchema.safeParse(reply.error).success).toBe(true);
          const code = (reply.error as { code: string }).code;
          expect(code).toBe(isMethodName(method) ? 'INVALID_INPUT' : 'UNKNOWN_METHOD');
          // Stable: the same call gives the same answer.
          const again = await h.dispatch(method, input);
          expect(again).toEqual(reply);
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }),
        { numRuns: 10_500, seed: 4242, endOnFailure: true },
      );
      expect(runs).toBeGreaterThanOrEqual(10_000);
      expect(countRows(h, ALL_TABLES)).toEqual(before);
      expect(h.db.prepare('SELECT state FROM contacts WHERE id = ?').get(open.id)).toEqual(
        stateBefore,
      );
      expect(h.db.pragma('integrity_check', { simple: true })).toBe('ok');
      console.log(`fuzz: ${runs} malformed calls`, Object.fromEntries(codes));
      h.close();
    },
  );
});
