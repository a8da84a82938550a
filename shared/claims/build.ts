// Claim arithmetic (R-CLAIM-1, -3, -4), pure: the host gathers the parts from its database and
// this turns them into the claim and says which parts the claim marks as claimed.
import { SERVICE_IDS } from '../types';
import { formatKr } from '../money';
import {
  CLAIM_SCHEMA_ID,
  type Claim,
  type ClaimLine,
  type ClaimPart,
  type ClaimPeriod,
  type ClaimTotal,
} from './model';
import { claimContent, partLines, reverseLine, type ContactPart } from './parts';

export const DEFAULT_PRICE_LEVEL = 'april 2021-niveau';
export const INDEXED_PRICE_LEVEL = 'reguleret efter indeks';
export const CONTINUED_NOTE = 'takst fra 2024 videreført';

/** A part an earlier claim holds, and its state now (null: voided or no longer claimable). */
export interface Adjustment {
  claimId: string;
  claimed: ClaimLine[];
  current: ContactPart | null;
}

export interface ClaimInput {
  claimId: string | null;
  generatedAt: string;
  doctor: { id: string; name: string; authId: string };
  period: ClaimPeriod;
  /** Parts of the period not claimed before. */
  newParts: readonly ContactPart[];
  /** Claimed parts whose contact has a later revision (R-CLAIM-3). */
  adjustments: readonly Adjustment[];
  ruleSetInfo: (id: string) => { name: string; priceLevel: string } | null;
  /** Calls of the doctor in the period that are still open (not claimable yet). */
  pending?: number;
}

/** What exporting the claim records: each part's lines as now claimed ([] once reversed away). */
export interface ClaimMark {
  contactId: string;
  part: ClaimPart;
  contactRev: number;
  lines: ClaimLine[];
}

const ENTRY_ORDER = { reversal: 0, replacement: 1, new: 2 } as const;

function compareLines(a: ClaimLine, b: ClaimLine): number {
  return (
    cmp(a.date, b.date) ||
    cmp(a.time, b.time) ||
    cmp(a.contactId, b.contactId) ||
    cmp(a.part, b.part) ||
    ENTRY_ORDER[a.entry] - ENTRY_ORDER[b.entry] ||
    cmp(a.code ?? '', b.code ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function totalsOf(lines: readonly ClaimLine[]): ClaimTotal[] {
  const by = new Map<string, ClaimTotal>();
  for (const l of lines) {
    if (l.code === null || l.band === 'DAY') continue;
    const key = `${l.code}|${l.band}|${l.regionalCode ?? ''}`;
    let t = by.get(key);
    if (!t) {
      t = { code: l.code, band: l.band, regionalCode: l.regionalCode, count: 0, amountOre: 0 };
      by.set(key, t);
    }
    t.count += l.count;
    t.amountOre += l.amountOre;
  }
  const order = (t: ClaimTotal) => SERVICE_IDS.indexOf(t.code);
  return [...by.values()].sort(
    (a, b) =>
      order(a) - order(b) || cmp(a.band, b.band) || cmp(a.regionalCode ?? '', b.regionalCode ?? ''),
  );
}

export function buildClaim(input: ClaimInput): { claim: Claim; marks: ClaimMark[] } {
  const all: ClaimLine[] = [];
  const marks: ClaimMark[] = [];
  for (const p of input.newParts) {
    const lines = partLines(p, 'new');
    all.push(...lines);
    marks.push({ contactId: p.contactId, part: p.part, contactRev: p.contactRev, lines });
  }
  for (const a of input.adjustments) {
    const now = a.current ? partLines(a.current, 'replacement') : [];
    if (a.current && claimContent(now) === claimContent(a.claimed)) continue;
    const first = a.claimed[0];
    if (!first && now.length === 0) continue;
    all.push(...a.claimed.map((l) => reverseLine(l, a.claimId)), ...now);
    marks.push({
      contactId: a.current?.contactId ?? first!.contactId,
      part: a.current?.part ?? first!.part,
      contactRev: a.current?.contactRev ?? first!.contactRev,
      lines: now,
    });
  }
  all.sort(compareLines);
  const lines = all.filter((l) => l.reason === null);
  const separate = all.filter((l) => l.reason !== null);
  const grandTotalOre = lines.reduce((s, l) => s + l.amountOre, 0);

  const ruleIds = [...new Set(all.map((l) => l.rulesId).filter((x): x is string => !!x))].sort();
  const ruleSets = ruleIds.map((id) => ({ id, name: input.ruleSetInfo(id)?.name ?? id }));
  const levels = new Set<string>();
  for (const l of all) {
    if (l.code === null) continue;
    levels.add(
      l.flags.includes('april-2021-niveau')
        ? (input.ruleSetInfo(l.rulesId ?? '')?.priceLevel ?? DEFAULT_PRICE_LEVEL)
        : INDEXED_PRICE_LEVEL,
    );
  }
  const priceLevel = levels.size ? [...levels].sort().join(' og ') : DEFAULT_PRICE_LEVEL;
  const continued = all.some((l) => l.flags.includes('takst-videreført'));

  const notes: string[] = [`Beløb i ${priceLevel}.`];
  if (continued) notes.push(`Video: ${CONTINUED_NOTE}.`);
  if (separate.length)
    notes.push('Gruppe 2-kontakter og kontakter uden takst er listet særskilt og ikke medregnet.');
  if (all.some((l) => l.entry === 'reversal'))
    notes.push('Rettede eller annullerede kontakter fra tidligere afregninger er tilbageført.');
  const pending = input.pending ?? 0;
  if (pending > 0)
    notes.push(
      `${pending} ${pending === 1 ? 'kontakt' : 'kontakter'} i perioden er ikke afsluttet og kommer med på en senere afregning.`,
    );

  const claim: Claim = {
    schema: CLAIM_SCHEMA_ID,
    claimId: input.claimId,
    generatedAt: input.generatedAt,
    doctor: { ...input.doctor },
    period: input.period,
    ruleSets,
    priceLevel,
    continued,
    notes,
    pending,
    lines,
    separate,
    totals: { byCode: totalsOf(lines), grandTotalOre, grandTotal: formatKr(grandTotalOre) },
  };
  return { claim, marks };
}
