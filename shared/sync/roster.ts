// POST /v1/roster (issue 14, R-ROSTER-1): a roster change sent by a supervisor device. The
// server stores it as the doctor's next revision and audits it with the device and `by`.
import { z } from 'zod';
import { roleSchema, text, uuid } from '../contract/models';

export const rosterChangeSchema = z
  .object({
    action: z.enum(['update', 'deactivate', 'reactivate']),
    doctorId: uuid,
    /** Who acted on the device (the signed-in supervisor's name and authorisation id). */
    by: text(200).min(1),
    name: text(200).trim().min(1).optional(),
    authId: text(20).trim().min(1).optional(),
    roles: z.array(roleSchema).min(1).optional(),
  })
  .strict();
export type RosterChange = z.infer<typeof rosterChangeSchema>;
