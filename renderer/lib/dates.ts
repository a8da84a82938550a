// Calendar dates typed and shown the Danish way, dd.mm.åååå, whatever the browser's or the
// operating system's locale (a native <input type="date"> follows that locale, not the page).
// The stores keep ISO dates (YYYY-MM-DD); text that is not (yet) a date is kept as typed.

/** "dd.mm.åååå" for an ISO date; anything else unchanged (text being typed). */
export function toDanishDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m && isRealDate(+m[1]!, +m[2]!, +m[3]!) ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/**
 * The ISO date for typed text, or null when it is not a whole, real date. Accepts d.m.åååå with
 * `.`, `-`, `/` or space between the parts, ddmmåååå, and an ISO date (pasted).
 */
export function parseDanishDate(text: string): string | null {
  const s = text.trim();
  let d: number, m: number, y: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) {
    [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  } else if ((match = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/.exec(s))) {
    [d, m, y] = [+match[1]!, +match[2]!, +match[3]!];
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [d, m, y] = [+match[1]!, +match[2]!, +match[3]!];
  } else {
    return null;
  }
  if (!isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
