// Printable A4 claim (R-CLAIM-2) with pdfkit's built-in Helvetica (WinAnsi covers æøå, so no
// font file is embedded). Deterministic: the document's dates are the claim's generation
// timestamp, the file id pdfkit derives from them, and nothing else reads the clock or chance,
// so the same claim gives the same bytes.
//
// The layout lives here so the workstation and the region's server print the same claim
// (R-CLAIM-5); shared/ may not import pdfkit, so each caller passes its document constructor
// (host/claims/export-pdf.ts, server/claim-files.ts). The types are @types/pdfkit's globals.
import type { Claim, ClaimLine } from './model';
import {
  ENTRY_LABEL,
  PART_LABEL,
  PRELIMINARY_MARK,
  PRELIMINARY_TEXT,
  danishDate,
  periodLabel,
} from './labels';
import type { SeparateReason } from './model';
import { formatKr, formatOre } from '../money';
import { localDateTime } from './parts';

/** pdfkit's default export, passed in by the caller. */
export type PdfDocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

const PAGE_W = 595.28; // A4 in points
const PAGE_H = 841.89;
const M = 40;
const RIGHT = PAGE_W - M;
const BOTTOM = PAGE_H - M - 20; // room for the page footer
const ROW = 11;
const SIZE = 8;

type Col = { title: string; x: number; w: number; right?: boolean };
const COLS: Col[] = [
  { title: 'Dato', x: M, w: 50 },
  { title: 'Tid', x: 90, w: 26 },
  { title: 'Zone', x: 116, w: 26 },
  { title: 'Del', x: 142, w: 36 },
  { title: 'Ydelse', x: 178, w: 38 },
  { title: 'Reg. kode', x: 216, w: 42 },
  { title: 'Patient', x: 258, w: 88 },
  { title: 'Enhedspris', x: 346, w: 48, right: true },
  { title: 'Antal', x: 394, w: 26, right: true },
  { title: 'Beløb', x: 420, w: 54, right: true },
  { title: 'Type', x: 480, w: RIGHT - 480 },
];

/** The parts of pdfkit's document the fast row path needs (not in its public types). */
interface PdfInternals {
  _font: {
    id: string;
    ascender: number;
    ref(): unknown;
    font: { encodeText(t: string): string[] };
  };
  page: { fonts: Record<string, unknown> };
}

/** PDF number: fixed decimals, so the bytes never depend on float printing. */
const num = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

class Writer {
  readonly doc: PDFKit.PDFDocument;
  y = M;
  private widths = new Map<string, number>();

  constructor(claim: Claim, PDFDocument: PdfDocumentClass) {
    const at = new Date(claim.generatedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      margin: M,
      bufferPages: true,
      autoFirstPage: true,
      compress: true,
      info: {
        Title: `Afregning ${claim.doctor.name} ${periodLabel(claim.period)}`,
        Author: 'Vagtkonsol',
        Creator: 'Vagtkonsol',
        Producer: 'Vagtkonsol (pdfkit)',
        CreationDate: at,
        ModDate: at,
      },
    });
    this.doc.font('Helvetica').fontSize(SIZE);
  }

  /** Width of a string at the body size; amounts repeat a lot, so widths are cached. */
  width(s: string): number {
    let w = this.widths.get(s);
    if (w === undefined) this.widths.set(s, (w = this.doc.widthOfString(s)));
    return w;
  }

  /** One cell, clipped to its column by truncation (no wrapping: a row is one line). */
  cell(text: string, c: Col): void {
    let s = text;
    while (s.length > 1 && this.width(s) > c.w - 2) s = s.slice(0, -1);
    const x = c.right ? c.x + c.w - this.width(s) : c.x;
    this.doc.text(s, x, this.y, { lineBreak: false });
  }

  need(h: number): void {
    if (this.y + h > BOTTOM) {
      this.doc.addPage();
      this.y = M;
    }
  }

  heading(text: string, size = 11): void {
    this.need(size + 8);
    this.doc.font('Helvetica-Bold').fontSize(size).text(text, M, this.y, { lineBreak: false });
    this.doc.font('Helvetica').fontSize(SIZE);
    this.y += size + 6;
  }

  para(text: string): void {
    this.need(ROW);
    this.doc.text(text, M, this.y, { lineBreak: false });
    this.y += ROW;
  }

  tableHead(last: string): void {
    this.need(ROW * 3);
    this.doc.font('Helvetica-Bold');
    for (const c of COLS) this.cell(c === COLS[COLS.length - 1] ? last : c.title, c);
    this.doc.font('Helvetica');
    this.y += ROW;
    this.doc
      .moveTo(M, this.y - 2)
      .lineTo(RIGHT, this.y - 2)
      .lineWidth(0.5)
      .stroke();
  }

  private hex = new Map<string, string>();

  /** The string in the font's WinAnsi codes as a PDF hex string; cached, values repeat a lot. */
  private encoded(s: string, font: PdfInternals['_font']): string {
    let h = this.hex.get(s);
    if (h === undefined) {
      h = `<${font.font
        .encodeText(s)
        .map((c) => c.padStart(2, '0'))
        .join('')}>`;
      if (this.hex.size > 50_000) this.hex.clear();
      this.hex.set(s, h);
    }
    return h;
  }

  /**
   * One table row as a single text object. doc.text() per cell costs ~25 µs of option handling
   * and layout; a claim of 10 000 contacts has 110 000 cells, so rows are written directly in the
   * same operators pdfkit would emit (same font resource, same baseline), without kerning.
   */
  row(cells: string[], last: string): void {
    if (this.y + ROW > BOTTOM) {
      this.doc.addPage();
      this.y = M;
      this.tableHead(last);
    }
    const internals = this.doc as unknown as PdfInternals;
    const font = internals._font;
    if (internals.page.fonts[font.id] == null) internals.page.fonts[font.id] = font.ref();
    const y = num(PAGE_H - this.y - (font.ascender / 1000) * SIZE);
    let ops = `q 1 0 0 -1 0 ${num(PAGE_H)} cm BT /${font.id} ${SIZE} Tf`;
    cells.forEach((text, i) => {
      const c = COLS[i]!;
      if (text === '') return;
      let t = text;
      while (t.length > 1 && this.width(t) > c.w - 2) t = t.slice(0, -1);
      const x = c.right ? c.x + c.w - this.width(t) : c.x;
      ops += ` 1 0 0 1 ${num(x)} ${y} Tm ${this.encoded(t, font)} Tj`;
    });
    this.doc.addContent(`${ops} ET Q`);
    this.y += ROW;
  }
}

/** Short reasons for the narrow last column (the CSV has the long ones). */
const REASON_SHORT: Record<SeparateReason, string> = {
  'gruppe-2': 'Gruppe 2',
  'uden-for-vagttid': 'Dagtid',
  'ingen-takst': 'Ingen takst',
  'video-mislykket': 'Video mislykket',
  'uden-takst': 'Uden takst',
};

function cells(l: ClaimLine, type: string): string[] {
  return [
    danishDate(l.date),
    l.time,
    l.band === 'DAY' ? 'Dag' : l.band,
    PART_LABEL[l.part],
    l.code ?? '–',
    l.regionalCode ?? '',
    l.patientId,
    formatOre(l.unitOre),
    String(l.count),
    formatOre(l.amountOre),
    type,
  ];
}

/** The PDF's bytes, joined from pdfkit's chunks. */
export function claimPdfBytes(claim: Claim, PDFDocument: PdfDocumentClass): Promise<Uint8Array> {
  const w = new Writer(claim, PDFDocument);
  const { doc } = w;
  const chunks: Uint8Array[] = [];
  doc.on('data', (c: Uint8Array) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    doc.on('error', reject);
  });

  const gen = localDateTime(claim.generatedAt);
  // An offline statement says so at the top (R-CLAIM-5); a claim's bytes are unchanged.
  if (claim.preliminary) {
    w.heading(PRELIMINARY_MARK.toUpperCase(), 15);
    // One sentence a line: a paragraph is not wrapped.
    for (const sentence of PRELIMINARY_TEXT.split(/(?<=\.) /)) w.para(sentence);
  }
  w.heading('Afregning – lægevagt', 15);
  w.para(`Læge: ${claim.doctor.name} (autorisations-id ${claim.doctor.authId})`);
  w.para(`Periode: ${periodLabel(claim.period)}`);
  w.para(
    `Afregning nr.: ${claim.claimId ?? (claim.preliminary ? PRELIMINARY_MARK.toLowerCase() : 'udkast – ikke afregnet')}`,
  );
  w.para(`Dannet: ${danishDate(gen.date)} kl. ${gen.time}`);
  w.para(`Regelsæt: ${claim.ruleSets.map((r) => `${r.name} [${r.id}]`).join(', ') || '–'}`);
  w.para(`Prisniveau: ${claim.priceLevel}`);
  for (const n of claim.notes) w.para(n);
  w.y += ROW / 2;

  w.heading('Kontakter, der afregnes');
  const typeCol = 'Type';
  w.tableHead(typeCol);
  for (const l of claim.lines) w.row(cells(l, ENTRY_LABEL[l.entry]), typeCol);
  if (claim.lines.length === 0) w.para('Ingen.');
  w.y += ROW / 2;

  w.heading('Totaler pr. ydelse og takstzone');
  for (const t of claim.totals.byCode) {
    w.need(ROW);
    const label = `${t.code}${t.regionalCode ? ` (${t.regionalCode})` : ''}, zone ${t.band}`;
    w.cell(label, { title: '', x: M, w: 300 });
    w.cell(`${t.count} stk.`, COLS[8]!);
    w.cell(formatOre(t.amountOre), COLS[9]!);
    w.y += ROW;
  }
  w.need(ROW * 2);
  doc.font('Helvetica-Bold');
  w.cell('I alt', { title: '', x: M, w: 300 });
  w.cell(formatKr(claim.totals.grandTotalOre), { title: '', x: 300, w: 192, right: true });
  doc.font('Helvetica');
  w.y += ROW * 1.5;

  w.heading('Særskilt, ikke medregnet (gruppe 2 og kontakter uden takst)');
  const reasonCol = 'Årsag';
  if (claim.separate.length) w.tableHead(reasonCol);
  for (const l of claim.separate) {
    const why = l.reason ? REASON_SHORT[l.reason] : '';
    const type = l.entry === 'new' ? why : `${l.entry === 'reversal' ? 'Tilb.' : 'Rettet'}: ${why}`;
    w.row(cells(l, type), reasonCol);
  }
  if (claim.separate.length === 0) w.para('Ingen.');

  // Page numbers last, when the page count is known (bufferPages).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `Side ${i + 1} af ${range.count}`;
    doc.text(text, RIGHT - doc.widthOfString(text), PAGE_H - M - 8, { lineBreak: false });
  }
  doc.end();
  return done;
}
