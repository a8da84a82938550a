// R-FEE-6: unit price = round-half-up(base × factor) in whole øre. The factor is a decimal
// string, so the product is exact integer arithmetic (BigInt), never a float.

export function regulate(baseOre: number, factor: string): number {
  const [whole, frac = ''] = factor.split('.');
  const den = 10n ** BigInt(frac.length);
  const num = BigInt(whole! + frac);
  const product = BigInt(baseOre) * num; // = base × factor × den
  // round half up for non-negative amounts: floor((2p + den) / (2 den))
  return Number((2n * product + den) / (2n * den));
}
