// `price`: JSON lines in, one JSON line out per input, in order (docs/rules.md §8). A bad line gets an
// error object and the run goes on.
import { pricingInputSchema } from '../../shared/pricing/input';
import type { Tariff } from '../../shared/tariff';
import { danishIssues } from './zod-da';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** One input line as bytes: invalid UTF-8 is an error for that line, never silently replaced. */
export function priceBytes(tariff: Tariff, raw: Uint8Array, lineNo: number): PriceLineOutcome {
  let text: string;
  try {
    text = utf8Strict.decode(raw);
  } catch {
    return error(null, 'INVALID_UTF8', `Linje ${lineNo} er ikke gyldig UTF-8.`);
  }
  return priceLine(tariff, text, lineNo);
}

export interface PriceLineOutcome {
  text: string;
  failed: boolean;
}

export function priceLine(tariff: Tariff, raw: string, lineNo: number): PriceLineOutcome {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return error(null, 'INVALID_JSON', `Linje ${lineNo} er ikke gyldig JSON.`);
  }
  // Echo whatever identifies the line back, so a caller can match the error to its input.
  const rawId = data && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  const parsed = pricingInputSchema.safeParse(data);
  if (!parsed.success) {
    return error(
      id,
      'INVALID_INPUT',
      `Linje ${lineNo} kan ikke prises: ${danishIssues(parsed.error)}`,
    );
  }
  const r = tariff.price(parsed.data);
  return {
    failed: false,
    text: JSON.stringify({
      id: parsed.data.id,
      band: r.band,
      lines: r.lines.map((l) => ({ code: l.code, amountOre: l.amountOre })),
      flags: r.flags,
    }),
  };
}

function error(id: string | number | null, code: string, message: string): PriceLineOutcome {
  return { failed: true, text: JSON.stringify({ id, error: { code, message } }) };
}
