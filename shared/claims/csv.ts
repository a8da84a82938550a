// CSV for Danish spreadsheets (R-CLAIM-2): `;` between fields, decimal comma, UTF-8 with BOM
// (so Excel reads æøå), CRLF line ends, fields quoted only when they need it. A few heading rows
// name the claim; then one table of lines, the separate lines and the totals. Pure text, so the
// workstation and the region's server write the same bytes (R-CLAIM-5).
import type { Claim, ClaimLine } from './model';
import {
  ENTRY_LABEL,
  PRELIMINARY_MARK,
  PRELIMINARY_TEXT,
  REASON_LABEL,
  PART_LABEL,
  danishDate,
  periodLabel,
} from './labels';
import { formatOreForCsv } from '../money';

const BOM = '\uFEFF';
const EOL = '\r\n';

/** Quotes a field holding the separator, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  // A text cell starting with = + - @ would be run as a formula by a spreadsheet; amounts are
  // written by formatOreForCsv and never pass through here as text.
  const safe = /^[=+@\t\r-]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (cells: string[]) => cells.join(';');

const HEADER = [
  'Afsnit',
  'Type',
  'Dato',
  'Tid',
  'Takstzone',
  'Del',
  'Ydelse',
  'Regional kode',
  'Patient',
  'Gruppe',
  'Enhedspris (kr.)',
  'Antal',
  'Beløb (kr.)',
  'Bemærkning',
  'Kontakt-id',
  'Revision',
];

function lineRow(section: string, l: ClaimLine): string {
  return row([
    section,
    ENTRY_LABEL[l.entry],
    danishDate(l.date),
    l.time,
    l.band === 'DAY' ? 'Dagtid' : l.band,
    PART_LABEL[l.part],
    l.code ?? '',
    csvField(l.regionalCode ?? ''),
    csvField(l.patientId),
    String(l.group),
    formatOreForCsv(l.unitOre),
    String(l.count),
    formatOreForCsv(l.amountOre),
    l.reason ? REASON_LABEL[l.reason] : '',
    l.contactId,
    String(l.contactRev),
  ]);
}

/** The CSV as text; the caller writes it as UTF-8 (the BOM is its first character). */
export function claimCsvText(claim: Claim): string {
  const out: string[] = [
    // An offline statement says so first (R-CLAIM-5); a claim's bytes are unchanged.
    ...(claim.preliminary
      ? [row([PRELIMINARY_MARK.toUpperCase(), csvField(PRELIMINARY_TEXT)])]
      : []),
    row([
      'Afregning',
      claim.claimId ?? (claim.preliminary ? PRELIMINARY_MARK : 'Udkast (ikke afregnet)'),
    ]),
    row(['Læge', csvField(`${claim.doctor.name} (${claim.doctor.authId})`)]),
    row(['Periode', csvField(periodLabel(claim.period))]),
    row(['Regelsæt', csvField(claim.ruleSets.map((r) => `${r.name} [${r.id}]`).join(', '))]),
    row(['Prisniveau', csvField(claim.priceLevel)]),
    ...claim.notes.map((n) => row(['Note', csvField(n)])),
    row(['Dannet', claim.generatedAt]),
    '',
    row(HEADER),
    ...claim.lines.map((l) => lineRow('Afregnes', l)),
    ...claim.separate.map((l) => lineRow('Særskilt, ikke medregnet', l)),
    '',
    row(['Total', 'Ydelse', 'Takstzone', 'Regional kode', 'Antal', 'Beløb (kr.)']),
    ...claim.totals.byCode.map((t) =>
      row([
        'Total',
        t.code,
        t.band,
        csvField(t.regionalCode ?? ''),
        String(t.count),
        formatOreForCsv(t.amountOre),
      ]),
    ),
    row(['I alt', '', '', '', '', formatOreForCsv(claim.totals.grandTotalOre)]),
  ];
  return BOM + out.join(EOL) + EOL;
}
