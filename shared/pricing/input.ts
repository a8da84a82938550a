// The `price` command's input line (docs/rules.md §8), validated by one schema.
import { z } from 'zod';
import { text } from '../contract/models';
import { parseInstant } from '../time';
import { MAX_CONTACT_MS } from '../record/possible';

const isoInstant = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== null, {
    message: 'ikke et virkeligt ISO-8601-tidspunkt med zone (Z eller ±tt:mm)',
    params: { reason: 'INSTANT' },
  });

export const pricingInputSchema = z
  .object({
    id: text(200).min(1),
    kind: z.enum(['telefon', 'video-forvisiteret']),
    answeredAt: isoInstant,
    video: z
      .object({
        connectedAt: isoInstant.nullable(),
        failedAt: isoInstant.nullable().optional(),
      })
      .nullable(),
    group: z.union([z.literal(1), z.literal(2)]),
  })
  .superRefine((p, ctx) => {
    // R-REC-1: the video's instants follow the answer, within a possible contact's length.
    const answered = parseInstant(p.answeredAt);
    if (answered === null || !p.video) return;
    const { connectedAt, failedAt } = p.video;
    if (connectedAt !== null && failedAt != null)
      ctx.addIssue({
        code: 'custom',
        path: ['video'],
        message: 'video kan ikke både være forbundet og mislykket',
        params: { reason: 'VIDEO_CONNECTED_AND_FAILED' },
      });
    for (const [k, v] of [
      ['connectedAt', connectedAt],
      ['failedAt', failedAt ?? null],
    ] as const) {
      const t = v === null ? null : parseInstant(v);
      if (t === null) continue;
      if (t < answered)
        ctx.addIssue({
          code: 'custom',
          path: ['video', k],
          message: 'ligger før opkaldet blev besvaret',
          params: { reason: 'VIDEO_BEFORE_ANSWERED' },
        });
      else if (t - answered > MAX_CONTACT_MS)
        ctx.addIssue({
          code: 'custom',
          path: ['video', k],
          message: 'en kontakt varer højst 24 timer',
          params: { reason: 'TOO_LONG' },
        });
    }
  });
export type PricingInputLine = z.infer<typeof pricingInputSchema>;
