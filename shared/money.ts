// Money is integer øre everywhere (never floats); shown Danish style: "1.234,56 kr.".

export function assertOre(ore: number): void {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`amount must be whole øre: ${ore}`);
}

/** 123456 → "1.234,56" (no unit). Negative amounts get a leading "-". */
export function formatOre(ore: number): string {
  assertOre(ore);
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kroner = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const oere = String(abs % 100).padStart(2, '0');
  return `${sign}${kroner},${oere}`;
}

/** 123456 → "1.234,56 kr." */
export function formatKr(ore: number): string {
  return `${formatOre(ore)} kr.`;
}

/** Decimal-comma amount for Danish spreadsheets, no thousands separator: 123456 → "1234,56". */
export function formatOreForCsv(ore: number): string {
  assertOre(ore);
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

export function sumOre(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    assertOre(v);
    total += v;
  }
  assertOre(total);
  return total;
}
