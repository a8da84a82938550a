// Clock hours for R-LOAD-1. Denmark's UTC offset is always a whole number of hours, so the
// UTC hour grid is the Danish clock-hour grid, also across the summer-time switch.
export const HOUR_MS = 3_600_000;

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/**
 * Splits answered→ended talk time across the clock hours it touches. Seconds are whole and
 * computed from cumulative floors, so the parts always add up to the whole call's seconds.
 */
export function splitAcrossHours(
  fromMs: number,
  toMs: number,
): Array<{ hourMs: number; seconds: number }> {
  if (!(toMs > fromMs)) return [{ hourMs: hourStart(fromMs), seconds: 0 }];
  const out: Array<{ hourMs: number; seconds: number }> = [];
  for (let h = hourStart(fromMs); h < toMs; h += HOUR_MS) {
    const a = Math.max(fromMs, h) - fromMs;
    const b = Math.min(toMs, h + HOUR_MS) - fromMs;
    out.push({ hourMs: h, seconds: Math.floor(b / 1000) - Math.floor(a / 1000) });
  }
  return out;
}
