// Danish words the claim exports print (shared so the console's preview can use the same ones).
import type { ClaimEntry, ClaimPeriod, SeparateReason } from './model';

export const ENTRY_LABEL: Record<ClaimEntry, string> = {
  new: 'Ny',
  reversal: 'Tilbageførsel',
  replacement: 'Rettet',
};

export const REASON_LABEL: Record<SeparateReason, string> = {
  'gruppe-2': 'Gruppe 2 (kvittering)',
  'uden-for-vagttid': 'Uden for vagttid',
  'ingen-takst': 'Ingen takst for datoen',
  'video-mislykket': 'Video mislykket',
  'uden-takst': 'Uden takst',
};

export const PART_LABEL = { call: 'Telefon', video: 'Video' } as const;

/** "2025-03-04" → "04.03.2025" */
export function danishDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export function periodLabel(p: ClaimPeriod): string {
  const range =
    p.from === p.to ? danishDate(p.from) : `${danishDate(p.from)} – ${danishDate(p.to)}`;
  return p.kind === 'shift' ? `Vagt ${p.shiftId} (${range})` : range;
}

/** The mark on a linked workstation's offline statement (R-CLAIM-5), in the file and the UI. */
export const PRELIMINARY_MARK = 'Foreløbig – ikke afregnet';
/** What the statement is, printed under the mark. */
export const PRELIMINARY_TEXT =
  'Opgørelse fra arbejdspladsen uden forbindelse til serveren. Intet er afregnet eller markeret; afregn igen, når serveren svarer.';
