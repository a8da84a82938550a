// Host → renderer events, one stream per transport.
import { z } from 'zod';
import { bandNowSchema, contactSchema } from './models';
import { phoneRefusalSchema } from '../phone/events';

export const hostEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('band'), band: bandNowSchema }),
  z.object({ type: z.literal('outbox'), waiting: z.number().int(), conflicts: z.number().int() }),
  z.object({ type: z.literal('roster') }),
  z.object({
    type: z.literal('sync'),
    /** false after sync.disconnect (no server configured); absent from older hosts. */
    configured: z.boolean().optional(),
    online: z.boolean(),
    waiting: z.number().int(),
    conflicts: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    clockSkewMs: z.number().int().nullable(),
  }),
  // R-PHONE-1: the phone link opened a contact or recorded a call's end; or refused an event.
  z.object({
    type: z.literal('phone'),
    contactId: z.string(),
    status: z.enum(['created', 'ended']),
    /** The new contact, so the console shows it without a round trip (created only). */
    contact: contactSchema.optional(),
  }),
  z.object({
    type: z.literal('phoneRefused'),
    reason: phoneRefusalSchema,
    at: z.string(),
    callId: z.string().nullable(),
  }),
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
