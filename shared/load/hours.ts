// Clock hours for R-LOAD-1. Denmark's UTC offset is always a whole number of hours, so the
// UTC hour grid is the Danish clock-hour grid, also across the summer-time switch.
export const HOUR_MS = 3_600_000;

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** Clock hours [fromMs, toMs) a question asks about; work is bounded by it, not by a record. */
export interface HourWindow {
  fromMs: number;
  toMs: number;
}

/**
 * Splits answered→ended talk time across the clock hours it touches. Seconds are whole and
 * computed from cumulative floors, so the parts always add up to the whole call's seconds.
 * With a window only the hours inside it are produced, so a record ending in year 9999 costs
 * no more than the window (issue 12).
 */
export function splitAcrossHours(
  fromMs: number,
  toMs: number,
  window?: HourWindow,
): Array<{ hourMs: number; seconds: number }> {
  const inside = (h: number) => !window || (h >= window.fromMs && h < window.toMs);
  if (!(toMs > fromMs)) {
    const h = hourStart(fromMs);
    return inside(h) ? [{ hourMs: h, seconds: 0 }] : [];
  }
  const out: Array<{ hourMs: number; seconds: number }> = [];
  const first = window ? Math.max(hourStart(fromMs), hourStart(window.fromMs)) : hourStart(fromMs);
  const last = window ? Math.min(toMs, window.toMs) : toMs;
  for (let h = first; h < last; h += HOUR_MS) {
    const a = Math.max(fromMs, h) - fromMs;
    const b = Math.min(toMs, h + HOUR_MS) - fromMs;
    out.push({ hourMs: h, seconds: Math.floor(b / 1000) - Math.floor(a / 1000) });
  }
  return out;
}
