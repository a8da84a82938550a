// Contract entries for claims (issue 6, docs/rules.md §6). The claim itself is shared/claims/model.ts.
import { z } from 'zod';
import { claimFormatSchema, claimPeriodSchema, claimSchema } from '../claims/model';
import { instant, isoDate, uuid } from './models';

/**
 * Whose claim and which period: a shift (its doctor), or a doctor and inclusive local dates.
 * doctorId defaults to the signed-in doctor; only a supervisor may name another doctor.
 */
const targetFields = {
  doctorId: uuid.optional(),
  shiftId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const onePeriod = (t: { shiftId?: string; from?: string; to?: string }) =>
  t.shiftId ? !t.from && !t.to : !!t.from && !!t.to && t.from <= t.to;
const onePeriodMessage = { message: 'Give either shiftId, or from and to (from ≤ to)' };

export const claimTargetSchema = z
  .object(targetFields)
  .strict()
  .refine(onePeriod, onePeriodMessage);
export type ClaimTarget = z.infer<typeof claimTargetSchema>;

export const claimPreviewInputSchema = z
  .object({
    ...targetFields,
    /**
     * true: every finished part of the period as it stands now, claimed before or not, and no
     * reversals: a statement of the period (the load view's drill-down), not the next claim.
     */
    includeClaimed: z.boolean().optional(),
  })
  .strict()
  .refine(onePeriod, onePeriodMessage);

export const claimExportInputSchema = z
  .object({ ...targetFields, format: claimFormatSchema })
  .strict()
  .refine(onePeriod, onePeriodMessage);

/**
 * Where a claim was made and marked (R-CLAIM-5): `local` on a workstation never linked to a
 * sync server (R-CLAIM-3); `region` on the server, for a linked workstation; `offline` a linked
 * workstation's statement while the server cannot be reached: "foreløbig – ikke afregnet",
 * marks nothing, stored nowhere.
 */
export const claimSourceSchema = z.enum(['local', 'region', 'offline']);
export type ClaimSource = z.infer<typeof claimSourceSchema>;

export const claimFileSchema = z.object({
  /** The claim's id; null on an offline statement (it is not a claim). */
  claimId: uuid.nullable(),
  source: claimSourceSchema,
  fileName: z.string(),
  mime: z.string(),
  /** The file's bytes, base64. */
  base64: z.string(),
});
export type ClaimFile = z.infer<typeof claimFileSchema>;

export const claimSummarySchema = z.object({
  claimId: uuid,
  /** local: made and marked here; region: made and marked on the server (a copy kept here). */
  source: z.enum(['local', 'region']),
  doctorId: uuid,
  doctorName: z.string(),
  period: claimPeriodSchema,
  createdAt: instant,
  /** Null when made with the command line (no one signed in). */
  createdBy: uuid.nullable(),
  lines: z.number().int(),
  separate: z.number().int(),
  grandTotalOre: z.number().int(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const claimMethods = {
  /**
   * The claim as it would be exported now from this workstation's data (or, with includeClaimed,
   * the whole period); marks nothing. On a linked workstation the server decides what is claimed.
   */
  'claim.preview': { input: claimPreviewInputSchema, output: claimSchema },
  /**
   * Builds, stores and marks the claim (R-CLAIM-3), and returns the file. On a linked
   * workstation the server makes and marks it (source region); if the server cannot be reached,
   * an offline statement that marks nothing (source offline, R-CLAIM-5).
   */
  'claim.export': { input: claimExportInputSchema, output: claimFileSchema },
  /**
   * Past claims, newest first: one doctor's (default: the signed-in one); supervisors may pass
   * any. Local claims and the copies of region claims made through this workstation.
   */
  'claim.list': {
    input: z.object({ doctorId: uuid.optional() }).strict(),
    output: z.array(claimSummarySchema),
  },
  /**
   * A past claim again, from its stored canonical JSON: the same bytes as when exported. A
   * region claim not held here is fetched from the server (GET /v1/claims/ID).
   */
  'claim.reprint': {
    input: z.object({ claimId: uuid, format: claimFormatSchema }).strict(),
    output: claimFileSchema,
  },
} as const;
