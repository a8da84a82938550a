// The `price` command's input line (docs/rules.md §8), validated by one schema.
import { z } from 'zod';
import { parseInstant } from '../time';

const isoInstant = z
  .string()
  .refine((s) => parseInstant(s) !== null, 'expected an ISO-8601 instant with zone (Z or ±hh:mm)');

export const pricingInputSchema = z.object({
  id: z.string().min(1).max(200),
  kind: z.enum(['telefon', 'video-forvisiteret']),
  answeredAt: isoInstant,
  video: z
    .object({
      connectedAt: isoInstant.nullable(),
      failedAt: isoInstant.nullable().optional(),
    })
    .nullable(),
  group: z.union([z.literal(1), z.literal(2)]),
});
export type PricingInputLine = z.infer<typeof pricingInputSchema>;
