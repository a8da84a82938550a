// The page either shell shows when the database cannot be used (corrupt, newer than the app,
// or a failed migration), in Danish, with where the backups are.
import { DatabaseOpenError } from '../db/errors';
import { withCspMeta } from './csp';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function databaseErrorPage(err: unknown, dataDir: string): string {
  const kind = err instanceof DatabaseOpenError ? err.kind : 'unknown';
  const title =
    kind === 'too-new'
      ? 'Databasen er fra en nyere version af Vagtkonsol'
      : kind === 'corrupt'
        ? 'Databasen er beskadiget'
        : 'Databasen kunne ikke åbnes';
  const detail = err instanceof Error ? err.message : String(err);
  return withCspMeta(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vagtkonsol – ${esc(title)}</title></head>
<body><main role="alert" data-db-state="${esc(kind)}"><h1>${esc(title)}</h1>
<p>Vagtkonsol har ikke ændret noget. Kontakt support før du fortsætter.</p>
<p>Datamappe: <code>${esc(dataDir)}</code>. Daglige sikkerhedskopier ligger i <code>backups/</code> i datamappen.</p>
<details><summary>Teknisk besked</summary><pre>${esc(detail)}</pre></details></main></body></html>`);
}
