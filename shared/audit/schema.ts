// The region audit as it crosses a door: GET /v1/audit (server → supervisor device) and the
// contract's audit.region (host → console). One schema for both.
import { z } from 'zod';
import { FINDING_CODES } from './findings';

const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const auditFindingSchema = z.object({
  id: z.string().max(200),
  code: z.enum(FINDING_CODES),
  doctorId: z.string().max(100),
  doctorName: z.string().max(200),
  contactId: z.string().max(100).nullable(),
  at: isoInstant,
  text: z.string().max(1000),
});

export const regionAuditSchema = z.object({
  from: isoDate,
  to: isoDate,
  generatedAt: isoInstant,
  minVideoSeconds: z.number().int().nonnegative(),
  /** False while the server holds no claim marks (D89). */
  claimsChecked: z.boolean(),
  findings: z.array(auditFindingSchema),
});
export type RegionAuditReport = z.infer<typeof regionAuditSchema>;

/** The longest period one request may ask for (the audit is built in memory). */
export const MAX_AUDIT_DAYS = 93;
