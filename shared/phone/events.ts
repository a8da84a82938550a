// The phone link's events (R-PHONE-1): what a phone platform's connector posts to a workstation
// (docs/phone-link.md). Vendor-neutral: a call id, the phone system's own instants, the agent's
// authorisation id. Published as docs/phone-events.schema.json (generated; a test checks it).
import { DateTime } from 'luxon';
import { z } from 'zod';

/** An ISO-8601 instant with a zone (Z or ±hh:mm), at most millisecond precision. */
export const phoneInstant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/)
  .refine((s) => DateTime.fromISO(s, { setZone: true }).isValid, 'not a real instant');

/** As stored (the contract's `instant`; repeated here so models.ts can import this file). */
const utcInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

/** The phone system's id of the call: the reference to its recording. */
export const callIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:@-]+$/);

export const answeredEventSchema = z
  .object({
    type: z.literal('answered'),
    callId: callIdSchema,
    /** When the agent picked up, by the phone system's clock. */
    answeredAt: phoneInstant,
    /** The agent's autorisations-id (the doctor's authId in Vagtkonsol). */
    agentAuthId: z.string().trim().min(1).max(20),
    /** Caller's number as the platform shows it (E.164 or national), or null when withheld. */
    callerNumber: z
      .string()
      .max(32)
      .regex(/^\+?[0-9 ]{1,31}$/)
      .nullable()
      .optional(),
    /** The CPR number the caller keyed in the IVR, if any; checked, never trusted. */
    ivrCpr: z
      .string()
      .max(11)
      .regex(/^[0-9-]*$/)
      .nullable()
      .optional(),
    queue: z.string().max(100).nullable().optional(),
  })
  .strict();
export type AnsweredEvent = z.infer<typeof answeredEventSchema>;

export const endedEventSchema = z
  .object({
    type: z.literal('ended'),
    callId: callIdSchema,
    endedAt: phoneInstant,
  })
  .strict();
export type EndedEvent = z.infer<typeof endedEventSchema>;

export const phoneEventSchema = z.discriminatedUnion('type', [
  answeredEventSchema,
  endedEventSchema,
]);
export type PhoneEvent = z.infer<typeof phoneEventSchema>;

/** Why an event was refused; each has a Danish text in the console (renderer/i18n). */
export const PHONE_REFUSALS = [
  'NOT_SIGNED_IN',
  'OTHER_DOCTOR',
  'NO_OPEN_SHIFT',
  'IN_FUTURE',
  'TOO_OLD',
  'BEFORE_SHIFT',
  'CALL_ALREADY_OPEN',
  'UNKNOWN_CALL',
  'ENDED_BEFORE_ANSWERED',
  'MALFORMED',
  'UNAUTHORIZED',
  'TOO_LARGE',
] as const;
export const phoneRefusalSchema = z.enum(PHONE_REFUSALS);
export type PhoneRefusal = z.infer<typeof phoneRefusalSchema>;

/** The link's answer to one event (HTTP 200 accepted / 409 refused / 4xx transport). */
export const phoneReplySchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('created'),
    contactId: z.string(),
  }),
  z.object({ status: z.literal('duplicate'), contactId: z.string() }),
  z.object({ status: z.literal('ended'), contactId: z.string() }),
  z.object({ status: z.literal('already-ended'), contactId: z.string() }),
  z.object({ status: z.literal('refused'), reason: phoneRefusalSchema, message: z.string() }),
]);
export type PhoneReply = z.infer<typeof phoneReplySchema>;

/** What a contact keeps of the call that opened it (R-PHONE-1). */
export const phoneCallInfoSchema = z.object({
  callId: callIdSchema,
  callerNumber: z.string().max(32).nullable(),
  queue: z.string().max(100).nullable(),
  /** What the IVR's CPR was: none given, valid (prefilled as the patient), or invalid. */
  ivrCpr: z.enum(['none', 'valid', 'invalid']),
  /** The digits the IVR gave when they were not a valid CPR, shown so the doctor can ask. */
  ivrCprInvalid: z.string().max(11).nullable(),
  /** When the event reached this workstation (answer → event latency). */
  receivedAt: utcInstant,
  /** The phone system's end of the call, once its `ended` event came. */
  endedAt: utcInstant.nullable(),
});
export type PhoneCallInfo = z.infer<typeof phoneCallInfoSchema>;
