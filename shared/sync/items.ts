// Payload schemas of sync items, one per item type. Built from the record schemas in
// shared/contract/models.ts (never copied) so the server validates exactly what a workstation stores.
import { z } from 'zod';
import { contactSchema, doctorSchema, instant, shiftSchema, text, uuid } from '../contract/models';
import { ruleSetSchema } from '../rules/schema';
import {
  jsonValueProblem,
  MAX_AUDIT_DETAILS_BYTES,
  MAX_AUDIT_DETAILS_DEPTH,
} from '../record/possible';

/** Item types a workstation pushes (its own records). */
export const PUSH_ITEM_TYPES = ['shift', 'contact', 'audit'] as const;
export const pushItemTypeSchema = z.enum(PUSH_ITEM_TYPES);
export type PushItemType = z.infer<typeof pushItemTypeSchema>;

/** Item types the server owns and every device pulls (roster and rule sets). */
export const REFERENCE_ITEM_TYPES = ['doctor', 'rules'] as const;
export const PULL_ITEM_TYPES = [...PUSH_ITEM_TYPES, ...REFERENCE_ITEM_TYPES] as const;
export const pullItemTypeSchema = z.enum(PULL_ITEM_TYPES);
export type PullItemType = z.infer<typeof pullItemTypeSchema>;

/**
 * One audit-trail entry that is not a contact revision (sign-in, lockout, roster changes, rule
 * imports): the host's `audit` row as it queues it (host/stores/audit.ts). Append-only,
 * so it is always pushed as rev 1. `details` is action-specific and must never hold a CPR number.
 */
export const auditPayloadSchema = z.object({
  id: uuid,
  at: instant,
  /** Doctor who acted, or null for the system. */
  doctorId: text(100).nullable(),
  /** The workstation that wrote it: must be the pushing device. */
  deviceId: uuid,
  action: text(100).min(1),
  subjectId: text(200).nullable(),
  /** R-REC-1: bounded in size and depth, so no item can make a pull answer unbuildable. */
  details: z.record(z.string(), z.unknown()).superRefine((d, ctx) => {
    const problem = jsonValueProblem(d, MAX_AUDIT_DETAILS_DEPTH, MAX_AUDIT_DETAILS_BYTES);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem, params: { reason: 'AUDIT_DETAILS' } });
  }),
});
export type AuditPayload = z.infer<typeof auditPayloadSchema>;

/**
 * A roster entry as workstations pull it: the doctor plus a scrypt hash of their PIN so a
 * workstation can sign the doctor in offline. Format: `scrypt$N$r$p$saltB64$hashB64`, or null
 * when no PIN has been set on the server.
 */
export const pinHashSchema = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
export const rosterDoctorPayloadSchema = doctorSchema.extend({ pinHash: pinHashSchema.nullable() });
export type RosterDoctorPayload = z.infer<typeof rosterDoctorPayloadSchema>;

/** Payload schema per item type, pushed or pulled. */
export const payloadSchemas = {
  shift: shiftSchema,
  contact: contactSchema,
  audit: auditPayloadSchema,
  doctor: rosterDoctorPayloadSchema,
  rules: ruleSetSchema,
} as const satisfies Record<PullItemType, z.ZodType>;
