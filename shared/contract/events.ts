// Host → renderer events, one stream per transport.
import { z } from 'zod';
import { bandNowSchema } from './models';

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
]);
export type HostEvent = z.infer<typeof hostEventSchema>;
