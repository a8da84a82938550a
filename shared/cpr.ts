// R-CPR-1: a CPR number is 10 digits, DDMMYY-SSSS; the first six are a real date, the century
// comes from the 7th digit by CPR-kontoret's table. No modulus-11 check (numbers without it
// have been issued since 2007). Errors carry a stable code and a Danish message.
import { dayNumber, civilFromDay } from './calendar/civil';

export type CprError = 'CPR_FORMAT' | 'CPR_DATE' | 'CPR_FUTURE';
export type CprResult =
  { ok: true; cpr: string; birthDate: string } | { ok: false; code: CprError; message: string };

const MESSAGES: Record<CprError, string> = {
  CPR_FORMAT: 'CPR-nummeret skal være 10 cifre (DDMMÅÅ-LLLL).',
  CPR_DATE: 'CPR-nummerets første seks cifre er ikke en gyldig dato.',
  CPR_FUTURE: 'CPR-nummerets fødselsdato ligger i fremtiden.',
};

/** Full birth year from the two-digit year and the 7th digit (the official table). */
export function cprCentury(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return (yy <= 36 ? 2000 : 1900) + yy;
  return (yy <= 57 ? 2000 : 1800) + yy; // 5–8
}

/**
 * Parses "DDMMYY-SSSS", "DDMMYYSSSS" or "DDMMYY SSSS".
 * @param today optional local date (YYYY-MM-DD); when given, a birth date after it is refused.
 */
export function parseCpr(input: string, today?: string): CprResult {
  const m = /^\s*(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})\s*$/.exec(input);
  if (!m) return fail('CPR_FORMAT');
  const [dd, mm, yy, serial] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]!];
  const year = cprCentury(yy, Number(serial[0]));
  const n = dayNumber(year, mm, dd);
  const back = civilFromDay(n);
  if (mm < 1 || mm > 12 || back.month !== mm || back.day !== dd) return fail('CPR_DATE');
  const birthDate = `${year}-${m[2]}-${m[1]}`;
  if (today !== undefined && birthDate > today) return fail('CPR_FUTURE');
  return { ok: true, cpr: `${m[1]}${m[2]}${m[3]}${serial}`, birthDate };
}

function fail(code: CprError): CprResult {
  return { ok: false, code, message: MESSAGES[code] };
}

/** "0101901234" → "010190-1234" */
export function formatCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
}

/** "0101901234" → "010190-XXXX": lists and screens show no serial. */
export function maskCpr(cpr: string): string {
  return `${cpr.slice(0, 6)}-XXXX`;
}
