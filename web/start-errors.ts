// Why browser mode could not start, in Danish, naming the folder (a full disk, no write access,
// a taken port) instead of a stack trace.
import { isDiskFull } from '../host/db/errors';

export function describeStartError(err: unknown, dataDir: string): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (isDiskFull(err))
    return `Vagtkonsol kan ikke starte: disken med datamappen ${dataDir} er fuld. Frigør plads på den disk, og start igen. Intet gemt er tabt.`;
  if (/^(EACCES|EPERM|EROFS)$/.test(code) || /^SQLITE_(READONLY|PERM|CANTOPEN)/.test(code))
    return `Vagtkonsol kan ikke starte: ingen skriveadgang til datamappen ${dataDir} (${code}).`;
  if (code === 'EADDRINUSE')
    return 'Vagtkonsol kan ikke starte: porten er optaget. Vælg en anden med --port N (eller --port 0).';
  return `Vagtkonsol kan ikke starte: ${err instanceof Error ? err.message : String(err)}`;
}
