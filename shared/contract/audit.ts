// Contract entry for the claims office's audit (R-AUDIT-1) in the console: supervisors see the
// server's list when this is a linked supervisor device and the server answers.
import { z } from 'zod';
import { regionAuditSchema } from '../audit/schema';
import { isoDate } from './models';

export const auditMethods = {
  /** The region's audit for [from, to] (local dates); null when offline or not a supervisor device. */
  'audit.region': {
    input: z.object({ from: isoDate, to: isoDate }).strict(),
    output: regionAuditSchema.nullable(),
  },
} as const;
