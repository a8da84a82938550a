// POST /v1/roster (issue 14, R-ROSTER-1): a roster change sent by a supervisor device. The
// server stores it as the doctor's next revision and audits it with the device and `by`.
import { z } from 'zod';
import { doctorSchema, roleSchema, text, uuid } from '../contract/models';
import { pinHashSchema } from './items';

/** Who acted on the device (the signed-in supervisor's name and authorisation id). */
const by = text(200).min(1);
const name = text(200).trim().min(1);
const authId = text(20).trim().min(1);
const roles = z.array(roleSchema).min(1);

/** Update fields, deactivate or reactivate a doctor on the server's roster. */
export const rosterEditSchema = z
  .object({
    action: z.enum(['update', 'deactivate', 'reactivate']),
    doctorId: uuid,
    by,
    name: name.optional(),
    authId: authId.optional(),
    roles: roles.optional(),
  })
  .strict();

/**
 * A new PIN, sent as its scrypt hash (made on the workstation by host/pin.ts): the server never
 * sees the PIN itself, and stores and serves the hash as it does every PIN (docs/decisions.md D96).
 */
export const rosterPinSchema = z
  .object({ action: z.literal('reset-pin'), doctorId: uuid, by, pinHash: pinHashSchema })
  .strict();

/** A new doctor; the server gives the id. */
export const rosterAddSchema = z
  .object({ action: z.literal('add'), by, name, authId, roles, pinHash: pinHashSchema })
  .strict();

export const rosterChangeSchema = z.union([rosterEditSchema, rosterPinSchema, rosterAddSchema]);
export type RosterChange = z.infer<typeof rosterChangeSchema>;

/** The server's answer: the doctor as now on its roster (never a PIN hash), and whether it changed. */
export const rosterChangeAnswerSchema = z
  .object({
    doctor: doctorSchema.extend({ pin: z.boolean() }).strict(),
    changed: z.boolean(),
  })
  .strict();
export type RosterChangeAnswer = z.infer<typeof rosterChangeAnswerSchema>;

/** Error codes of a refused POST /v1/roster (400), besides BAD_REQUEST. */
export const ROSTER_ERROR_CODES = ['UNKNOWN_DOCTOR', 'AUTH_ID_TAKEN'] as const;
