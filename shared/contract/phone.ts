// Contract entries for the phone link (R-PHONE-1, docs/phone-link.md): its settings and key for
// the supervisor, the refusal log, and the phone-system share per doctor and night (load view).
import { z } from 'zod';
import { phoneRefusalSchema } from '../phone/events';
import { instant, uuid } from './models';

export const phoneStatusSchema = z.object({
  enabled: z.boolean(),
  listening: z.boolean(),
  /** Where the connector posts (null while not listening). */
  url: z.string().nullable(),
  /** The workstation's key: shown to the supervisor only, sent by the connector in a header. */
  key: z.string(),
  port: z.number().int(),
  maxSkewSeconds: z.number().int(),
  maxAgeSeconds: z.number().int(),
  lastError: z.string().nullable(),
  rateLimited: z.number().int(),
});
export type PhoneStatus = z.infer<typeof phoneStatusSchema>;

export const phoneRefusalRowSchema = z.object({
  at: instant,
  eventType: z.enum(['answered', 'ended']).nullable(),
  callId: z.string().nullable(),
  agentAuthId: z.string().nullable(),
  reason: phoneRefusalSchema,
});
export type PhoneRefusalRow = z.infer<typeof phoneRefusalRowSchema>;

/** Per doctor and night: how many contacts took the phone system's instant, and answer → first save. */
export const phoneShareRowSchema = z.object({
  doctorId: uuid,
  name: z.string(),
  /** The night's local date (Europe/Copenhagen): a contact before 08:00 belongs to the day before. */
  night: z.string(),
  contacts: z.number().int(),
  phone: z.number().int(),
  /** Median seconds from answered to the doctor's first save (null: nothing saved yet). */
  medianFirstSaveSeconds: z.number().int().nullable(),
});
export type PhoneShareRow = z.infer<typeof phoneShareRowSchema>;

export const phoneMethods = {
  'phone.status': { input: z.object({}).strict(), output: phoneStatusSchema },
  'phone.configure': {
    input: z
      .object({
        enabled: z.boolean().optional(),
        newKey: z.literal(true).optional(),
        port: z.number().int().min(0).max(65535).optional(),
        maxSkewSeconds: z.number().int().min(0).max(600).optional(),
        maxAgeSeconds: z.number().int().min(10).max(86400).optional(),
      })
      .strict(),
    output: phoneStatusSchema,
  },
  'phone.refusals': {
    input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(phoneRefusalRowSchema),
  },
  'phone.share': {
    input: z.object({ from: instant, to: instant }).strict(),
    output: z.array(phoneShareRowSchema),
  },
} as const;
