// The array literals of the bulk item insert: what a hostile id or hash would look like to
// PostgreSQL's array parser, and that every value comes back exactly as it was sent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { describeBackends, freshPgDatabase } from '../../testing/backends';
import { intArray, textArray } from './arrays';

const HOSTILE = [
  '',
  'NULL',
  'null',
  ' leading and trailing ',
  'a,b',
  '{a}',
  '}',
  '"',
  '\\',
  '\\"',
  'ends with \\',
  "it's",
  'line\nbreak\ttab',
  'æøå ÆØÅ – 🚑',
  '{"x":"y\\"z"}',
  "'); DROP TABLE items; --",
];

it('quotes every element and escapes only backslash and double quote', () => {
  expect(textArray([])).toBe('{}');
  expect(textArray(['a', 'b c'])).toBe('{"a","b c"}');
  expect(textArray(['x"y', 'p\\q'])).toBe('{"x\\"y","p\\\\q"}');
  expect(intArray([1, -2, 30])).toBe('{1,-2,30}');
  expect(() => intArray([1.5])).toThrow(/not an integer/);
  expect(() => intArray([Number.NaN])).toThrow(/not an integer/);
  expect(() => intArray([2 ** 53])).toThrow(/not an integer/);
});

describeBackends(
  'array literals through PostgreSQL',
  () => {
    let db: { url: string; drop(): Promise<void> };
    let c: pg.Client;
    beforeAll(async () => {
      db = await freshPgDatabase();
      c = new pg.Client({ connectionString: db.url });
      await c.connect();
    });
    afterAll(async () => {
      await c.end();
      await db.drop();
    });

    it('gives back every hostile string unchanged, in order, none of them NULL', async () => {
      const { rows } = await c.query<{ v: string | null; n: string }>(
        'SELECT v, n FROM unnest($1::text[]) WITH ORDINALITY AS t (v, n) ORDER BY n',
        [textArray(HOSTILE)],
      );
      expect(rows.map((r) => r.v)).toEqual(HOSTILE);
    });

    it('gives back integers and timestamps as sent', async () => {
      const { rows } = await c.query<{ i: number; t: Date }>(
        `SELECT i, t FROM unnest($1::bigint[], $2::timestamptz[]) AS u (i, t)`,
        [
          intArray([1, 9_007_199_254_740_991]),
          textArray(['2026-12-01T23:00:00.000Z', '2027-03-28T01:59:59.999Z']),
        ],
      );
      expect(rows.map((r) => String(r.i))).toEqual(['1', '9007199254740991']);
      expect(rows.map((r) => r.t.toISOString())).toEqual([
        '2026-12-01T23:00:00.000Z',
        '2027-03-28T01:59:59.999Z',
      ]);
    });
  },
  ['postgresql'],
);
