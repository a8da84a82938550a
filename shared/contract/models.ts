// Records that cross the host boundary (and, in full, the sync payloads). One definition each.
import { z } from 'zod';
import { SERVICE_IDS } from '../types';
import { parseCpr } from '../cpr';
import { contactProblems, isCleanText, isRealDate, isRealInstant } from '../record/possible';
import { phoneCallInfoSchema } from '../phone/events';

export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** ISO-8601 UTC instant with milliseconds, e.g. 2024-05-09T14:03:12.345Z; a real one (R-REC-1). */
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine(isRealInstant, { message: 'ikke et virkeligt tidspunkt', params: { reason: 'INSTANT' } });
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isRealDate, { message: 'ikke en virkelig dato', params: { reason: 'DATE' } });
/** Bounded text that is valid Unicode without control characters (R-REC-1). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine(isCleanText, { message: 'ugyldig tekst (UTF-8)', params: { reason: 'TEXT' } });

export const bandSchema = z.enum(['A', 'B', 'C', 'DAY']);
export const roleSchema = z.enum(['doctor', 'coordinator', 'supervisor']);
export type Role = z.infer<typeof roleSchema>;

export const doctorSchema = z.object({
  id: uuid,
  name: text(200).min(1),
  /** Autorisations-id from Styrelsen for Patientsikkerhed. */
  authId: text(20).min(1),
  roles: z.array(roleSchema).min(1),
  active: z.boolean(),
  demo: z.boolean(),
});
export type Doctor = z.infer<typeof doctorSchema>;

export const sessionSchema = z.object({
  doctor: doctorSchema,
  workstationId: uuid,
  signedInAt: instant,
});
export type Session = z.infer<typeof sessionSchema>;

export const shiftSchema = z.object({
  id: uuid,
  rev: z.number().int().min(1),
  doctorId: uuid,
  workstationId: uuid,
  openedAt: instant,
  closedAt: instant.nullable(),
});
export type Shift = z.infer<typeof shiftSchema>;

/** EU/EEA countries (ISO 3166 alpha-2) or 'andet' (R-CON-3 visitor identity). */
export const visitorCountrySchema = z.string().regex(/^([A-Z]{2}|andet)$/);

export const patientSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('cpr'),
    cpr: z
      .string()
      .regex(/^\d{10}$/)
      .refine((v) => parseCpr(v).ok, {
        message: 'ugyldigt CPR-nummer',
        params: { reason: 'CPR_INVALID' },
      }),
  }),
  z.object({
    type: z.literal('visitor'),
    birthDate: isoDate,
    country: visitorCountrySchema,
    letters: z.string().regex(/^[A-ZÆØÅ]{4}$/),
  }),
]);
export type Patient = z.infer<typeof patientSchema>;

export const CALLERS = ['self', 'parent', 'relative', 'care-staff', 'other'] as const;
export const callerSchema = z.enum(CALLERS);

/** R-CON-4 (DSAM 4.1) */
export const OUTCOMES = [
  'raad-og-vejledning',
  'recept',
  'egen-laege-naeste-hverdag',
  'konsultation',
  'sygebesoeg',
  'video',
  'kommunal-sygepleje',
  'sygehus',
  'ambulance-112',
  'anden-instans',
] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

export const feeLineSchema = z.object({
  code: z.enum(SERVICE_IDS),
  regionalCode: text(50).nullable(),
  band: z.enum(['A', 'B', 'C']),
  unitOre: z.number().int().min(0).max(100_000_000),
  count: z.number().int(),
  amountOre: z.number().int().min(0).max(100_000_000),
  decidedAt: instant,
});

export const priceFlagSchema = z.enum([
  'uden-for-vagttid',
  'ingen-takst',
  'gruppe-2',
  'takst-videreført',
  'april-2021-niveau',
  'video-mislykket',
  'video-uden-for-vagttid',
]);

export const videoSchema = z.object({
  /** The doctor the video part belongs to (R-CON-5); the answering doctor unless handed over. */
  doctorId: uuid,
  requestedAt: instant,
  connectedAt: instant.nullable(),
  failedAt: instant.nullable(),
  failReason: text(500).nullable(),
  endedAt: instant.nullable(),
});
export type Video = z.infer<typeof videoSchema>;

export const contactStatusSchema = z.enum(['open', 'ended', 'voided']);

/** Editable fields of a contact (what the doctor types). */
export const contactFieldsSchema = z.object({
  patient: patientSchema.nullable(),
  group: z.union([z.literal(1), z.literal(2)]),
  caller: callerSchema.nullable(),
  reason: text(2000),
  outcome: outcomeSchema.nullable(),
  /** R-CON-6: only meaningful with outcome 'konsultation'. */
  transportGranted: z.boolean(),
  note: text(10000),
});
export type ContactFields = z.infer<typeof contactFieldsSchema>;

/** A contact's full state at one revision (also the sync payload for type `contact`). */
export const contactSchema = contactFieldsSchema
  .extend({
    id: uuid,
    rev: z.number().int().min(1),
    shiftId: uuid,
    doctorId: uuid,
    workstationId: uuid,
    kind: z.enum(['telefon', 'video-forvisiteret']),
    answeredAt: instant,
    endedAt: instant.nullable(),
    video: videoSchema.nullable(),
    status: contactStatusSchema,
    // Decided at recording time and stored (R-FEE-8):
    band: bandSchema,
    vagttid: z.boolean(),
    holiday: text(100).nullable(),
    rulesId: text(100).nullable(),
    lines: z.array(feeLineSchema).max(10),
    flags: z.array(priceFlagSchema).max(20),
    /** Who made this revision, when, and why (R-REV-1). */
    revisedBy: uuid,
    revisedAt: instant,
    revisionReason: text(500).nullable(),
    /** R-PHONE-1: who opened it; absent on records from before the phone link (= manual). */
    source: z.enum(['manual', 'phone']).optional(),
    /** R-PHONE-1: the call that opened it (phone source only). */
    phone: phoneCallInfoSchema.nullable().optional(),
  })
  .superRefine((c, ctx) => {
    // R-REC-1: a contact that could not have happened is refused wherever it is validated.
    for (const p of contactProblems(c))
      ctx.addIssue({
        code: 'custom',
        path: p.path,
        message: p.message,
        params: { reason: p.code },
      });
  });
export type Contact = z.infer<typeof contactSchema>;

export const revisionSchema = z.object({
  rev: z.number().int().min(1),
  action: z.enum(['create', 'save', 'end', 'correct', 'void', 'reprice']),
  by: uuid,
  byName: z.string(),
  at: instant,
  reason: z.string().nullable(),
  contact: contactSchema,
});
export type Revision = z.infer<typeof revisionSchema>;

/** Contacts per band with fee totals; the basis of the shift summary and of R-LOAD-1. */
export const bandCountsSchema = z.object({
  A: z.number().int(),
  B: z.number().int(),
  C: z.number().int(),
  DAY: z.number().int(),
});

export const loadCellSchema = z.object({
  contacts: z.number().int(),
  byBand: bandCountsSchema,
  talkSeconds: z.number().int(),
  videoEscalations: z.number().int(),
  videoConnected: z.number().int(),
  transportGranted: z.number().int(),
  /** Mean handling time (answered→ended) of contacts answered in the cell, seconds. */
  meanHandlingSeconds: z.number().int(),
  feesOre: z.number().int(),
});
export type LoadCell = z.infer<typeof loadCellSchema>;

export const loadReportSchema = z.object({
  source: z.enum(['local', 'server']),
  /** When the data was last refreshed from its source. */
  asOf: instant,
  from: instant,
  to: instant,
  thresholds: z.object({ amber: z.number().int(), red: z.number().int() }),
  doctors: z.array(
    z.object({
      doctorId: uuid,
      name: z.string(),
      hours: z.array(loadCellSchema.extend({ hour: instant })),
      totals: loadCellSchema,
    }),
  ),
});
export type LoadReport = z.infer<typeof loadReportSchema>;

export const shiftSummarySchema = z.object({
  shift: shiftSchema,
  contacts: z.number().int(),
  byBand: bandCountsSchema,
  videoEscalations: z.number().int(),
  videoConnected: z.number().int(),
  voided: z.number().int(),
  feesOre: z.number().int(),
});
export type ShiftSummary = z.infer<typeof shiftSummarySchema>;

export const bandNowSchema = z.object({
  now: instant,
  band: bandSchema,
  vagttid: z.boolean(),
  holiday: z.string().nullable(),
  local: z.string(),
  next: z.object({ at: instant, band: bandSchema }),
  rulesId: z.string().nullable(),
});
export type BandNow = z.infer<typeof bandNowSchema>;

export const ruleSetInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  builtIn: z.boolean(),
  active: z.boolean(),
});
