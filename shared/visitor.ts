// R-CON-3: a visitor without CPR is identified by birth date, country (an EU/EEA country or
// "andet" land) and four letters (conventionally the first two of the first and last name).
import { parseIsoDate } from './calendar/civil';

/** EU and EEA countries plus Switzerland (the EHIC area), ISO 3166-1 alpha-2. */
export const EU_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DE',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
  'CH',
] as const;

export type VisitorError = 'VISITOR_DATE' | 'VISITOR_COUNTRY' | 'VISITOR_LETTERS';
export type VisitorResult =
  | { ok: true; birthDate: string; country: string; letters: string }
  | { ok: false; code: VisitorError; message: string };

const MESSAGES: Record<VisitorError, string> = {
  VISITOR_DATE: 'Fødselsdatoen skal være en gyldig dato (ÅÅÅÅ-MM-DD) og ikke i fremtiden.',
  VISITOR_COUNTRY: 'Vælg et EU/EØS-land eller "andet land".',
  VISITOR_LETTERS: 'Angiv fire bogstaver (A–Å).',
};

export function parseVisitor(
  input: { birthDate: string; country: string; letters: string },
  today?: string,
): VisitorResult {
  const birthDate = input.birthDate.trim();
  if (parseIsoDate(birthDate) === null || (today !== undefined && birthDate > today)) {
    return fail('VISITOR_DATE');
  }
  const country = input.country.trim();
  const countryOk = country === 'andet' || (EU_COUNTRIES as readonly string[]).includes(country);
  if (!countryOk) return fail('VISITOR_COUNTRY');
  const letters = input.letters.trim().toLocaleUpperCase('da-DK');
  if (!/^[A-ZÆØÅ]{4}$/.test(letters)) return fail('VISITOR_LETTERS');
  return { ok: true, birthDate, country, letters };
}

function fail(code: VisitorError): VisitorResult {
  return { ok: false, code, message: MESSAGES[code] };
}
