// Message lookup for the active language (ui store). Danish is the default.
import { ERROR_CODES, HostError } from '../../shared/contract/errors';
import { useUi } from '../stores/ui';
import { da, type Catalogue, type MessageKey } from './da';
import { en } from './en';

export type Lang = 'da' | 'en';
export const catalogues: Record<Lang, Catalogue> = { da, en };
export type { MessageKey };

export type Vars = Record<string, string | number>;

export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return format(catalogues[lang][key] ?? da[key], vars);
}

export type T = (key: MessageKey, vars?: Vars) => string;

/** Hook: the translate function for the current language. */
export function useT(): T {
  const lang = useUi((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}

/** Non-hook access (event handlers, stores). */
export function t(key: MessageKey, vars?: Vars): string {
  return translate(useUi.getState().lang, key, vars);
}

const errorCodes = new Set<string>(ERROR_CODES);

/** Danish (or English) text for any error the client may throw. */
export function errorText(err: unknown, tr: T = t): string {
  // The browser bridge reports an unreachable host as INTERNAL "Vagtkonsol svarer ikke" or
  // "HTTP <status>": that is a lost connection, not an internal error.
  if (
    err instanceof HostError &&
    err.code === 'INTERNAL' &&
    /svarer ikke|^HTTP \d+/.test(err.message)
  ) {
    return tr('error.TRANSPORT');
  }
  if (err instanceof HostError && err.code === 'DISK_FULL') {
    return tr('error.DISK_FULL', { disk: err.details?.disk ?? '' });
  }
  if (err instanceof HostError && errorCodes.has(err.code)) {
    return tr(`error.${err.code}` as MessageKey);
  }
  return tr('error.TRANSPORT');
}

/** Text for a field-level detail code (e.g. CPR_DATE or a zod issue code). */
export function fieldText(code: string, tr: T = t): string {
  const key = `field.${code}` as MessageKey;
  if (key in da) return tr(key);
  return tr('field.unknown', { code });
}

/**
 * Field errors from a HostError's details. Keys may be a plain field ("cpr", "patient") or a
 * zod path ("patch.patient.cpr"); they are reduced to the top-level field of the form.
 */
export function fieldErrors(err: unknown, tr: T = t): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof HostError) || !err.details) return out;
  for (const [path, code] of Object.entries(err.details)) {
    const parts = path.split('.').filter((p) => p !== 'patch' && p !== 'input');
    const field =
      parts[0] === 'cpr' ||
      parts[0] === 'birthDate' ||
      parts[0] === 'letters' ||
      parts[0] === 'country'
        ? 'patient'
        : (parts[0] ?? '_');
    out[field] = fieldText(code, tr);
  }
  return out;
}
