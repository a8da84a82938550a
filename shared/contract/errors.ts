// Stable error codes that cross the host boundary as { code, message, details? }.
// The renderer maps codes to Danish text (renderer/i18n); messages here are for logs.
import { z } from 'zod';

export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'INVALID_OUTPUT',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'WRONG_PIN',
  'LOCKED_OUT',
  'NOT_FOUND',
  'ALREADY_SET_UP',
  'SHIFT_ALREADY_OPEN',
  'NO_OPEN_SHIFT',
  'CALL_ALREADY_OPEN',
  'INVALID_STATE',
  'VALIDATION',
  'ALREADY_CLAIMED',
  'RULES_INVALID',
  'SYNC_FAILED',
  /** A linked device's roster change: the server did not answer; nothing changed (R-ROSTER-1). */
  'ROSTER_OFFLINE',
  /** The server refused a roster change from this device (not a supervisor device, or revoked). */
  'ROSTER_REFUSED',
  /** The doctor is on this workstation's roster but not on the server's. */
  'ROSTER_NOT_ON_SERVER',
  'DISK_FULL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const hostErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Field-level problems, keyed by field name, each a stable code (e.g. cpr: 'CPR_DATE'). */
  details: z.record(z.string(), z.string()).optional(),
});
export type HostErrorShape = z.infer<typeof hostErrorSchema>;

/** Thrown by host services; the dispatcher turns it into HostErrorShape. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HostError';
  }
  toJSON(): HostErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isHostErrorShape(x: unknown): x is HostErrorShape {
  return hostErrorSchema.safeParse(x).success;
}
