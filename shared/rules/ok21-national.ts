// The built-in rule set: OK21 (RLTN/PLO), sections 5.1 and 6.1, April-2021 price level.
// Amounts and schedule: docs/rules.md §1, §2, §4. This file is data; rules/schema.ts validates it.
import { ruleSetSchema, type RuleSet } from './schema';

const weekday = [
  { start: '00:00', band: 'C' },
  { start: '08:00', band: 'DAY' },
  { start: '16:00', band: 'A' },
  { start: '22:00', band: 'B' },
] as const;
const saturday = [
  { start: '00:00', band: 'C' },
  { start: '08:00', band: 'A' },
  { start: '20:00', band: 'B' },
] as const;
const sundayOrHoliday = [
  { start: '00:00', band: 'C' },
  { start: '08:00', band: 'B' },
] as const;

export const OK21_NATIONAL: RuleSet = ruleSetSchema.parse({
  schema: 1,
  id: 'ok21-national',
  name: 'OK21 national (RLTN/PLO, lægevagt 5.1 og video 6.1)',
  validFrom: '2022-01-01',
  validTo: null,
  bandSchedules: [
    {
      from: '2022-01-01',
      weekday: [...weekday],
      saturday: [...saturday],
      sunday: [...sundayOrHoliday],
      holiday: [...sundayOrHoliday],
    },
  ],
  holidays: {
    grundlovsdag: true,
    juleaftensdag: true,
    nytaarsaftensdag: true,
    storeBededagUntil: 2023,
  },
  feePeriods: [
    {
      from: '2022-01-01',
      agreementYear: 1,
      fees: { 'TLF-A': 7213, 'TLF-B': 9418, 'TLF-C': 10089, 'VIDEO-A': 22915, 'VIDEO-B': 28449 },
    },
    {
      from: '2023-01-01',
      agreementYear: 2,
      fees: { 'TLF-A': 7213, 'TLF-B': 9418, 'TLF-C': 10089, 'VIDEO-A': 21634, 'VIDEO-B': 26859 },
    },
    {
      from: '2024-01-01',
      agreementYear: 3,
      fees: { 'TLF-A': 7213, 'TLF-B': 9418, 'TLF-C': 10089, 'VIDEO-A': 20353, 'VIDEO-B': 25268 },
    },
  ],
  continuationFrom: '2025-01-01',
  priceLevel: 'april 2021-niveau',
  index: [],
  serviceCodes: { 'TLF-A': null, 'TLF-B': null, 'TLF-C': null, 'VIDEO-A': null, 'VIDEO-B': null },
  loadThresholds: { amber: 12, red: 20 },
});
