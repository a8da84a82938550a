// Every host method, declared once: name → zod input and output. Both transports (IPC and
// loopback HTTP), the typed client and the dispatcher are derived from this table.
import { z } from 'zod';
import {
  bandNowSchema,
  contactFieldsSchema,
  contactSchema,
  doctorSchema,
  instant,
  loadReportSchema,
  revisionSchema,
  roleSchema,
  ruleSetInfoSchema,
  sessionSchema,
  shiftSchema,
  shiftSummarySchema,
  text,
  uuid,
} from './models';
import { claimMethods } from './claims';
import { syncMethods } from './sync';
import { settingsMethods } from './settings';
import { phoneMethods } from './phone';
import { auditMethods } from './audit';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });
const pin = z.string().regex(/^\d{4,8}$/);
const reason = text(500).trim().min(3);

export const methods = {
  // First launch and roster (issue 5 §1)
  'setup.status': {
    input: empty,
    output: z.object({
      hasDoctors: z.boolean(),
      demo: z.boolean(),
      workstationId: uuid,
      version: z.string(),
      mode: z.enum(['electron', 'browser']),
    }),
  },
  'setup.createFirstSupervisor': {
    input: z
      .object({
        name: text(200).trim().min(1),
        authId: text(20).trim().min(1),
        pin,
      })
      .strict(),
    output: doctorSchema,
  },
  'setup.loadDemo': {
    input: empty,
    output: z.object({ doctors: z.number().int(), contacts: z.number().int() }),
  },
  'roster.list': { input: empty, output: z.array(doctorSchema) },
  'roster.add': {
    input: z
      .object({
        name: text(200).trim().min(1),
        authId: text(20).trim().min(1),
        pin,
        roles: z.array(roleSchema).min(1),
      })
      .strict(),
    output: doctorSchema,
  },
  'roster.update': {
    input: z
      .object({
        id: uuid,
        name: text(200).trim().min(1).optional(),
        authId: text(20).trim().min(1).optional(),
        roles: z.array(roleSchema).min(1).optional(),
        active: z.boolean().optional(),
        pin: pin.optional(),
      })
      .strict(),
    output: doctorSchema,
  },

  // Sign-in (issue 4 §2): 5 wrong PINs lock the doctor out for 5 minutes.
  'auth.signIn': {
    input: z.object({ doctorId: uuid, pin: z.string().max(8) }).strict(),
    output: sessionSchema,
  },
  'auth.signOut': { input: empty, output: ok },
  'auth.session': { input: empty, output: sessionSchema.nullable() },

  // Shifts (R-SHIFT-1)
  'shift.open': { input: empty, output: shiftSchema },
  'shift.close': { input: z.object({ shiftId: uuid }).strict(), output: shiftSummarySchema },
  'shift.current': { input: empty, output: shiftSchema.nullable() },
  'shift.summary': { input: z.object({ shiftId: uuid }).strict(), output: shiftSummarySchema },
  /**
   * A doctor's shifts with the shift.summary figures, newest first, at most 200.
   * Own shifts by default; another doctor's only for a supervisor. With from/to: the shifts
   * that overlap [from, to) (an open shift reaches to now).
   */
  'shift.list': {
    input: z
      .object({ doctorId: uuid.optional(), from: instant.optional(), to: instant.optional() })
      .strict(),
    output: z.array(shiftSummarySchema),
  },

  // Contacts (docs/rules.md §3). Instants come from the host clock, never from the renderer.
  'contact.start': {
    input: z.object({ kind: z.enum(['telefon', 'video-forvisiteret']) }).strict(),
    output: contactSchema,
  },
  /** Autosave of the open call's fields (debounced in the renderer). */
  'contact.update': {
    input: z.object({ id: uuid, patch: contactFieldsSchema.partial().strict() }).strict(),
    output: contactSchema,
  },
  'contact.escalate': {
    input: z.object({ id: uuid, toDoctorId: uuid.optional() }).strict(),
    output: contactSchema,
  },
  'contact.videoConnected': { input: z.object({ id: uuid }).strict(), output: contactSchema },
  'contact.videoFailed': {
    input: z.object({ id: uuid, reason: text(500).trim().min(1) }).strict(),
    output: contactSchema,
  },
  'contact.videoEnded': { input: z.object({ id: uuid }).strict(), output: contactSchema },
  'contact.end': { input: z.object({ id: uuid }).strict(), output: contactSchema },
  'contact.correct': {
    input: z
      .object({
        id: uuid,
        patch: contactFieldsSchema.partial().strict(),
        reason,
        /** R-PHONE-1: a corrected answered instant (e.g. a wrong phone-system instant); re-prices. */
        answeredAt: instant.optional(),
      })
      .strict(),
    output: contactSchema,
  },
  'contact.void': { input: z.object({ id: uuid, reason }).strict(), output: contactSchema },
  'contact.get': { input: z.object({ id: uuid }).strict(), output: contactSchema },
  /** The signed-in doctor's open call, if any (restored after a renderer reload). */
  'contact.current': { input: empty, output: contactSchema.nullable() },
  'contact.listByShift': {
    input: z.object({ shiftId: uuid }).strict(),
    output: z.array(contactSchema),
  },
  'contact.history': { input: z.object({ id: uuid }).strict(), output: z.array(revisionSchema) },

  // Clock and band (R-TIME-1)
  'clock.now': { input: empty, output: bandNowSchema },

  // Local load per doctor (R-LOAD-1)
  'load.local': {
    input: z.object({ from: instant, to: instant }).strict(),
    output: loadReportSchema,
  },

  // Rule sets (R-RULE-1)
  'rules.list': { input: empty, output: z.array(ruleSetInfoSchema) },
  'rules.import': {
    input: z.object({ json: z.string().max(1_000_000) }).strict(),
    output: ruleSetInfoSchema,
  },

  // Claims (docs/rules.md §6): preview, export (marks as claimed), list, reprint. See ./claims.ts.
  ...claimMethods,

  // Sync link (issue 7, docs/sync-protocol.md): see ./sync.ts.
  ...syncMethods,

  // Display settings per workstation (issue 16): see ./settings.ts.
  ...settingsMethods,
  // Phone link (R-PHONE-1, docs/phone-link.md): see ./phone.ts.
  ...phoneMethods,
  // The claims office's audit for supervisors (R-AUDIT-1): see ./audit.ts.
  ...auditMethods,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
