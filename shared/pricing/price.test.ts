import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createTariff } from '../tariff';
import { OK21_NATIONAL } from '../rules/ok21-national';
import { ruleSetSchema } from '../rules/schema';
import type { PricingInput } from '../types';
import { regulate } from './regulation';

const t = createTariff();
const tel = (
  answeredAt: string,
  video: PricingInput['video'] = null,
  group: 1 | 2 = 1,
): PricingInput => ({
  kind: 'telefon',
  answeredAt,
  video,
  group,
});
const codes = (input: PricingInput) => t.price(input).lines.map((l) => `${l.code}:${l.amountOre}`);

describe('pricing (docs/rules.md §4)', () => {
  it('R-FEE-1 one uniform triage fee per telephone contact in vagttid, by band', () => {
    expect(codes(tel('2025-03-04T16:30:00.000Z'))).toEqual(['TLF-A:7213']);
    expect(codes(tel('2025-03-04T21:30:00.000Z'))).toEqual(['TLF-B:9418']);
    expect(codes(tel('2025-03-05T01:30:00.000Z'))).toEqual(['TLF-C:10089']);
    expect(codes(tel('2022-03-05T01:30:00.000Z'))).toEqual(['TLF-C:10089']);
  });

  it('R-BAND-1 a contact in dagtid is recorded with no fee and flagged uden for vagttid', () => {
    const r = t.price(tel('2025-03-04T10:00:00.000Z'));
    expect(r.band).toBe('DAY');
    expect(r.lines).toEqual([]);
    expect(r.flags).toContain('uden-for-vagttid');
  });

  it('R-FEE-2 video by band and agreement year of the connect instant (2022/2023/2024→)', () => {
    const video = (y: number) =>
      codes({
        kind: 'video-forvisiteret',
        answeredAt: `${y}-03-04T16:30:00.000Z`,
        video: { connectedAt: `${y}-03-04T16:31:00.000Z` },
        group: 1,
      });
    expect(video(2022)).toEqual(['VIDEO-A:22915']);
    expect(video(2023)).toEqual(['VIDEO-A:21634']);
    expect(video(2024)).toEqual(['VIDEO-A:20353']);
    expect(video(2026)).toEqual(['VIDEO-A:20353']);
    // the year is the Copenhagen year of connection: 2023-12-31T23:30Z is 2024-01-01 00:30 local
    expect(
      codes(tel('2023-12-31T22:50:00.000Z', { connectedAt: '2023-12-31T23:30:00.000Z' })),
    ).toEqual(['TLF-B:9418', 'VIDEO-B:25268']);
  });

  it('R-FEE-2 the continued third-year amounts are flagged from 2025', () => {
    const r = t.price({
      kind: 'video-forvisiteret',
      answeredAt: '2025-03-04T16:30:00.000Z',
      video: { connectedAt: '2025-03-04T16:31:00.000Z' },
      group: 1,
    });
    expect(r.flags).toContain('takst-videreført');
    const r24 = t.price({
      kind: 'video-forvisiteret',
      answeredAt: '2024-03-04T16:30:00.000Z',
      video: { connectedAt: '2024-03-04T16:31:00.000Z' },
      group: 1,
    });
    expect(r24.flags).not.toContain('takst-videreført');
  });

  it('R-FEE-3 video between 00:00 and 08:00 is paid at the B amount', () => {
    expect(
      codes(tel('2024-02-01T02:00:00.000Z', { connectedAt: '2024-02-01T02:10:00.000Z' })),
    ).toEqual(['TLF-C:10089', 'VIDEO-B:25268']);
    const line = t.price(
      tel('2022-06-01T01:00:00.000Z', { connectedAt: '2022-06-01T01:05:00.000Z' }),
    ).lines[1]!;
    expect(line).toMatchObject({ code: 'VIDEO-B', band: 'B', amountOre: 28449 });
  });

  it('R-FEE-4 an escalated call earns triage and video; pre-booked video only video; failed video none', () => {
    expect(
      codes(tel('2022-02-01T20:50:00.000Z', { connectedAt: '2022-02-01T21:05:00.000Z' })),
    ).toEqual(['TLF-A:7213', 'VIDEO-B:28449']);
    expect(
      codes({
        kind: 'video-forvisiteret',
        answeredAt: '2026-02-03T16:00:00.000Z',
        video: { connectedAt: '2026-02-03T16:00:00.000Z' },
        group: 1,
      }),
    ).toEqual(['VIDEO-A:20353']);
    const failed = t.price(
      tel('2025-03-04T18:00:00.000Z', { connectedAt: null, failedAt: '2025-03-04T18:05:00.000Z' }),
    );
    expect(failed.lines.map((l) => l.code)).toEqual(['TLF-A']);
    expect(failed.flags).toContain('video-mislykket');
  });

  it('R-FEE-5 before 2022-01-01 or without a covering rule set: no fee, flagged, nothing guessed', () => {
    const r = t.price(tel('2021-12-31T19:00:00.000Z'));
    expect(r).toMatchObject({ band: 'B', lines: [], rulesId: null });
    expect(r.flags).toContain('ingen-takst');
    const ended = ruleSetSchema.parse({ ...OK21_NATIONAL, id: 'ended', validTo: '2024-12-31' });
    const r2 = createTariff([ended]).price(tel('2025-03-04T18:00:00.000Z'));
    expect(r2.lines).toEqual([]);
    expect(r2.flags).toContain('ingen-takst');
  });

  it('R-FEE-6 regulation: unit = round-half-up(base × factor), line = unit × count', () => {
    expect(regulate(7213, '1.0')).toBe(7213);
    expect(regulate(7213, '1.05')).toBe(7574); // 7573.65 → 7574
    expect(regulate(10000, '1.00005')).toBe(10001); // 10000.5 → 10001 (half up)
    expect(regulate(10000, '1.00004')).toBe(10000);
    expect(regulate(9418, '1.123456')).toBe(10581); // 10580.708…
    const indexed = ruleSetSchema.parse({
      ...OK21_NATIONAL,
      id: 'indexed',
      index: [
        { from: '2022-04-01', factor: '1.0234' },
        { from: '2022-10-01', factor: '1.05' },
      ],
    });
    const ti = createTariff([indexed]);
    const p = (iso: string) => ti.price(tel(iso));
    expect(p('2022-03-01T17:00:00.000Z').lines[0]!.unitOre).toBe(7213);
    expect(p('2022-03-01T17:00:00.000Z').flags).toContain('april-2021-niveau');
    expect(p('2022-05-03T17:00:00.000Z').lines[0]!.unitOre).toBe(7382); // 7381.78
    expect(p('2022-11-01T17:00:00.000Z').lines[0]).toMatchObject({
      unitOre: 7574,
      count: 1,
      amountOre: 7574,
    });
    expect(p('2022-11-01T17:00:00.000Z').flags).not.toContain('april-2021-niveau');
  });

  it('R-FEE-6 with no index loaded, amounts are at the April-2021 level', () => {
    expect(t.price(tel('2025-03-04T16:30:00.000Z')).flags).toContain('april-2021-niveau');
  });

  it('R-FEE-7 service codes come from the rule set (internal id plus optional regional code)', () => {
    const regional = ruleSetSchema.parse({
      ...OK21_NATIONAL,
      id: 'r',
      serviceCodes: { ...OK21_NATIONAL.serviceCodes, 'TLF-A': '0101' },
    });
    const line = createTariff([regional]).price(tel('2025-03-04T16:30:00.000Z')).lines[0]!;
    expect(line).toMatchObject({ code: 'TLF-A', regionalCode: '0101' });
    expect(t.price(tel('2025-03-04T16:30:00.000Z')).lines[0]!.regionalCode).toBeNull();
  });

  it('R-FEE-8 the result carries the band, lines and rule-set id to store with the contact', () => {
    const r = t.price(tel('2025-03-04T16:30:00.000Z'));
    expect(r.rulesId).toBe('ok21-national');
    expect(r.lines[0]!.decidedAt).toBe('2025-03-04T16:30:00.000Z');
  });

  it('R-CON-3 group-2 contacts are flagged for a receipt', () => {
    expect(t.price(tel('2025-03-04T16:30:00.000Z', null, 2)).flags).toContain('gruppe-2');
  });

  it('R-TIME-2 a call keeps the band it was answered in, even if the video connects later', () => {
    const r = t.price(tel('2025-03-04T20:59:00.000Z', { connectedAt: '2025-03-04T21:01:00.000Z' }));
    expect(r.band).toBe('A');
    expect(r.lines.map((l) => l.code)).toEqual(['TLF-A', 'VIDEO-B']);
  });

  it('prices the worked examples (docs/rules.md §8, ./golden) exactly', () => {
    const dir = new URL('./golden/', import.meta.url);
    const ins = readFileSync(new URL('fees.in.jsonl', dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const exp = readFileSync(new URL('fees.expected.jsonl', dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ins.length).toBe(exp.length);
    ins.forEach((input, i) => {
      const r = t.price(input);
      expect({
        id: input.id,
        band: r.band,
        lines: r.lines.map((l) => ({ code: l.code, amountOre: l.amountOre })),
      }).toEqual(exp[i]);
    });
  });

  it('pricing is deterministic and total amounts are whole øre', () => {
    const inputs = fc.record({
      kind: fc.constantFrom('telefon' as const, 'video-forvisiteret' as const),
      answered: fc.integer({ min: Date.UTC(2021, 6, 1), max: Date.UTC(2028, 0, 1) }),
      delay: fc.option(fc.integer({ min: 0, max: 3 * 3_600_000 })),
      group: fc.constantFrom(1 as const, 2 as const),
    });
    fc.assert(
      fc.property(inputs, ({ kind, answered, delay, group }) => {
        const input: PricingInput = {
          kind,
          answeredAt: new Date(answered).toISOString(),
          video: delay === null ? null : { connectedAt: new Date(answered + delay).toISOString() },
          group,
        };
        const a = t.price(input);
        const b = createTariff().price(input);
        return (
          JSON.stringify(a) === JSON.stringify(b) &&
          a.lines.every((l) => Number.isInteger(l.amountOre) && l.amountOre === l.unitOre * l.count)
        );
      }),
      { numRuns: 3000 },
    );
  });
});
