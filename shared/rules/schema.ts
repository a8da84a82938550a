// R-RULE-1: a rule set is data, validated by this one schema.
import { z } from 'zod';
import { SERVICE_IDS } from '../types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const bandId = z.enum(['A', 'B', 'C', 'DAY']);

/** A day's bands as consecutive segments; the first starts at 00:00 and the last runs to 24:00. */
const daySegments = z
  .array(z.object({ start: clock, band: bandId }))
  .min(1)
  .refine((s) => s[0]?.start === '00:00', 'first segment must start at 00:00')
  .refine(
    (s) => s.every((seg, i) => i === 0 || seg.start > s[i - 1]!.start),
    'segments must be in increasing order',
  );

/** Band schedule per kind of day (R-BAND-5), in force from a date. */
export const bandScheduleSchema = z.object({
  from: isoDate,
  weekday: daySegments,
  saturday: daySegments,
  sunday: daySegments,
  holiday: daySegments,
});

/** Optional holidays (R-HOL-2); the statutory ones of R-HOL-1 are always on. */
export const holidayOptionsSchema = z.object({
  grundlovsdag: z.boolean(),
  juleaftensdag: z.boolean(),
  nytaarsaftensdag: z.boolean(),
  /** Last year Store bededag was a holiday (abolished from 2024). */
  storeBededagUntil: z.number().int(),
});

const ore = z.number().int().nonnegative();

/** Fee amounts in øre for one agreement year (docs/rules.md §4 table). */
export const feePeriodSchema = z.object({
  from: isoDate,
  agreementYear: z.number().int().positive(),
  fees: z.object({
    'TLF-A': ore,
    'TLF-B': ore,
    'TLF-C': ore,
    'VIDEO-A': ore,
    'VIDEO-B': ore,
  }),
});

/** Regulation factor as a decimal string, so the arithmetic stays exact (R-FEE-6). */
export const indexEntrySchema = z.object({
  from: isoDate,
  factor: z.string().regex(/^\d+(\.\d{1,8})?$/, 'expected a decimal like "1.0523"'),
});

export const ruleSetSchema = z.object({
  schema: z.literal(1),
  id: z.string().min(1).max(100),
  name: z.string().min(1),
  validFrom: isoDate,
  /** Inclusive last date, or null for open-ended. */
  validTo: isoDate.nullable(),
  bandSchedules: z.array(bandScheduleSchema).min(1),
  holidays: holidayOptionsSchema,
  feePeriods: z.array(feePeriodSchema).min(1),
  /** From this date the last fee period is a continuation (R-FEE-2): flagged on claims. */
  continuationFrom: isoDate.nullable(),
  /** Price level the base amounts are given in. */
  priceLevel: z.string().min(1),
  index: z.array(indexEntrySchema).default([]),
  serviceCodes: z.record(z.enum(SERVICE_IDS), z.string().nullable()),
  loadThresholds: z.object({
    amber: z.number().int().positive(),
    red: z.number().int().positive(),
  }),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type BandSchedule = z.infer<typeof bandScheduleSchema>;
export type FeePeriod = z.infer<typeof feePeriodSchema>;
