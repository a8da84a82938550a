// Claims (docs/rules.md §6) on one fixed night, through the host's contract and stores. Golden files
// under ./golden hold the expected bytes; regenerate with VAGT_UPDATE_GOLDEN=1 after a deliberate
// change. Outside that mode a missing golden fails: it is never written by the test itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimSchema, type Claim } from '../../shared/claims/model';
import { commitClaim, draftClaim } from './service';
import { renderClaim } from './export';
import { claimToCsv } from './export-csv';
import { claimToJson } from './export-json';
import { claimToPdf } from './export-pdf';
import { NIGHT, contactId, seedNight } from './testing/night';
import { call, testHost } from './testing/host';

const GOLDEN = path.join(path.dirname(new URL(import.meta.url).pathname), 'golden');
const UPDATE = process.env.VAGT_UPDATE_GOLDEN === '1';
const CI = process.env.CI === 'true';

function golden(name: string, actual: Buffer | string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) writeFileSync(file, actual);
  expect(
    existsSync(file),
    `golden ${name} is missing (write it deliberately with VAGT_UPDATE_GOLDEN=1)`,
  ).toBe(true);
  expect(Buffer.from(actual).equals(readFileSync(file))).toBe(true);
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v']).status === 0;
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vagt-pdf-'));
  try {
    const file = path.join(dir, 'c.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type H = ReturnType<typeof testHost>;
let h: H;
const range = { from: NIGHT.from, to: NIGHT.to };

beforeEach(async () => {
  h = testHost('2025-03-05T08:00:00.000Z');
  seedNight(h.ctx);
});
afterEach(() => h.cleanup());

const signIn = (doctorId: string) => call(h, 'auth.signIn', { doctorId, pin: NIGHT.pin });

/** Anne's claim for the night with the fixed id and timestamp of the golden files. */
function anneClaim(): Claim {
  return commitClaim(
    h.db,
    h.ctx.tariff,
    { doctorId: NIGHT.anne, ...range },
    {
      generatedAt: NIGHT.generatedAt,
      createdBy: null,
      deviceId: h.ctx.deviceId,
      claimId: NIGHT.claimId,
    },
  );
}

describe('golden night (4–5 March 2025)', () => {
  it("CSV and JSON of the answering doctor's claim match the committed bytes", () => {
    const claim = anneClaim();
    golden('anne.csv', claimToCsv(claim));
    golden('anne.json', claimToJson(claim));
  });

  it("the PDF text of the answering doctor's claim matches the committed text", async (ctx) => {
    // Off CI, a machine without poppler-utils skips (stated); on CI (CI=true) it must be there.
    ctx.skip(
      !CI && !hasPdftotext(),
      'pdftotext (poppler-utils) is not installed, so the PDF text cannot be extracted',
    );
    expect(hasPdftotext(), 'pdftotext (poppler-utils) must be installed on CI').toBe(true);
    golden('anne.pdf.txt', pdfText(await claimToPdf(anneClaim())));
  });

  it("R-CON-5: the handed-over video is on the coordinator's claim, the triage line stays with Anne", () => {
    const claim = anneClaim();
    expect(claim.lines.some((l) => l.code?.startsWith('VIDEO'))).toBe(false);
    expect(claim.lines.find((l) => l.contactId === contactId(5))?.code).toBe('TLF-B');
    const dennis = commitClaim(
      h.db,
      h.ctx.tariff,
      { doctorId: NIGHT.dennis, ...range },
      {
        generatedAt: NIGHT.generatedAt,
        createdBy: null,
        deviceId: h.ctx.deviceId,
        claimId: '01955f00-0000-7000-8000-00000000c002',
      },
    );
    golden('dennis.json', claimToJson(dennis));
    expect(dennis.lines).toHaveLength(1);
    expect(dennis.lines[0]).toMatchObject({
      contactId: contactId(5),
      part: 'video',
      code: 'VIDEO-B',
      time: '22:35',
      unitOre: 25268,
    });
    // The video lines of 2025 carry the continued third-year amount (R-FEE-2, D4).
    expect(dennis.continued).toBe(true);
    expect(dennis.notes.join(' ')).toContain('takst fra 2024 videreført');
    expect(claim.continued).toBe(false);
  });
});

describe('R-CLAIM-1: one doctor, one period, every contact and totals', () => {
  it('lists date, time, band, service code, patient id and unit price; totals per code and band; grand total in kr.', async () => {
    await signIn(NIGHT.anne);
    const claim = claimSchema.parse(await call(h, 'claim.preview', range));
    expect(claim.claimId).toBeNull();
    expect(claim.doctor).toEqual({ id: NIGHT.anne, name: 'Anne Højgaard', authId: 'AH123' });
    expect(
      claim.lines.map((l) => [l.date, l.time, l.band, l.code, l.patientId, l.unitOre]),
    ).toEqual([
      ['2025-03-04', '17:30', 'A', 'TLF-A', '010190-1234', 7213],
      ['2025-03-04', '20:15', 'A', 'TLF-A', '010190-1234', 7213],
      ['2025-03-04', '22:30', 'B', 'TLF-B', '010190-1234', 9418],
      ['2025-03-04', '23:10', 'B', 'TLF-B', '1985-06-15 DE MØLR', 9418],
      ['2025-03-05', '02:40', 'C', 'TLF-C', '010190-1234', 10089],
    ]);
    expect(claim.totals.byCode.map((t) => [t.code, t.band, t.count, t.amountOre])).toEqual([
      ['TLF-A', 'A', 2, 14426],
      ['TLF-B', 'B', 2, 18836],
      ['TLF-C', 'C', 1, 10089],
    ]);
    expect(claim.totals.grandTotalOre).toBe(43351);
    expect(claim.totals.grandTotal).toBe('433,51 kr.');
    expect(claim.ruleSets).toEqual([
      { id: 'ok21-national', name: expect.stringContaining('OK21') },
    ]);
    expect(claim.priceLevel).toBe('april 2021-niveau');
  });

  it("a shift claim holds the shift's contacts; a one-day range holds only that day", async () => {
    await signIn(NIGHT.dennis);
    const shift = claimSchema.parse(await call(h, 'claim.preview', { shiftId: NIGHT.dennisShift }));
    expect(shift.period).toEqual({
      kind: 'shift',
      shiftId: NIGHT.dennisShift,
      from: '2025-03-04',
      to: '2025-03-05',
    });
    expect(shift.lines.map((l) => l.code)).toEqual(['VIDEO-B']);
    await signIn(NIGHT.anne);
    const day = claimSchema.parse(
      await call(h, 'claim.preview', { from: '2025-03-05', to: '2025-03-05' }),
    );
    expect(day.lines.map((l) => l.time)).toEqual(['02:40']);
  });
});

describe('R-CLAIM-2: exports', () => {
  it('CSV for Danish spreadsheets: BOM, CRLF, ";" and decimal comma, quoted where needed', () => {
    const csv = claimToCsv(anneClaim());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain(';72,13;1;72,13;');
    expect(text).toContain('I alt;;;;;433,51\r\n');
  });

  it('same data, same timestamp → byte-identical CSV, JSON and A4 PDF; a reprint gives the same bytes', async () => {
    const claim = anneClaim();
    for (const format of ['csv', 'json', 'pdf'] as const) {
      const a = await renderClaim(claim, format);
      const b = await renderClaim(structuredClone(claim), format);
      expect(a.bytes.equals(b.bytes), format).toBe(true);
    }
    const pdf = await claimToPdf(claim);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    await signIn(NIGHT.anne);
    for (const format of ['csv', 'json', 'pdf'] as const) {
      const again = await call(h, 'claim.reprint', { claimId: NIGHT.claimId, format });
      const direct = await renderClaim(claim, format);
      expect(Buffer.from(again.base64, 'base64').equals(direct.bytes), format).toBe(true);
    }
  });

  it('only the generation timestamp differs between two exports of the same data', async () => {
    const a = draftClaim(
      h.db,
      h.ctx.tariff,
      { doctorId: NIGHT.anne, ...range },
      NIGHT.generatedAt,
    ).claim;
    const b = draftClaim(
      h.db,
      h.ctx.tariff,
      { doctorId: NIGHT.anne, ...range },
      '2025-03-06T10:00:00.000Z',
    ).claim;
    expect({ ...a, generatedAt: '' }).toEqual({ ...b, generatedAt: '' });
  });
});

describe('R-CLAIM-3: a contact is claimed once; corrections come back as reversal and new line', () => {
  it('export marks; a preview does not; the same period again is empty', async () => {
    await signIn(NIGHT.anne);
    await call(h, 'claim.preview', range);
    await call(h, 'claim.preview', range);
    expect((await call(h, 'claim.list')).length).toBe(0);
    const file = await call(h, 'claim.export', { ...range, format: 'json' });
    const exported = claimSchema.parse(JSON.parse(Buffer.from(file.base64, 'base64').toString()));
    expect(exported.claimId).toBe(file.claimId);
    expect(exported.totals.grandTotalOre).toBe(43351);
    expect(file.fileName).toMatch(/^afregning-AH123-2025-03-04-2025-03-05-[0-9a-f]{12}\.json$/);
    const again = claimSchema.parse(await call(h, 'claim.preview', range));
    expect(again.lines).toEqual([]);
    expect(again.separate).toEqual([]);
    // The period as a statement (the load view's drill-down) still shows every line.
    const statement = claimSchema.parse(
      await call(h, 'claim.preview', { ...range, includeClaimed: true }),
    );
    expect(statement.totals.grandTotalOre).toBe(43351);
    expect(statement.separate).toHaveLength(2);
    // Nothing new: the export refuses rather than storing an empty claim.
    await expect(call(h, 'claim.export', { ...range, format: 'pdf' })).rejects.toThrow(
      /ALREADY_CLAIMED/,
    );
    const list = await call(h, 'claim.list');
    expect(list).toEqual([
      expect.objectContaining({
        claimId: file.claimId,
        doctorId: NIGHT.anne,
        grandTotalOre: 43351,
        lines: 5,
      }),
    ]);
  });

  it('correction → reversal of what was claimed plus the corrected line; void → reversal only; note-only → nothing', async () => {
    anneClaim();
    await signIn(NIGHT.anne);
    h.clock.set(Date.parse('2025-03-06T09:00:00.000Z'));
    await call(h, 'contact.correct', {
      id: contactId(6),
      patch: { patient: { type: 'cpr', cpr: '0202851234' } },
      reason: 'forkert patient',
    });
    await call(h, 'contact.void', { id: contactId(2), reason: 'dobbeltregistreret' });
    await call(h, 'contact.correct', {
      id: contactId(7),
      patch: { note: 'tilføjet' },
      reason: 'note',
    });
    await call(h, 'contact.correct', { id: contactId(3), patch: { group: 1 }, reason: 'gruppe 1' });
    // The next claim, whatever its period, carries the adjustments.
    const next = claimSchema.parse(
      await call(h, 'claim.preview', { from: '2025-03-06', to: '2025-03-06' }),
    );
    const show = (c: Claim['lines']) =>
      c.map((l) => [l.entry, l.contactId.slice(-1), l.code, l.count, l.amountOre, l.patientId]);
    expect(show(next.lines)).toEqual([
      ['reversal', '2', 'TLF-A', -1, -7213, '010190-1234'],
      ['replacement', '3', 'TLF-A', 1, 7213, '010190-1234'],
      ['reversal', '6', 'TLF-B', -1, -9418, '1985-06-15 DE MØLR'],
      ['replacement', '6', 'TLF-B', 1, 9418, '020285-1234'],
    ]);
    expect(next.lines[0]!.reversesClaimId).toBe(NIGHT.claimId);
    expect(show(next.separate)).toEqual([['reversal', '3', 'TLF-A', -1, -7213, '010190-1234']]);
    expect(next.totals.grandTotalOre).toBe(0);
    const file = await call(h, 'claim.export', {
      from: '2025-03-06',
      to: '2025-03-06',
      format: 'csv',
    });
    expect(Buffer.from(file.base64, 'base64').toString()).toContain('Tilbageførsel');
    // The first claim, reprinted after the corrections, is still exactly what was exported.
    const old = await call(h, 'claim.reprint', { claimId: NIGHT.claimId, format: 'csv' });
    expect(
      Buffer.from(old.base64, 'base64').equals(readFileSync(path.join(GOLDEN, 'anne.csv'))),
    ).toBe(true);
    const after = claimSchema.parse(await call(h, 'claim.preview', range));
    expect(after.lines).toEqual([]);
    expect(after.separate).toEqual([]);
  });

  it('an open call is not claimed: it is counted as pending and comes on a later claim once ended', async () => {
    await signIn(NIGHT.anne);
    h.clock.set(Date.parse('2025-03-05T19:00:00.000Z'));
    await call(h, 'shift.open');
    const open = await call(h, 'contact.start', { kind: 'telefon' });
    const day = { from: '2025-03-05', to: '2025-03-05' };
    const first = claimSchema.parse(await call(h, 'claim.preview', day));
    expect(first.pending).toBe(1);
    expect(first.notes.join(' ')).toContain('1 kontakt i perioden er ikke afsluttet');
    await call(h, 'claim.export', { ...day, format: 'csv' });
    await call(h, 'contact.update', {
      id: open.id,
      patch: { patient: { type: 'cpr', cpr: '0101901234' }, outcome: 'recept', caller: 'self' },
    });
    h.clock.advance(5 * 60_000);
    await call(h, 'contact.end', { id: open.id });
    const later = claimSchema.parse(await call(h, 'claim.preview', day));
    expect(later.pending).toBe(0);
    expect(later.lines.map((l) => [l.entry, l.contactId, l.code, l.time])).toEqual([
      ['new', open.id, 'TLF-A', '20:00'],
    ]);
  });

  it('claim tables are append-only', () => {
    anneClaim();
    expect(() => h.db.prepare('DELETE FROM claims').run()).toThrow(/append-only/);
    expect(() => h.db.prepare('UPDATE claim_parts SET contact_rev = 9').run()).toThrow(
      /append-only/,
    );
    expect(() => h.db.prepare('DELETE FROM claim_lines').run()).toThrow(/append-only/);
  });
});

describe('R-CLAIM-4: group 2 and contacts without a fee are listed apart, not totalled', () => {
  it('the group-2 call and the dagtid call are in `separate` with a reason and outside the total', () => {
    const claim = anneClaim();
    expect(claim.separate.map((l) => [l.contactId, l.reason, l.code, l.amountOre])).toEqual([
      [contactId(1), 'uden-for-vagttid', null, 0],
      [contactId(3), 'gruppe-2', 'TLF-A', 7213],
    ]);
    expect(claim.lines.reduce((s, l) => s + l.amountOre, 0)).toBe(claim.totals.grandTotalOre);
    expect(claim.lines.every((l) => l.reason === null && l.group === 1)).toBe(true);
  });
});

describe('who may claim', () => {
  it('a doctor only for themselves; a supervisor for anyone', async () => {
    await signIn(NIGHT.anne);
    await expect(call(h, 'claim.preview', { ...range, doctorId: NIGHT.dennis })).rejects.toThrow(
      /FORBIDDEN/,
    );
    await expect(call(h, 'claim.preview', { shiftId: NIGHT.dennisShift })).rejects.toThrow(
      /FORBIDDEN/,
    );
    await signIn(NIGHT.bo);
    const c = claimSchema.parse(
      await call(h, 'claim.preview', { ...range, doctorId: NIGHT.dennis }),
    );
    expect(c.lines).toHaveLength(1);
    await expect(
      call(h, 'claim.preview', { shiftId: NIGHT.anneShift, from: NIGHT.from }),
    ).rejects.toThrow(/INVALID_INPUT/);
    await expect(
      call(h, 'claim.preview', { from: '2025-03-05', to: '2025-03-04' }),
    ).rejects.toThrow(/INVALID_INPUT/);
  });
});
