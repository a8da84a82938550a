// The claim (R-CLAIM-1..4) as one zod schema: the canonical JSON stored when a claim is exported,
// the JSON export itself and the contract's preview output. docs/claim-schema.json is generated
// from it, so the published schema cannot drift from the code.
import { z } from 'zod';
import { SERVICE_IDS } from '../types';
import { bandSchema, instant, isoDate, priceFlagSchema, uuid } from '../contract/models';

export const CLAIM_SCHEMA_ID = 'vagtkonsol.claim/1';

/** A contact splits into a call part (answering doctor) and a video part (video doctor), R-CON-5. */
export const claimPartSchema = z.enum(['call', 'video']);
export type ClaimPart = z.infer<typeof claimPartSchema>;

/** new: first time claimed; reversal: minus what an earlier claim held; replacement: the corrected line. */
export const claimEntrySchema = z.enum(['new', 'reversal', 'replacement']);
export type ClaimEntry = z.infer<typeof claimEntrySchema>;

/** Why a line is listed apart and not totalled (R-CLAIM-4). */
export const separateReasonSchema = z.enum([
  'gruppe-2',
  'uden-for-vagttid',
  'ingen-takst',
  'video-mislykket',
  'uden-takst',
]);
export type SeparateReason = z.infer<typeof separateReasonSchema>;

export const claimLineSchema = z.object({
  entry: claimEntrySchema,
  contactId: uuid,
  /** The contact revision the line was taken from (a reversal: the revision claimed before). */
  contactRev: z.number().int().min(1),
  part: claimPartSchema,
  /** Local (Europe/Copenhagen) date and 24-hour time of the instant that decided the line. */
  date: isoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/),
  band: bandSchema,
  /** Internal service id (R-FEE-7); null for a contact without a fee. */
  code: z.enum(SERVICE_IDS).nullable(),
  regionalCode: z.string().nullable(),
  /** CPR as DDMMYY-SSSS, or the visitor identity; "" when none was recorded. */
  patientId: z.string(),
  group: z.union([z.literal(1), z.literal(2)]),
  unitOre: z.number().int(),
  count: z.number().int(),
  amountOre: z.number().int(),
  rulesId: z.string().nullable(),
  flags: z.array(priceFlagSchema),
  /** Set on separate lines (R-CLAIM-4), null on totalled ones. */
  reason: separateReasonSchema.nullable(),
  /** The claim whose line a reversal takes back. */
  reversesClaimId: uuid.nullable(),
});
export type ClaimLine = z.infer<typeof claimLineSchema>;

export const claimPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('range'), from: isoDate, to: isoDate }),
  z.object({ kind: z.literal('shift'), shiftId: uuid, from: isoDate, to: isoDate }),
]);
export type ClaimPeriod = z.infer<typeof claimPeriodSchema>;

export const claimTotalSchema = z.object({
  code: z.enum(SERVICE_IDS),
  band: z.enum(['A', 'B', 'C']),
  regionalCode: z.string().nullable(),
  count: z.number().int(),
  amountOre: z.number().int(),
});
export type ClaimTotal = z.infer<typeof claimTotalSchema>;

export const claimSchema = z.object({
  schema: z.literal(CLAIM_SCHEMA_ID),
  /** Null on a preview (nothing is marked); the stored claim's id once exported. */
  claimId: uuid.nullable(),
  /**
   * Set only on a linked workstation's offline statement (R-CLAIM-5): "foreløbig – ikke
   * afregnet". It marks nothing and is never stored as a claim; absent on every real claim.
   */
  preliminary: z.literal(true).optional(),
  /** The one generation timestamp (R-CLAIM-2): everything else follows from the data. */
  generatedAt: instant,
  doctor: z.object({ id: uuid, name: z.string(), authId: z.string() }),
  period: claimPeriodSchema,
  ruleSets: z.array(z.object({ id: z.string(), name: z.string() })),
  /** "april 2021-niveau" unless a regulation index applied (R-FEE-6). */
  priceLevel: z.string(),
  /** True when a line carries takst-videreført: the claim says "takst fra 2024 videreført". */
  continued: z.boolean(),
  notes: z.array(z.string()),
  /** The doctor's calls in the period still open: not on this claim, they follow on a later one. */
  pending: z.number().int().min(0),
  /** Totalled lines (group 1 with a fee), reversals and replacements included. */
  lines: z.array(claimLineSchema),
  /** Group-2 contacts and contacts without a fee: listed, not totalled (R-CLAIM-4). */
  separate: z.array(claimLineSchema),
  totals: z.object({
    byCode: z.array(claimTotalSchema),
    grandTotalOre: z.number().int(),
    /** "1.234,56 kr." */
    grandTotal: z.string(),
  }),
});
export type Claim = z.infer<typeof claimSchema>;

export const CLAIM_FORMATS = ['csv', 'json', 'pdf'] as const;
export const claimFormatSchema = z.enum(CLAIM_FORMATS);
export type ClaimFormat = z.infer<typeof claimFormatSchema>;
