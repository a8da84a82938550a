// Contract entries for claims (issue 6, SPEC §6). The claim itself is shared/claims/model.ts.
import { z } from 'zod';
import { claimFormatSchema, claimPeriodSchema, claimSchema } from '../claims/model';
import { instant, isoDate, uuid } from './models';

/**
 * Whose claim and which period: a shift (its doctor), or a doctor and inclusive local dates.
 * doctorId defaults to the signed-in doctor; only a supervisor may name another doctor.
 */
export const claimTargetSchema = z
  .object({
    doctorId: uuid.optional(),
    shiftId: uuid.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .refine((t) => (t.shiftId ? !t.from && !t.to : !!t.from && !!t.to && t.from <= t.to), {
    message: 'Give either shiftId, or from and to (from ≤ to)',
  });
export type ClaimTarget = z.infer<typeof claimTargetSchema>;

export const claimFileSchema = z.object({
  claimId: uuid,
  fileName: z.string(),
  mime: z.string(),
  /** The file's bytes, base64. */
  base64: z.string(),
});
export type ClaimFile = z.infer<typeof claimFileSchema>;

export const claimSummarySchema = z.object({
  claimId: uuid,
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
  /** The claim as it would be exported now; marks nothing. */
  'claim.preview': { input: claimTargetSchema, output: claimSchema },
  /** Builds, stores and marks the claim (R-CLAIM-3), and returns the file. */
  'claim.export': {
    input: z
      .object({
        doctorId: uuid.optional(),
        shiftId: uuid.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        format: claimFormatSchema,
      })
      .strict()
      .refine((t) => (t.shiftId ? !t.from && !t.to : !!t.from && !!t.to && t.from <= t.to), {
        message: 'Give either shiftId, or from and to (from ≤ to)',
      }),
    output: claimFileSchema,
  },
  /** Past claims, newest first: one doctor's (default: the signed-in one); supervisors may pass any. */
  'claim.list': {
    input: z.object({ doctorId: uuid.optional() }).strict(),
    output: z.array(claimSummarySchema),
  },
  /** A past claim again, from its stored canonical JSON: the same bytes as when exported. */
  'claim.reprint': {
    input: z.object({ claimId: uuid, format: claimFormatSchema }).strict(),
    output: claimFileSchema,
  },
} as const;
