// `price`: JSON lines in, one JSON line out per input, in order (docs/rules.md §8). A bad line gets an
// error object and the run goes on.
import { pricingInputSchema } from '../../shared/pricing/input';
import type { Tariff } from '../../shared/tariff';

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
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(linjen)'}: ${i.message}`)
      .join('; ');
    return error(id, 'INVALID_INPUT', `Linje ${lineNo} kan ikke prises: ${where}`);
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
