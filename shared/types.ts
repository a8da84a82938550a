// Core vocabulary of the domain (docs/rules.md §1, §3, §4). Pure types, shared by every layer.

/** A, B and C are the out-of-hours bands; DAY is dagtid (R-BAND-1). */
export type Band = 'A' | 'B' | 'C' | 'DAY';
export const BANDS = ['A', 'B', 'C', 'DAY'] as const;

/** R-CON-1 */
export type ContactKind = 'telefon' | 'video-forvisiteret';

/** R-FEE-7: internal service ids. */
export type ServiceId = 'TLF-A' | 'TLF-B' | 'TLF-C' | 'VIDEO-A' | 'VIDEO-B';
export const SERVICE_IDS = ['TLF-A', 'TLF-B', 'TLF-C', 'VIDEO-A', 'VIDEO-B'] as const;

/** Sygesikringsgruppe (R-CON-3). */
export type Group = 1 | 2;

/** Flags a priced contact may carry; mapped to Danish text in the renderer and exports. */
export type PriceFlag =
  | 'uden-for-vagttid' // R-BAND-1: recorded in dagtid, no out-of-hours fee
  | 'ingen-takst' // R-FEE-5: no rule set covers the date
  | 'gruppe-2' // R-CON-3: kept out of the region's claim, receipt needed
  | 'takst-videreført' // R-FEE-2: third-year amounts continued
  | 'april-2021-niveau' // R-FEE-6: no regulation index applied
  | 'video-mislykket' // R-FEE-4: failed video earns no video fee
  | 'video-uden-for-vagttid'; // video connected in dagtid: no video fee

export interface FeeLine {
  /** Internal service id (R-FEE-7). */
  code: ServiceId;
  /** The region's code for the service, from the rule set's service-code map; null if none. */
  regionalCode: string | null;
  /** Band the line was priced in (video lines: the connect band after C→B). */
  band: Exclude<Band, 'DAY'>;
  /** Unit price in øre after regulation (R-FEE-6). */
  unitOre: number;
  count: number;
  /** unitOre × count */
  amountOre: number;
  /** Instant (UTC ISO) that decided the line: answered for triage, connected for video. */
  decidedAt: string;
}

export interface BandDecision {
  band: Band;
  vagttid: boolean;
  /** Danish holiday name, or null. */
  holiday: string | null;
  /** Local wall-clock ISO with offset, e.g. 2025-03-04T16:00:00.000+01:00 */
  local: string;
}

/** What pricing needs to know about a contact (docs/rules.md §8 `price` input). */
export interface PricingInput {
  kind: ContactKind;
  answeredAt: string;
  video: { connectedAt: string | null; failedAt?: string | null } | null;
  group: Group;
}

export interface PricingResult {
  /** Band of the contact: decided at answeredAt (R-TIME-2). */
  band: Band;
  /** The rule set that priced it, or null when none covers the date (R-FEE-5). */
  rulesId: string | null;
  lines: FeeLine[];
  flags: PriceFlag[];
}
